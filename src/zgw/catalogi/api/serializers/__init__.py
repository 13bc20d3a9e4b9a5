"""Serializers of the Catalogi API 1.3.3: shape only (names, types, lengths, required-ness).

Validated data uses the model's field names; relation lists stay raw strings (URL or name) and are resolved by
:mod:`zgw.catalogi.services`, which also enforces every ztc rule.
"""

from __future__ import annotations

from .catalogus import CatalogusSerializer, CatalogusUpdateSerializer
from .common import (
    API,
    GeldigheidFields,
    InheritedDateField,
    SubTypeFields,
    ZaaktypeCatalogusField,
    _ref,
    _sub_catalogus,
)
from .main_types import (
    BesluitTypeCreateSerializer,
    BesluitTypePostResponseSerializer,
    BesluitTypeSerializer,
    InformatieObjectTypeOmschrijvingGeneriekSerializer,
    InformatieObjectTypeSerializer,
)
from .sub_types import (
    BrondatumArchiefprocedureSerializer,
    CheckListItemSerializer,
    EigenschapSerializer,
    EigenschapSpecificatieSerializer,
    ResultaatTypeCreateSerializer,
    ResultaatTypeSerializer,
    ResultaatTypeUpdateSerializer,
    RolTypeSerializer,
    StatusTypeSerializer,
    ZaakObjectTypeSerializer,
    ZaakTypeInformatieObjectTypeSerializer,
)
from .zaaktypen import (
    BronCatalogusSerializer,
    BronZaaktypeSerializer,
    GerelateerdZaaktypeField,
    ReferentieProcesSerializer,
    ZaakTypeCreateSerializer,
    ZaakTypenRelatieCreateSerializer,
    ZaakTypenRelatieSerializer,
    ZaakTypeSerializer,
    ZaakTypeUpdateSerializer,
)

__all__ = [
    "API",
    "_ref",
    "ZaaktypeCatalogusField",
    "_sub_catalogus",
    "GeldigheidFields",
    "InheritedDateField",
    "SubTypeFields",
    "CatalogusSerializer",
    "CatalogusUpdateSerializer",
    "ReferentieProcesSerializer",
    "BronCatalogusSerializer",
    "BronZaaktypeSerializer",
    "GerelateerdZaaktypeField",
    "ZaakTypenRelatieSerializer",
    "ZaakTypenRelatieCreateSerializer",
    "ZaakTypeSerializer",
    "ZaakTypeCreateSerializer",
    "ZaakTypeUpdateSerializer",
    "CheckListItemSerializer",
    "StatusTypeSerializer",
    "RolTypeSerializer",
    "BrondatumArchiefprocedureSerializer",
    "ResultaatTypeSerializer",
    "ResultaatTypeCreateSerializer",
    "ResultaatTypeUpdateSerializer",
    "EigenschapSpecificatieSerializer",
    "EigenschapSerializer",
    "ZaakObjectTypeSerializer",
    "ZaakTypeInformatieObjectTypeSerializer",
    "InformatieObjectTypeOmschrijvingGeneriekSerializer",
    "InformatieObjectTypeSerializer",
    "BesluitTypeSerializer",
    "BesluitTypePostResponseSerializer",
    "BesluitTypeCreateSerializer",
]

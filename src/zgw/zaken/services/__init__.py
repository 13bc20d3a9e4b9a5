"""Every write of the Zaken API and the zrc rules it enforces (one transaction per request, see viewsets).

The writes live in modules by responsibility (``common``: shared helpers, audit/notification, the
generic sub-resource writes; ``zaak``; ``status``; ``relations``: zaakinformatieobjecten and zaakbesluiten;
``rol``); every name stays importable as ``zgw.zaken.services.<name>``.
"""

from __future__ import annotations

from .common import (  # noqa: F401
    BRON,
    IDENTIFICATIE_KIND,
    KANAAL,
    SCOPE_AANMAKEN,
    SCOPE_BIJWERKEN,
    SCOPE_GEFORCEERD,
    SCOPE_HEROPENEN,
    SCOPE_LEZEN,
    SCOPE_STATUSSEN,
    SCOPE_VERWIJDEREN,
    Render,
    _document_field,
    _log,
    _norm,
    check_zaak_allowed,
    check_zrc_007_closed,
    destroy_sub,
    error,
    kenmerken,
    save_sub,
    sub_url,
    validate_type_in_zaaktype,
    zaak_url,
)
from .relations import (  # noqa: F401
    _informatieobjecttype_of,
    _mirror_zio,
    _remote_api_root,
    _status_of,
    _unmirror_zio,
    _zaakbesluit_body,
    create_zaakbesluit_direct,
    create_zio,
    destroy_zaakbesluit_direct,
    destroy_zio,
    link_besluit,
    unlink_besluit,
    update_zio,
    validate_zrc_017_informatieobjecttype,
    zaak_has_informatieobject,
)
from .rol import (  # noqa: F401
    IDENT_KEYS,
    create_rol,
    ident_key,
    validate_rol_max_occurences,
)
from .status import (  # noqa: F401
    close_zaak,
    create_status,
    status_before_startdatum,
)
from .zaak import (  # noqa: F401
    ZAAK_FIELDS,
    _apply_zaaktype,
    _assign,
    _check_new_zaak_rules,
    _with_deelzaken,
    _without_relations,
    check_create_zaak_rules,
    create_zaak,
    destroy_zaak,
    generate_identificatie,
    set_geometry,
    update_zaak,
    validate_zrc_001_zaaktype,
    validate_zrc_002_identificatie,
    validate_zrc_013_hoofdzaak,
    validate_zrc_014_betaling,
    validate_zrc_015_producten,
    validate_zrc_022_archiefstatus,
    validate_zrc_023_no_besluiten,
)

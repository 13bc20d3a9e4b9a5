"""Writes of the Catalogi API and the ztc rules they enforce (catalogi.md §5).

Every public function runs inside the request's transaction (``ZGWGenericViewSet.dispatch``); the ones that change a
main type publish the notification through the outbox.
"""

from .base import (  # noqa: F401
    resolve_relation,
    resolve_relations,
    validate_geldigheid,
    validate_no_overlap,
    validate_ztc_009_concept,
    validate_ztc_010_zaaktype_concept,
)
from .main_types import (  # noqa: F401
    create_besluittype,
    create_catalogus,
    create_informatieobjecttype,
    create_zaaktype,
    delete_besluittype,
    delete_informatieobjecttype,
    delete_zaaktype,
    publish,
    update_besluittype,
    update_catalogus,
    update_informatieobjecttype,
    update_zaaktype,
    validate_rsin,
    validate_ztc_001_selectielijst_procestype,
    validate_ztc_016_no_overlap,
)
from .resultaattypen import (  # noqa: F401
    save_resultaattype,
    validate_brondatum_archiefprocedure,
    validate_ztc_002_resultaattype,
    validate_ztc_003_afleidingswijze,
)
from .sub_types import (  # noqa: F401
    delete_subtype,
    delete_ziot,
    save_eigenschap,
    save_roltype,
    save_statustype,
    save_zaakobjecttype,
    save_ziot,
    validate_eigenschap_specificatie,
    validate_ztc_015_datum_lengte,
)

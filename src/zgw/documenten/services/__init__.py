"""Writes of the Documenten API and the drc rules they enforce.

Every function runs inside the request's transaction (``ZGWGenericViewSet.dispatch``) or its own atomic block,
writes the audit trail (bron ``drc``) and the outbox notification (kanaal ``documenten``).

The writes live in modules by responsibility (``common``: autorisatie, audit trail and notifications;
``documents``: the drc rules and the document writes; ``parts``: locking and bestandsdelen; ``rechten``:
gebruiksrechten and verzendingen; the objectinformatieobject mirror is ``documenten.relations``); every name stays
importable as ``zgw.documenten.services.<name>``.
"""

from __future__ import annotations

from ..relations import (  # noqa: F401 - re-exported contract for Zaken/Besluiten
    create_objectinformatieobject,
    destroy_objectinformatieobject,
    link_object,
    unlink_object,
)
from .common import (  # noqa: F401
    BRON,
    COMPONENT,
    IDENTIFICATIE_KIND,
    KANAAL,
    Render,
    _audit,
    _error,
    _kenmerken,
    _notify,
    check_allowed,
    document_subject,
)
from .documents import (  # noqa: F401
    VERSION_FIELDS,
    _apply_content,
    _check_identificatie_unique,
    _create_parts,
    _drop_parts,
    _flatten_groups,
    _save_identity,
    _set_type,
    _sync_identity,
    create_document,
    destroy_document,
    generate_identificatie,
    update_document,
    validate_drc_001_informatieobjecttype,
    validate_drc_005_status,
    validate_drc_006_indicatie_gebruiksrecht,
    validate_drc_009_lock,
)
from .parts import (  # noqa: F401
    lock_document,
    unlock_document,
    upload_part,
)
from .rechten import (  # noqa: F401
    _addresses_filled,
    _set_indicatie,
    create_gebruiksrechten,
    destroy_gebruiksrechten,
    destroy_verzending,
    save_verzending,
    update_gebruiksrechten,
    validate_verzending_address,
)

__all__ = [
    "create_document",
    "update_document",
    "destroy_document",
    "lock_document",
    "unlock_document",
    "upload_part",
    "create_gebruiksrechten",
    "update_gebruiksrechten",
    "destroy_gebruiksrechten",
    "save_verzending",
    "destroy_verzending",
    "link_object",
    "unlink_object",
    "create_objectinformatieobject",
    "destroy_objectinformatieobject",
]

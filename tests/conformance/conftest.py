"""Fixtures for the conformance tests: the zaken ones (a published zaaktype with its types) and the documenten ones
(a mocked remote informatieobjecttype, temporary media storage)."""

from tests.documenten.conftest import _media, iotype, mocked  # noqa: F401
from tests.zaken.conftest import (  # noqa: F401
    catalogus,
    eigenschap,
    responses_mock,
    resultaattype,
    roltype,
    statustypen,
    zaaktype,
)

"""The zaken fixtures (a published zaaktype with its types) for the conformance tests."""

from tests.zaken.conftest import catalogus, eigenschap, resultaattype, roltype, statustypen, zaaktype  # noqa: F401

import pytest

from tests.portal.conftest import make_user  # noqa: F401 (the access matrix's sign_in_as needs it)


@pytest.fixture
def guideline(db):
    """A guideline in Japanese with version 1.0 in force."""
    from tests.guidelines.factories import make_guideline

    return make_guideline()

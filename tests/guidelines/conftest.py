import pytest

# Fixtures of the portal's access matrix: sign_in_as, and the make_user it uses.
from tests.portal.conftest import make_user  # noqa: F401
from tests.portal.test_access_matrix import sign_in_as  # noqa: F401


@pytest.fixture(autouse=True)
def search_index_writes(request, settings):
    """Keep saves from writing to the Whoosh index, except in modules that set ``USES_SEARCH_INDEX``.

    Each index write costs tens of milliseconds, and most of these tests publish several versions.
    """
    if getattr(request.module, "USES_SEARCH_INDEX", False):
        return
    backends = {
        name: {**params, "AUTO_UPDATE": False} for name, params in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    settings.WAGTAILSEARCH_BACKENDS = backends


@pytest.fixture
def guideline(db):
    """A guideline in Japanese with version 1.0 in force."""
    from tests.guidelines.factories import make_guideline

    return make_guideline()

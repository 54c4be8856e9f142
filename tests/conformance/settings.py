"""Django settings for running modelsearch's backend test suite against the Whoosh backend.

They extend ``modelsearch.test.settings`` (the settings modelsearch's own test app
uses) with an in-memory SQLite database, a temporary index folder and the folder
holding the ``search`` fixture, which the modelsearch wheel does not ship. That
folder is ``shared/conformance`` beside the repository checkout.
"""

import atexit
import shutil
import tempfile
from pathlib import Path

from modelsearch.test.settings import *  # noqa: F403

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]

FIXTURE_DIRS = [REPOSITORY_ROOT / ".." / "shared" / "conformance"]

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

WHOOSH_INDEX_PATH = tempfile.mkdtemp(prefix="whoosh-conformance-")
atexit.register(shutil.rmtree, WHOOSH_INDEX_PATH, ignore_errors=True)

MODELSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "portal.search.backends.whoosh",
        "PATH": WHOOSH_INDEX_PATH,
        # modelsearch's tests expect FilterFieldError for filters on fields that are not FilterFields.
        "REQUIRE_FILTER_FIELDS": True,
    }
}

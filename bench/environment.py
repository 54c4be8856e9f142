"""Set Django up for a benchmark run from the repository root, on a database in a new temporary folder."""

import os
import sys
import tempfile
from pathlib import Path


def setup_django() -> Path:
    """Point ``PORTAL_VAR_DIR`` at a new temporary folder, set Django up and return the folder."""
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    os.environ["PORTAL_VAR_DIR"] = str(work)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    return work

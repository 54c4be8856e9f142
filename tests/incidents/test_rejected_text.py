"""Text the PII guard rejects is stored nowhere: every database table, the search index, cookies and logs.

Each test sends a unique phone number and email address through one form, then looks for them wherever the
portal keeps anything. Callbacks waiting for the commit run, so that the search index would be updated if
anything were saved.
"""

import logging
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from incidents.models import PatternStatus
from tests.incidents.paths import url
from tests.incidents.test_briefings import briefing_form_data
from tests.incidents.test_patterns import pattern_data

pytestmark = pytest.mark.django_db

PHONE = "090-7391-4482"
# The digits alone, as a phone number may be stored with other separators or none.
DIGITS = "73914482"
EMAIL = "zqxmarker@example.com"
PERSONAL = f"{PHONE} {EMAIL}"


def database_rows_containing(text: str) -> list[str]:
    """Return ``table: row`` for every row of every table that holds ``text``, ``DIGITS`` or the email's name."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names come from the database)
            for row in cursor.fetchall():
                values = " ".join(str(value) for value in row)
                if text in values or DIGITS in values.replace("-", "") or "zqxmarker" in values:
                    found.append(f"{table}: {values[:200]}")
    return found


def index_files_containing(text: str) -> list[str]:
    folder = Path(settings.WAGTAILSEARCH_BACKENDS["default"]["PATH"])
    encoded = text.encode()
    return [str(path) for path in folder.rglob("*") if path.is_file() and encoded in path.read_bytes()]


def assert_stored_nowhere(client, caplog) -> None:
    assert database_rows_containing(PHONE) == []
    assert index_files_containing("zqxmarker") == []
    assert all("zqxmarker" not in cookie.value for cookie in client.cookies.values())
    assert all(DIGITS not in cookie.value.replace("-", "") for cookie in client.cookies.values())
    assert "zqxmarker" not in caplog.text
    assert PHONE not in caplog.text


def test_rejected_pattern_stored_nowhere(
    client, member, site_types, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    client.force_login(member("operator"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("pattern_create"), pattern_data(site_types, description=f"連絡先は{PERSONAL}と書いてきた。")
        )

    assert response.status_code == 200
    assert PHONE in response.content.decode()  # Shown back to its writer, on the form only.
    assert_stored_nowhere(client, caplog)


def test_rejected_return_note_stored_nowhere(
    client, member, make_pattern, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    pattern = make_pattern(member("operator"), status=PatternStatus.SUBMITTED)
    client.force_login(member("secretariat", admin=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("pattern_return", pk=pattern.pk), {"return-note": f"{PERSONAL} を消してください"}
        )

    assert response.status_code == 400
    assert_stored_nowhere(client, caplog)


def test_rejected_briefing_stored_nowhere(client, member, caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    client.force_login(member("police"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("briefing_create"), briefing_form_data(summary=f"保護者の連絡先 {PERSONAL}")
        )

    assert response.status_code == 200
    assert_stored_nowhere(client, caplog)

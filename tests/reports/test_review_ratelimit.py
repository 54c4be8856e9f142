"""Rate limits of the reporter's side against a forged X-Forwarded-For header."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_short_forwarded_for_is_not_a_server_error(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    client = Client(raise_request_exception=False)

    response = client.post(
        "/ja/reports/lookup/",
        {"receipt_number": "ABCD-EFGH-2345", "pin": "12345678"},
        HTTP_X_FORWARDED_FOR="192.0.2.1",
    )

    assert response.status_code == 400


def test_short_forwarded_for_shares_one_limit(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    settings.REPORTS_LOOKUP_FAILURE_LIMIT = 2
    client = Client(raise_request_exception=False)
    statuses = []
    for index in range(3):
        response = client.post(
            "/ja/reports/lookup/",
            {"receipt_number": f"ABCD-EFGH-234{index}", "pin": "12345678"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{index}",
        )
        statuses.append(response.status_code)

    assert statuses == [400, 400, 429]

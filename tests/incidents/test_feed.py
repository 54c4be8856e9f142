"""The coded-term feed: versions, tokens, the rate limit and the audit of every fetch."""

import csv
import datetime
import io

import pytest

from incidents.models import CodedTerm, CodedTermFeed, FeedToken
from incidents.services.feed import create_feed_token
from portal.audit.models import AuditEvent, Outcome
from tests.incidents.paths import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(site_types):
    first = CodedTerm.objects.create(
        term="サポ", meaning_ja="援助の誘い", first_seen=datetime.date(2014, 4, 1)
    )
    first.site_types.set([site_types["chat"]])
    second = CodedTerm.objects.create(
        term="ホ別", meaning_ja="条件の提示", first_seen=datetime.date(2013, 10, 1)
    )
    return [first, second]


@pytest.fixture
def token(member):
    admin = member("operator", admin=True)
    _token, secret = create_feed_token(actor=admin, name="screening")
    return secret


def fetch(client, secret=None, feed="feed_json", **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return client.get(url(feed), params, **headers)


def test_json_feed_lists_terms_with_version(client, terms, token):
    response = fetch(client, token)

    payload = response.json()
    assert payload["version"] == CodedTermFeed.current_version()
    assert [term["term"] for term in payload["terms"]] == ["サポ", "ホ別"]
    assert payload["terms"][0]["site_types"] == ["chat"]


def test_csv_feed_has_header_and_rows(client, terms, token):
    response = fetch(client, token, feed="feed_csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "term", "reading"]
    assert [row[1] for row in rows[1:]] == ["サポ", "ホ別"]


def test_since_returns_changes_and_retirements(client, terms, token):
    version = CodedTermFeed.current_version()
    terms[0].is_active = False
    terms[0].save()

    payload = fetch(client, token, since=version).json()

    assert [(term["term"], term["active"]) for term in payload["terms"]] == [("サポ", False)]


def test_unchanged_feed_answers_not_modified(client, terms, token):
    first = fetch(client, token)

    second = client.get(
        url("feed_json"), HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_IF_NONE_MATCH=first["ETag"]
    )

    assert second.status_code == 304


def test_only_token_hash_stored(token):
    stored = FeedToken.objects.get()

    assert stored.token_hash == FeedToken.hash(token)
    assert token not in {stored.token_hash, stored.prefix, stored.name}


def test_every_fetch_audited(client, terms, token):
    fetch(client, token)
    fetch(client, "csct_wrong")

    events = AuditEvent.objects.filter(action="incidents.coded_terms.feed_fetched").order_by("pk")
    assert [event.outcome for event in events] == [Outcome.SUCCESS, Outcome.DENIED]
    assert "csct_" not in str(list(events.values_list("detail", flat=True)))


def test_rate_limit_answers_429(client, terms, token, settings):
    settings.INCIDENTS_FEED_RATE_LIMIT = 2
    fetch(client, token)
    fetch(client, token)

    response = fetch(client, token)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize("since", ["²", "١٢", "1" * 5000, str(2**70), "-1", "v3"])
def test_invalid_since_answers_400(client, terms, token, since):
    response = fetch(client, token, since=since)

    assert response.status_code == 400
    assert "since" in response.json()["error"]


def test_rate_limit_ignores_forwarded_for(client, terms, settings):
    settings.INCIDENTS_FEED_RATE_LIMIT = 2
    for number in range(2):
        client.get(url("feed_json"), HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")

    response = client.get(
        url("feed_json"), HTTP_X_FORWARDED_FOR="198.51.100.99", HTTP_X_REAL_IP="198.51.100.99"
    )

    assert response.status_code == 429


def test_rate_limit_counts_clients_behind_trusted_proxy_apart(client, terms, settings):
    # Behind a reverse proxy every request comes from the proxy's address; the proxy's X-Forwarded-For
    # entry tells the clients apart once the deployment says how many proxies it runs.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.INCIDENTS_FEED_RATE_LIMIT = 1
    client.get(url("feed_json"), HTTP_X_FORWARDED_FOR="198.51.100.1")

    response = client.get(url("feed_json"), HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert response.status_code == 401  # Refused for want of credentials, not for the other client's request.


def test_revoked_token_rejected(client, member, terms):
    admin = member("operator", admin=True)
    client.force_login(admin)
    _token, secret = create_feed_token(actor=admin, name="old")
    client.post(url("feed_token_revoke", pk=FeedToken.objects.get().pk))
    client.logout()

    response = fetch(client, secret)

    assert response.status_code == 401


def test_rotation_replaces_token(client, member, terms):
    admin = member("operator", admin=True)
    client.force_login(admin)
    original, secret = create_feed_token(actor=admin, name="server")

    response = client.post(url("feed_token_rotate", pk=original.pk))
    client.logout()

    new_secret = response.context["secret"]
    assert fetch(client, secret).status_code == 401
    assert fetch(client, new_secret).status_code == 200


def test_new_token_shown_once_not_cached(client, member):
    client.force_login(member("operator", admin=True))

    response = client.post(url("feed_tokens"), {"name": "server"})

    assert response.context["secret"] in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response.context["secret"] not in str(dict(client.session))


def test_admin_cannot_revoke_other_organizations_token(client, member, token):
    client.force_login(member("operator", admin=True))

    response = client.post(url("feed_token_revoke", pk=FeedToken.objects.get().pk))

    assert response.status_code == 404
    assert FeedToken.objects.get().is_active

"""allauth's emails and sign-in message, which name the portal and the person, not the host and username."""

import pytest
from django.contrib.messages import get_messages

from portal.members.models import User
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NAME = "O'Brien & <Co>"


def sign_up(client, organization, language: str = "en") -> User:
    client.post(
        f"/{language}/accounts/signup/",
        {
            "name": NAME,
            "email": "obrien@example.jp",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "organization": organization.pk,
            "message": "",
        },
    )
    return User.objects.get(email="obrien@example.jp")


def lines_without_links(body: str) -> list[str]:
    return [line for line in body.splitlines() if "://" not in line]


def test_confirmation_email_names_portal_and_person(client, operator, outbox):
    sign_up(client, operator)

    body = outbox[-1].body
    assert "Community Site Conference Portal" in body
    assert f"Dear {NAME}," in body
    assert f"account of {NAME}" in body


def test_confirmation_email_omits_host_and_username(client, operator, outbox):
    user = sign_up(client, operator)

    text = "\n".join(lines_without_links(outbox[-1].body))
    assert "testserver" not in text
    assert user.username not in text
    assert "&amp;" not in text


def test_confirmation_email_in_japanese(client, operator, outbox):
    sign_up(client, operator, language="ja")

    body = outbox[-1].body
    assert "コミュニティサイト事業者協議会ポータル" in body
    assert f"{NAME} 様" in body


def test_password_change_email_greets_account_owner(client, outbox, settings):
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    user = make_user(name="佐藤 花子")
    client.force_login(user)

    client.post(
        "/en/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a-new-passphrase-7", "password2": "a-new-passphrase-7"},
    )

    assert outbox[-1].to == [user.email]
    assert "Dear 佐藤 花子," in outbox[-1].body


def test_unknown_account_email_greets_nobody(client, outbox, settings):
    settings.ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
    client.force_login(make_user(name="佐藤 花子"))

    client.post("/en/accounts/password/reset/", {"email": "stranger@example.jp"})

    assert outbox[-1].to == ["stranger@example.jp"]
    assert "佐藤 花子" not in outbox[-1].body
    assert "Community Site Conference Portal" in outbox[-1].body


def test_sign_in_message_uses_name(client):
    user = make_user(name="佐藤 花子")

    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})

    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert "Signed in as 佐藤 花子." in texts
    assert not any(user.username in text for text in texts)

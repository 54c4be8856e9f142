"""Control characters in names and messages, and special characters in plain-text emails."""

import pytest
from django.core.exceptions import ValidationError

from portal.members.models import Membership, User
from portal.members.validators import validate_multi_line, validate_single_line
from tests.factories import PASSWORD, make_organization, make_user

pytestmark = pytest.mark.django_db

CONTROL_CHARACTERS = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b"]


def signup_data(organization, **overrides) -> dict:
    data = {
        "name": "山田 花子",
        "email": "hanako@example.jp",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "organization": organization.pk,
        "message": "",
    }
    data.update(overrides)
    return data


# Format characters, separators and noncharacters: right-to-left override, zero-width space, byte order
# mark, line separator, U+FFFF.
INVISIBLE_CHARACTERS = ["\u202e", "\u200b", "\ufeff", "\u2028", "\uffff"]


@pytest.mark.parametrize("character", INVISIBLE_CHARACTERS)
def test_single_line_rejects_invisible_character(character):
    with pytest.raises(ValidationError):
        validate_single_line(f"山田{character}花子")


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
def test_single_line_rejects_control_character(character):
    with pytest.raises(ValidationError) as caught:
        validate_single_line(f"山田{character}花子")

    assert caught.value.code == "control_character"


@pytest.mark.parametrize("character", ["\n", "\r", "\t"])
def test_single_line_rejects_line_break_and_tab(character):
    with pytest.raises(ValidationError):
        validate_single_line(f"山田{character}花子")


def test_single_line_accepts_ordinary_name():
    validate_single_line("O'Brien & <Co> 山田　花子 – ÄÖ")


def test_multi_line_accepts_line_breaks_and_tabs():
    validate_multi_line("Trust and safety\r\nTeam lead\tTokyo")


def test_multi_line_rejects_escape():
    with pytest.raises(ValidationError):
        validate_multi_line("Team\x1b[31m lead")


def test_error_message_names_code_point():
    with pytest.raises(ValidationError) as caught:
        validate_single_line("a\x1bb")

    assert "U+001B" in caught.value.messages[0]


@pytest.mark.parametrize("character", ["\x07", "\x1b"])
def test_signup_rejects_control_character_in_name(client, operator, character):
    response = client.post("/en/accounts/signup/", signup_data(operator, name=f"Hanako{character}"))

    assert response.status_code == 200
    assert "invisible control character" in response.context["form"].errors["name"][0]
    assert not User.objects.filter(email="hanako@example.jp").exists()


def test_signup_rejects_control_character_in_message(client, operator):
    response = client.post("/en/accounts/signup/", signup_data(operator, message="Team\x07 lead"))

    assert response.status_code == 200
    assert "message" in response.context["form"].errors
    assert not User.objects.filter(email="hanako@example.jp").exists()


def test_signup_message_keeps_line_breaks(client, operator):
    client.post("/en/accounts/signup/", signup_data(operator, message="Trust and safety\r\nTeam lead"))

    membership = Membership.objects.get(user__email="hanako@example.jp")
    assert membership.message == "Trust and safety\r\nTeam lead"


def test_join_form_rejects_control_character_in_message(client, operator):
    client.force_login(make_user())

    response = client.post("/en/members/join/", {"organization": operator.pk, "message": "Team\x1b lead"})

    assert response.status_code == 200
    assert "message" in response.context["form"].errors
    assert not Membership.objects.exists()


def test_user_name_rejects_control_character():
    user = make_user()
    user.name = "Hanako\x07"

    with pytest.raises(ValidationError) as caught:
        user.full_clean()

    assert "name" in caught.value.error_dict


@pytest.mark.parametrize("field", ["name_ja", "name_en"])
def test_organization_name_rejects_control_character(field):
    organization = make_organization()
    setattr(organization, field, "Safe\x1bChat")

    with pytest.raises(ValidationError) as caught:
        organization.full_clean()

    assert field in caught.value.error_dict


def test_membership_message_rejects_control_character(operator):
    membership = Membership(user=make_user(), organization=operator, message="Team\x07")

    with pytest.raises(ValidationError) as caught:
        membership.full_clean()

    assert "message" in caught.value.error_dict


def test_request_email_keeps_special_characters(client, operator, operator_admin, outbox, on_commit):
    operator.name_ja = "Safe & Sound <株式会社>"
    operator.save()
    client.force_login(make_user(name="O'Brien & <Co>"))

    with on_commit():
        client.post("/ja/members/join/", {"organization": operator.pk, "message": '"Quoted"'})

    request_emails = [message for message in outbox if message.to == [operator_admin.email]]
    assert len(request_emails) == 1
    assert "O'Brien & <Co>" in request_emails[0].body
    assert '"Quoted"' in request_emails[0].body
    assert "Safe & Sound <株式会社>" in request_emails[0].subject
    assert "&amp;" not in request_emails[0].body
    assert "&#x27;" not in request_emails[0].body

"""The page that sets up an authenticator app."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from portal.members.models import OrganizationKind
from tests.factories import PASSWORD, make_member

pytestmark = pytest.mark.django_db


def test_qr_code_alt_text_omits_secret(client):
    user = make_member(OrganizationKind.POLICE)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    with translation.override("en"):
        response = client.get(reverse("mfa_activate_totp"))

    page = response.content.decode()
    secret = response.context["form"].secret
    images = re.findall(r"<img[^>]*>", page)
    assert len(images) == 1
    assert 'alt="QR code for your authenticator app"' in images[0]
    assert secret not in images[0]
    assert f'value="{secret}"' in page

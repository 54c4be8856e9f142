"""The organization list of the sign-up and join forms, sorted by the name shown in the active language."""

import re

import pytest

from tests.factories import make_organization

pytestmark = pytest.mark.django_db


def option_labels(page: str) -> list[str]:
    select = re.search(r'<select name="organization".*?</select>', page, re.DOTALL).group(0)
    return re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', select)


@pytest.fixture
def organizations(db):
    make_organization(name_ja="あおば通信", name_en="Zephyr Telecom")
    make_organization(name_ja="いろは教育委員会", name_en="board of education")
    make_organization(name_ja="うみ見守り隊", name_en="")


def test_english_signup_sorts_by_english_name(client, organizations):
    page = client.get("/en/accounts/signup/").content.decode()

    assert option_labels(page) == ["board of education", "Zephyr Telecom", "うみ見守り隊"]


def test_japanese_signup_sorts_by_japanese_name(client, organizations):
    page = client.get("/ja/accounts/signup/").content.decode()

    assert option_labels(page) == ["あおば通信", "いろは教育委員会", "うみ見守り隊"]

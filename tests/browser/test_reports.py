"""A report in a real browser: a volunteer reports a post, the operator handles it, the volunteer looks up the
outcome, and the public totals change."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect

from portal.members.models import OrganizationKind
from reports.models import Outcome, Report
from tests.browser.conftest import DEFAULT_TIMEOUT_MS
from tests.browser.test_registry import catalogue, sign_in  # noqa: F401 (catalogue is an autouse fixture)
from tests.factories import make_member
from tests.registry.factories import make_operator, make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def labels(language: str) -> dict[str, str]:
    """The texts the test clicks and reads, in ``language``, from the portal's own catalogues."""
    with translation.override(language):
        return {
            "filter": gettext("Narrow the list: type part of a service or operator name"),
            "service": gettext("Service"),
            "post_url": gettext("Address of the post (URL)"),
            "grooming": pgettext("report category", "Grooming (approaching a child)"),
            "description": gettext("Description"),
            "email": gettext("Your email address (optional)"),
            "send": gettext("Send the report"),
            "received": gettext("Your report was received"),
            "removed": pgettext("report outcome", "Post removed"),
            "message": gettext("Message to the reporter"),
            "record": gettext("Record the outcome"),
            "receipt_number": gettext("Receipt number"),
            "pin": pgettext("secret number of a receipt", "PIN"),
            "look_up": gettext("Look up"),
            "fewer_than_3": gettext("fewer than %(threshold)d") % {"threshold": 3},
        }


def labelled(label: str) -> re.Pattern:
    """Match a control's accessible name: its label, with or without the colon Django adds."""
    return re.compile(rf"^{re.escape(label)}[:：]?$")


@pytest.mark.parametrize(
    ("language", "expected_heading"), [("ja", "通報を受け付けました"), ("en", "Your report was received")]
)
def test_report_travels_to_the_operator_and_back(page, browser, live_server, language, expected_heading):
    text = labels(language)
    operator = make_operator(name_ja="セーフチャット株式会社", name_en="Safe Chat Inc.")
    service = make_service(operator, name_ja="セーフチャット", name_en="Safe Chat", site_types=["chat"])
    other = make_service(
        make_operator(name_ja="別会社", name_en="Other Co."), name_ja="別アプリ", name_en="Other App"
    )
    moderator = make_member(OrganizationKind.OPERATOR, organization=operator)
    volunteer = make_member(OrganizationKind.VOLUNTEER_GROUP)
    totals_url = f"/{language}/reports/totals/?operator={operator.pk}"

    # Before the report, the operator has no figures.
    page.goto(totals_url)
    expect(page.locator("td", has_text=text["fewer_than_3"])).to_have_count(0)

    # The volunteer narrows the list of services by typing, and reports a post.
    sign_in(page, language, volunteer.email)
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto(f"/{language}/reports/")
    page.get_by_label(text["filter"]).fill("Safe" if language == "en" else "セーフ")
    service_select = page.get_by_role("combobox", name=labelled(text["service"]))
    expect(service_select.locator(f'option[value="{other.pk}"]')).to_have_attribute("hidden", "")
    service_select.select_option(str(service.pk))
    page.get_by_label(text["post_url"]).fill("https://safechat.example.com/posts/4711")
    page.get_by_label(text["grooming"]).check()
    page.get_by_role("textbox", name=labelled(text["description"])).fill(
        "An adult asks junior high school students to move to another app."
    )
    page.get_by_label(text["email"]).fill("patrol@example.net")
    page.get_by_role("button", name=text["send"]).click()

    expect(page.get_by_role("heading", name=expected_heading)).to_be_visible()
    receipt_number = page.locator(".receipt-numbers dd code").nth(0).inner_text()
    pin = page.locator(".receipt-numbers dd code").nth(1).inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", receipt_number)
    assert re.fullmatch(r"[0-9]{8}", pin)
    report = Report.objects.get()
    assert report.operator == operator
    assert report.source == "volunteer"

    # The operator's member finds it in the queue and records that the post was removed.
    moderator_context = browser.new_context(locale=language, base_url=live_server.url)
    moderator_context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    moderator_page = moderator_context.new_page()
    sign_in(moderator_page, language, moderator.email)
    expect(moderator_page).not_to_have_url(re.compile(r"/accounts/login/"))
    moderator_page.goto(f"/{language}/reports/queue/")
    moderator_page.get_by_role("link", name=report.reference, exact=True).click()
    expect(moderator_page.get_by_text("patrol@example.net")).to_have_count(0)
    outcome_form = moderator_page.get_by_role("region", name=text["record"])
    outcome_form.get_by_label(text["removed"]).check()
    outcome_form.get_by_label(text["message"]).fill("The post and the account were removed.")
    outcome_form.get_by_role("button", name=text["record"]).click()
    expect(moderator_page.get_by_text(text["removed"]).first).to_be_visible()
    moderator_context.close()
    report.refresh_from_db()
    assert report.outcome == Outcome.REMOVED

    # Anyone with the receipt number and the PIN, here a fresh browser, reads the outcome and the reply.
    visitor = browser.new_context(locale=language, base_url=live_server.url)
    visitor.set_default_timeout(DEFAULT_TIMEOUT_MS)
    visitor_page = visitor.new_page()
    visitor_page.goto(f"/{language}/reports/lookup/")
    visitor_page.get_by_label(text["receipt_number"]).fill(receipt_number.lower().replace("-", " "))
    visitor_page.get_by_label(labelled(text["pin"])).fill(pin)
    visitor_page.get_by_role("button", name=text["look_up"]).click()
    expect(visitor_page.get_by_text(text["removed"]).first).to_be_visible()
    expect(visitor_page.get_by_text("The post and the account were removed.")).to_be_visible()

    # The public totals now count the report, as a small number.
    visitor_page.goto(totals_url)
    expect(visitor_page.locator("td", has_text=text["fewer_than_3"]).first).to_be_visible()
    visitor.close()

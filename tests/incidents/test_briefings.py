"""Police briefings: posting through the portal, serving through the policy, attachments and notifications."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import Page

from incidents.models import BriefingAttachment, BriefingIndexPage, PoliceBriefingPage
from portal.audit.models import AuditEvent
from portal.members import access
from portal.members.distribution import Distribution
from portal.notifications.models import Notification
from tests.incidents.paths import url

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def briefing_form_data(**overrides):
    data = {
        "title": "2016年上半期の検挙状況",
        "period_start": "2016-01-01",
        "period_end": "2016-06-30",
        "summary": "複数交流系サイトに起因する被害が最も多い。",
        "arrests_child_pornography": "12",
        "arrests_child_prostitution": "",
        "high_incidence_site_types": [],
        "distribution": Distribution.AMBER,
        "audience_kinds": ["operator", "police", "secretariat"],
    }
    data.update(overrides)
    return data


def test_police_posts_briefing(client, member, site_types):
    police = member("police")
    client.force_login(police)
    data = briefing_form_data(high_incidence_site_types=[site_types["multiple_interaction"].pk])

    response = client.post(url("briefing_create"), data)

    page = PoliceBriefingPage.objects.get()
    assert response.status_code == 302
    assert page.live
    assert [(arrest.offence_type, arrest.arrests) for arrest in page.arrests.all()] == [
        ("child_pornography", 12)
    ]
    assert list(page.high_incidence_site_types.all()) == [site_types["multiple_interaction"]]


def test_police_without_second_factor_sent_to_set_up(client, member):
    client.force_login(member("police", totp=False))

    response = client.get(url("briefing_create"))

    assert "/accounts/2fa/totp/activate/" in response["Location"]


def test_operator_cannot_post(client, member):
    client.force_login(member("operator"))

    response = client.post(url("briefing_create"), briefing_form_data())

    assert response.status_code == 403
    assert not PoliceBriefingPage.objects.exists()


def test_summary_with_name_rejected(client, member):
    client.force_login(member("police"))

    response = client.post(url("briefing_create"), briefing_form_data(summary="被害者は佐藤花子さん"))

    assert response.status_code == 200
    assert "佐藤花子さん" in str(response.context["form"].errors["summary"])
    assert not PoliceBriefingPage.objects.exists()


def test_briefing_index_not_public(member, make_briefing):
    make_briefing(member("police"))

    assert not Page.objects.live().public().type(BriefingIndexPage, PoliceBriefingPage).exists()


@pytest.mark.parametrize(
    ("kind", "notified"),
    [
        ("operator", True),
        ("police", True),
        ("secretariat", True),
        ("volunteer_group", False),
        ("educator", False),
        ("carrier", False),
    ],
)
def test_amber_briefing_notifies_its_readers_only(
    member, make_briefing, django_capture_on_commit_callbacks, kind, notified
):
    reader = member(kind)
    with django_capture_on_commit_callbacks(execute=True):
        make_briefing(member("police"))

    assert (
        Notification.objects.filter(recipient=reader, kind="incidents.briefing_posted").exists() is notified
    )


def test_author_not_notified(member, make_briefing, django_capture_on_commit_callbacks):
    police = member("police")
    with django_capture_on_commit_callbacks(execute=True):
        make_briefing(police)

    assert not Notification.objects.filter(recipient=police).exists()


def test_notification_names_no_title(member, make_briefing, django_capture_on_commit_callbacks):
    operator = member("operator")
    with django_capture_on_commit_callbacks(execute=True):
        page = make_briefing(member("police"))

    notification = Notification.objects.get(recipient=operator)
    assert page.title not in notification.title


def test_red_briefing_notifies_named_organizations(member, make_briefing, django_capture_on_commit_callbacks):
    named = member("operator")
    other = member("operator")
    with django_capture_on_commit_callbacks(execute=True):
        make_briefing(
            member("police"),
            distribution=Distribution.RED,
            named_organizations=[access.standing(named).organization],
        )

    assert Notification.objects.filter(recipient=named).exists()
    assert not Notification.objects.filter(recipient=other).exists()


def test_readers_query_agrees_with_policy(member, make_briefing):
    people = [
        member(kind)
        for kind in ("operator", "police", "secretariat", "volunteer_group", "educator", "carrier")
    ]
    people.append(member("police", totp=False))
    page = make_briefing(member("police"), distribution=Distribution.AMBER_STRICT)

    readers = set(access.readers_of(page))

    for person in people:
        assert (person in readers) is access.can_read_briefing(person, page), person


def test_amber_page_hidden_from_volunteer(client, member, make_briefing):
    page = make_briefing(member("police"))
    client.force_login(member("volunteer_group"))

    response = client.get(page.url)

    assert response.status_code == 404


def test_amber_page_asks_anonymous_to_sign_in(client, member, make_briefing):
    page = make_briefing(member("police"))

    response = client.get(page.url)

    assert "/accounts/login/" in response["Location"]


def test_amber_page_served_privately_and_audited(client, member, make_briefing):
    page = make_briefing(member("police"))
    operator = member("operator")
    client.force_login(operator)

    response = client.get(page.url)

    assert response.status_code == 200
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert AuditEvent.objects.filter(action="incidents.briefing.read", actor=operator).count() == 1


def test_attachment_stored_privately_without_metadata(client, member):
    client.force_login(member("police"))
    photo = SimpleUploadedFile("photo.jpg", jpeg_with_exif(), content_type="image/jpeg")

    client.post(url("briefing_create"), briefing_form_data(attachments=[photo]))

    attachment = BriefingAttachment.objects.get()
    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert dict(image.getexif()) == {}
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018


def test_disguised_attachment_rejected(client, member):
    client.force_login(member("police"))
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    response = client.post(url("briefing_create"), briefing_form_data(attachments=[fake]))

    assert "report.pdf" in str(response.context["form"].errors["attachments"])
    assert not PoliceBriefingPage.objects.exists()


def test_decompression_bomb_attachment_rejected(client, member):
    from tests.portal.test_files import png_header

    client.force_login(member("police"))
    bomb = SimpleUploadedFile("map.png", png_header(30_000, 30_000), content_type="image/png")

    response = client.post(url("briefing_create"), briefing_form_data(attachments=[bomb]))

    assert response.status_code == 200
    assert "map.png" in str(response.context["form"].errors["attachments"])
    assert not PoliceBriefingPage.objects.exists()


def test_attachment_served_to_readers_only(client, member, make_briefing):
    page = make_briefing(member("police"), attachments=[SimpleUploadedFile("a.pdf", PDF_BYTES)])
    attachment = page.attachments.get()
    client.force_login(member("volunteer_group"))
    hidden = client.get(attachment.get_absolute_url())
    client.force_login(member("operator"))

    served = client.get(attachment.get_absolute_url())

    assert hidden.status_code == 404
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF_BYTES


def test_police_withdraws_own_briefing(client, member, make_briefing):
    police = member("police")
    page = make_briefing(police)
    client.force_login(member("police", organization=access.standing(police).organization))

    client.post(url("briefing_withdraw", pk=page.pk))

    page.refresh_from_db()
    assert not page.live


def test_other_police_cannot_withdraw(client, member, make_briefing):
    page = make_briefing(member("police"))
    client.force_login(member("police"))

    response = client.post(url("briefing_withdraw", pk=page.pk))

    page.refresh_from_db()
    assert response.status_code == 403
    assert page.live


def test_list_shows_readable_briefings_only(client, member, make_briefing):
    police = member("police")
    amber = make_briefing(police)
    make_briefing(police, distribution=Distribution.AMBER_STRICT, title="警察内限定")
    client.force_login(member("operator"))

    response = client.get(url("briefings"))

    assert [briefing.pk for briefing in response.context["briefings"]] == [amber.pk]


def test_briefing_cannot_be_linked_from_curriculum(member, make_briefing):
    from curricula.models import RelatedGuideline
    from tests.curricula.conftest import build_curriculum

    briefing = make_briefing(member("police"), title="連携先に伏せる検挙状況")
    curriculum = build_curriculum(worksheets=0)

    # A curriculum's related pages are guideline pages only, so a briefing can never be listed on one.
    with pytest.raises(ValueError):
        RelatedGuideline(page=curriculum, guideline=briefing)

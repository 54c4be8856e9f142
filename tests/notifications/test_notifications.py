import pytest
from django.core import mail
from django.test import Client
from django.utils.translation import gettext_lazy

from portal.notifications import services
from portal.notifications.models import Notification
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def test_notify_writes_each_recipient_in_their_language_and_emails_them(django_capture_on_commit_callbacks):
    japanese = make_member("operator")
    english = make_member("operator")
    english.language = "en"
    english.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            [japanese, english, japanese],
            kind="test",
            title=gettext_lazy("Notifications"),
            url="/ja/members/",
        )

    titles = dict(Notification.objects.values_list("recipient__email", "title"))
    assert titles == {japanese.email: "お知らせ", english.email: "Notifications"}
    assert sorted(message.to[0] for message in mail.outbox) == sorted([japanese.email, english.email])
    assert "http://" in mail.outbox[0].body


def test_list_shows_only_own_notifications_with_unread_count(client):
    reader = make_member("operator")
    other = make_member("operator")
    services.notify([reader], kind="test", title="読者への通知", email=False)
    services.notify([other], kind="test", title="他人への通知", email=False)
    client.force_login(reader)

    page = client.get("/ja/members/notifications/").content.decode()

    assert "読者への通知" in page
    assert "他人への通知" not in page
    assert "1 件の未読" in page


def test_opening_marks_read_and_redirects(client):
    reader = make_member("operator")
    (notification,) = services.notify([reader], kind="test", title="通知", url="/ja/guidelines/", email=False)
    client.force_login(reader)

    response = client.post(f"/ja/members/notifications/{notification.pk}/open/")

    assert response.status_code == 302
    assert response["Location"] == "/ja/guidelines/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert services.unread_count(reader) == 0


def test_someone_elses_notification_cannot_be_opened(client):
    owner = make_member("operator")
    intruder = make_member("operator")
    (notification,) = services.notify([owner], kind="test", title="通知", email=False)
    client.force_login(intruder)

    response = client.post(f"/ja/members/notifications/{notification.pk}/open/")

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_external_link_is_not_followed(client):
    reader = make_member("operator")
    (notification,) = services.notify(
        [reader], kind="test", title="通知", url="https://attacker.example/", email=False
    )
    client.force_login(reader)

    response = client.post(f"/ja/members/notifications/{notification.pk}/open/")

    assert response["Location"] == "/ja/members/notifications/"


@pytest.mark.parametrize(
    "url",
    [
        "//attacker.example/",
        "/\\attacker.example/",
        "\\\\attacker.example/",
        " //attacker.example/",
        "/\t/attacker.example/",
        "https:attacker.example",
        "javascript:alert(1)",
        "http://testserver/ja/guidelines/",
    ],
)
def test_stored_link_off_site_or_insecure_not_followed(client, url):
    reader = make_member("operator")
    (notification,) = services.notify([reader], kind="test", title="通知", url=url, email=False)
    client.force_login(reader)

    response = client.post(f"/ja/members/notifications/{notification.pk}/open/", secure=True)

    assert response["Location"] == "/ja/members/notifications/"


def test_open_and_mark_read_need_csrf_token():
    reader = make_member("operator")
    (notification,) = services.notify([reader], kind="test", title="通知", url="/ja/", email=False)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(reader)

    opened = strict.post(f"/ja/members/notifications/{notification.pk}/open/")
    marked = strict.post("/ja/members/notifications/read/")

    assert opened.status_code == 403
    assert marked.status_code == 403
    assert services.unread_count(reader) == 1


def test_open_by_get_not_allowed(client):
    reader = make_member("operator")
    (notification,) = services.notify([reader], kind="test", title="通知", url="/ja/", email=False)
    client.force_login(reader)

    response = client.get(f"/ja/members/notifications/{notification.pk}/open/")

    assert response.status_code == 405
    assert services.unread_count(reader) == 1


def test_mark_all_read(client):
    reader = make_member("operator")
    services.notify([reader], kind="test", title="一", email=False)
    services.notify([reader], kind="test", title="二", email=False)
    client.force_login(reader)

    client.post("/ja/members/notifications/read/")

    assert services.unread_count(reader) == 0


def test_empty_state(client):
    client.force_login(make_member("operator"))

    page = client.get("/ja/members/notifications/").content.decode()

    assert "お知らせはありません" in page

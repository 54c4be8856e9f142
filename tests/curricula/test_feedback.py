"""Feedback on a curriculum: anonymous or signed in, rate-limited, with a honeypot and a retention period."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from curricula.models import Feedback

pytestmark = pytest.mark.django_db


def feedback_url(page) -> str:
    return f"{page.url}feedback/"


def send(client, page, *, remote_addr: str = "127.0.0.1", **data):
    fields = {"rating": "4", "comment": "生徒が熱心に話し合いました。", **data}
    return client.post(feedback_url(page), fields, REMOTE_ADDR=remote_addr)


def test_form_shows_retention(client, curriculum):
    response = client.get(feedback_url(curriculum))

    assert response.status_code == 200
    assert "365日後に削除します" in response.content.decode()


def test_anonymous_feedback_stored(client, curriculum):
    response = send(client, curriculum)

    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.rating == 4
    assert feedback.sender == "anonymous"
    assert feedback.curriculum_version == "1.2"


def test_feedback_keeps_no_personal_fields():
    names = {field.name for field in Feedback._meta.get_fields()}

    assert names == {
        "id",
        "page",
        "curriculum_version",
        "rating",
        "comment",
        "language",
        "sender",
        "created_at",
    }


def test_signed_in_feedback_records_role(client, curriculum, make_user):
    client.force_login(make_user("educator"))

    send(client, curriculum)

    assert Feedback.objects.get().sender == "educator"


def test_thanks_shown_after_sending(client, curriculum):
    response = send(client, curriculum)

    assert "ありがとうございました" in client.get(response["Location"]).content.decode()


def test_missing_rating_explained_and_comment_kept(client, curriculum):
    response = client.post(feedback_url(curriculum), {"comment": "途中まで書いたコメント"})

    content = response.content.decode()
    assert response.status_code == 400
    assert "1から5の評価を選んでください。" in content
    assert "途中まで書いたコメント" in content


def test_out_of_range_rating_rejected(client, curriculum):
    response = send(client, curriculum, rating="9")

    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_honeypot_drops_feedback(client, curriculum):
    response = send(client, curriculum, website="http://spam.example")

    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_anonymous_rate_limit(client, curriculum, settings):
    settings.CURRICULA_FEEDBACK_ANONYMOUS_LIMIT = 2
    send(client, curriculum)
    send(client, curriculum)

    response = send(client, curriculum, comment="三通目のコメント")

    assert response.status_code == 429
    assert "三通目のコメント" in response.content.decode()
    assert Feedback.objects.count() == 2


def test_rate_limit_keyed_per_address(client, curriculum, settings):
    settings.CURRICULA_FEEDBACK_ANONYMOUS_LIMIT = 1
    send(client, curriculum, remote_addr="192.0.2.1")

    response = send(client, curriculum, remote_addr="192.0.2.2")

    assert response.status_code == 302
    assert Feedback.objects.count() == 2


def test_rate_limit_ignores_forwarded_for(client, curriculum, settings):
    settings.CURRICULA_FEEDBACK_ANONYMOUS_LIMIT = 1
    client.post(feedback_url(curriculum), {"rating": "4"}, HTTP_X_FORWARDED_FOR="198.51.100.1")

    response = client.post(
        feedback_url(curriculum),
        {"rating": "4"},
        HTTP_X_FORWARDED_FOR="198.51.100.2",
        HTTP_X_REAL_IP="198.51.100.2",
    )

    assert response.status_code == 429


def test_rate_limit_counts_ipv6_network_once(client, curriculum, settings):
    # One IPv6 subscriber gets a whole /64 network, so counting single addresses would not limit anyone.
    settings.CURRICULA_FEEDBACK_ANONYMOUS_LIMIT = 1
    send(client, curriculum, remote_addr="2001:db8:0:1::1")

    same_network = send(client, curriculum, remote_addr="2001:db8:0:1:ffff:ffff:ffff:ffff")
    other_network = send(client, curriculum, remote_addr="2001:db8:0:2::1")

    assert same_network.status_code == 429
    assert other_network.status_code == 302


def test_comment_loses_control_characters(client, curriculum):
    send(client, curriculum, comment="良い\x1b[31m教材\u202eでした\x07。\n次も使います。")

    assert Feedback.objects.get().comment == "良い[31m教材でした。\n次も使います。"


def test_overlong_comment_rejected_and_kept(client, curriculum):
    response = send(client, curriculum, comment="長" * 2001)

    assert response.status_code == 400
    assert "長" * 2001 in response.content.decode()
    assert not Feedback.objects.exists()


def test_rate_limit_stores_no_address(client, curriculum):
    from django.core.cache import cache

    send(client, curriculum, remote_addr="192.0.2.77")

    assert all("192.0.2.77" not in str(key) for key in cache._cache)


def test_prune_deletes_old_feedback(client, curriculum):
    send(client, curriculum)
    Feedback.objects.update(created_at=timezone.now() - timedelta(days=366))
    send(client, curriculum)

    call_command("prune_curricula", verbosity=0)

    assert Feedback.objects.count() == 1

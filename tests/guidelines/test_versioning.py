"""Publishing guideline versions: states, labels, change notes, consultations and the signals sent."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guidelines import services, signals
from guidelines.models import ChangeKind, GuidelinePage, GuidelineVersion, VersionState
from portal.audit.models import AuditEvent, Outcome
from tests.factories import make_member
from tests.guidelines.factories import BASIC_SECTIONS, make_guideline, open_consultation, publish, sections

pytestmark = pytest.mark.django_db

REVISED = (
    ("scope", "対象", "<p>メッセージ機能を持つ全てのサービスを対象とする。</p>"),
    ("monitoring", "監視の方法", "<p>キーワードによる検知と目視確認を組み合わせる。</p>"),
)


def test_first_publish_puts_version_in_force(guideline):
    version = guideline.versions.get()

    assert version.state == VersionState.IN_FORCE
    assert version.label == "1.0"
    assert version.sequence == 1
    assert [section["anchor"] for section in version.sections] == ["scope", "monitoring"]


def test_new_version_supersedes_previous(guideline):
    second = publish(guideline, label="2.0", items=REVISED)
    first = guideline.versions.get(label="1.0")

    assert second.state == VersionState.IN_FORCE
    assert first.state == VersionState.SUPERSEDED
    assert first.superseded_at is not None


def test_superseded_version_keeps_its_text(guideline):
    publish(guideline, label="2.0", items=REVISED, title="改訂後の題名")
    first = guideline.versions.get(label="1.0")

    assert first.title == "ミニメール監視の指針"
    assert first.sections[0]["body"] == BASIC_SECTIONS[0][2]


def test_reused_label_with_new_text_rejected(guideline):
    page = GuidelinePage.objects.get(pk=guideline.pk)
    page.sections = sections(*REVISED)

    with pytest.raises(ValidationError) as raised:
        services.publish_version(page)

    assert "version_label" in raised.value.message_dict


def test_rejected_publish_keeps_version_in_force(guideline):
    page = GuidelinePage.objects.get(pk=guideline.pk)
    page.sections = sections(*REVISED)
    page.save_revision().publish()

    assert guideline.versions.count() == 1
    assert guideline.versions.get().sections[0]["body"] == BASIC_SECTIONS[0][2]


def test_rejected_publish_audited_as_failure(guideline):
    page = GuidelinePage.objects.get(pk=guideline.pk)
    page.sections = sections(*REVISED)
    page.save_revision().publish()

    failure = AuditEvent.objects.get(action="guidelines.version.published", outcome=Outcome.FAILURE)
    assert "version_label" in failure.detail["fields"]


def test_republish_same_text_makes_no_version(guideline):
    page = GuidelinePage.objects.get(pk=guideline.pk)
    page.save_revision().publish()

    assert guideline.versions.count() == 1


def test_major_change_needs_change_note(guideline):
    with pytest.raises(ValidationError) as raised:
        publish_direct(guideline, label="2.0", note="", kind=ChangeKind.MAJOR)

    assert "change_note" in raised.value.message_dict


def test_minor_change_needs_no_change_note(guideline):
    version = publish_direct(guideline, label="1.1", note="", kind=ChangeKind.MINOR)

    assert version.is_major is False


def publish_direct(guideline, *, label, note, kind):
    page = GuidelinePage.objects.get(pk=guideline.pk)
    page.version_label = label
    page.change_note = note
    page.change_kind = kind
    page.sections = sections(*REVISED)
    return services.publish_version(page)


def test_label_format_checked():
    from guidelines.versioning import validate_label

    for good in ["1.0", "2.1", "3.0-draft", "10.2.1"]:
        validate_label(good)
    for bad in ["1", "v1.0", "1.0 draft", "1.0/", "１.０"]:
        with pytest.raises(ValidationError):
            validate_label(bad)


def test_consultation_draft_leaves_version_in_force(guideline):
    draft = open_consultation(guideline, label="2.0-draft", items=REVISED)

    assert draft.state == VersionState.CONSULTATION
    assert guideline.versions.in_force().get().label == "1.0"


def test_consultation_leaves_live_page_unchanged(guideline):
    open_consultation(guideline, label="2.0-draft", items=REVISED, title="案の題名")

    live = GuidelinePage.objects.get(pk=guideline.pk)
    assert live.title == "ミニメール監視の指針"


def test_consultation_needs_future_closing_time(guideline):
    with pytest.raises(ValidationError) as raised:
        open_consultation(guideline, label="2.0-draft", items=REVISED, closes_in=timedelta(minutes=-1))

    assert "consultation_closes_at" in raised.value.message_dict


def test_new_draft_supersedes_earlier_draft(guideline):
    first = open_consultation(guideline, label="2.0-draft", items=REVISED)
    open_consultation(guideline, label="2.0-draft2", items=BASIC_SECTIONS[:1])

    first.refresh_from_db()
    assert first.state == VersionState.SUPERSEDED


def test_unchanged_draft_adopted_under_its_label(guideline):
    draft = open_consultation(guideline, label="2.0-draft", items=REVISED)
    page = GuidelinePage.objects.get(pk=guideline.pk)
    page.sections = sections(*REVISED)
    page.version_label = "2.0-draft"
    page.change_note = "意見募集のための案。"
    page.save_revision().publish()

    draft.refresh_from_db()
    assert draft.state == VersionState.IN_FORCE
    assert guideline.versions.count() == 2


def test_major_version_closes_open_draft(guideline):
    draft = open_consultation(guideline, label="2.0-draft", items=REVISED)
    publish(guideline, label="2.0", items=REVISED)

    draft.refresh_from_db()
    assert draft.state == VersionState.SUPERSEDED


def test_minor_version_keeps_draft_open(guideline):
    draft = open_consultation(guideline, label="2.0-draft", items=REVISED)
    publish(guideline, label="1.1", items=BASIC_SECTIONS, title="題名の誤記を直した版", major=False)

    draft.refresh_from_db()
    assert draft.state == VersionState.CONSULTATION


def test_missing_anchor_made_from_heading():
    page = make_guideline(
        items=(("", "Message monitoring", "<p>a</p>"), ("", "監視", "<p>b</p>"), ("", "監視", "<p>c</p>"))
    )

    anchors = [section["anchor"] for section in page.versions.get().sections]
    assert anchors == ["message-monitoring", "section-1", "section-2"]


def test_anchor_kept_when_heading_changes(guideline):
    version = publish(guideline, label="2.0", items=(("scope", "適用範囲", "<p>全て。</p>"),))

    assert version.sections[0]["anchor"] == "scope"


def test_duplicate_anchor_rejected(guideline):
    page = GuidelinePage.objects.get(pk=guideline.pk)
    page.sections = sections(("same", "一", "<p>a</p>"), ("same", "二", "<p>b</p>"))

    with pytest.raises(ValidationError) as raised:
        page.full_clean()

    assert "sections" in raised.value.message_dict


def test_reserved_slug_rejected(guideline):
    page = GuidelinePage.objects.get(pk=guideline.pk)
    page.slug = "feed"

    with pytest.raises(ValidationError) as raised:
        page.full_clean()

    assert "slug" in raised.value.message_dict


def test_version_published_signal_arguments(guideline):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    signals.version_published.connect(receiver)
    try:
        publish(guideline, label="2.0", items=REVISED)
    finally:
        signals.version_published.disconnect(receiver)

    (arguments,) = received
    assert arguments["version"].label == "2.0"
    assert arguments["previous"].label == "1.0"
    assert arguments["is_major"] is True
    assert arguments["guideline"].pk == guideline.pk


def test_no_signal_for_consultation_draft(guideline):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    signals.version_published.connect(receiver)
    try:
        open_consultation(guideline, label="2.0-draft", items=REVISED)
    finally:
        signals.version_published.disconnect(receiver)

    assert received == []


def test_failing_receiver_does_not_undo_publication(guideline):
    def broken(sender, **kwargs):
        raise RuntimeError("receiver failed")

    signals.version_published.connect(broken)
    try:
        publish(guideline, label="2.0", items=REVISED)
    finally:
        signals.version_published.disconnect(broken)

    assert guideline.versions.in_force().get().label == "2.0"


def test_acknowledgement_recorded_once_and_signalled(guideline):
    operator = make_member()
    version = guideline.versions.get()
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    signals.version_acknowledged.connect(receiver)
    try:
        _first, created = services.acknowledge_version(operator, version)
        _second, created_again = services.acknowledge_version(operator, version)
    finally:
        signals.version_acknowledged.disconnect(receiver)

    assert created is True
    assert created_again is False
    assert len(received) == 1
    assert received[0]["organization"] == operator.memberships.get().organization


def test_acknowledgement_refused_for_superseded_version(guideline):
    from django.core.exceptions import PermissionDenied

    operator = make_member()
    publish(guideline, label="2.0", items=REVISED)

    with pytest.raises(PermissionDenied):
        services.acknowledge_version(operator, guideline.versions.get(label="1.0"))


def test_effective_date_defaults_to_publication_day(guideline):
    version = guideline.versions.get()

    assert version.effective_date == timezone.localdate(version.published_at)


def test_unpublished_guideline_hides_public_versions(guideline, client):
    GuidelinePage.objects.get(pk=guideline.pk).unpublish()

    assert GuidelineVersion.objects.visible_to(None).count() == 0
    assert client.get(guideline.url + "v/1.0/").status_code == 404

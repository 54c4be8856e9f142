"""Incident patterns: writing with the PII guard, review, distribution, reading, reactions and the list."""

import pytest

from incidents.models import IncidentPattern, PatternAction, PatternEvent, PatternStatus, PatternView
from portal.audit.models import AuditEvent
from portal.members import access
from portal.members.distribution import Distribution
from tests.incidents.paths import url

pytestmark = pytest.mark.django_db

PHONE_TEXT = "加害者は090-1234-5678に電話するよう求めた。"


def pattern_data(site_types, **overrides):
    data = {
        "title": "ゲームの話題から別アプリへ誘導",
        "description": "ゲームの攻略を教えると近づき、ID交換アプリに移動させてから画像を要求した。",
        "indicators": "短期間に多数の未成年へ同じ文面を送る。",
        "coded_terms": "サポ\nホ別",
        "measures_note": "",
        "first_contact_site_type": site_types["game_avatar"].pk,
        "next_site_type": site_types["id_exchange"].pk,
        "offence_type": "child_pornography",
        "age_bracket": "13_and_under",
        "period_kind": "quarter",
        "period_year": "2016",
        "period_number": "2",
        "region": "kanto",
        "contributor_site_type": site_types["game_avatar"].pk,
        "retention_months": "24",
        "distribution": Distribution.AMBER,
        "audience_kinds": ["operator", "police", "secretariat"],
        "submit": "1",
    }
    data.update(overrides)
    return data


def test_phone_number_rejected_on_field(client, member, site_types):
    operator = member("operator")
    client.force_login(operator)

    response = client.post(url("pattern_create"), pattern_data(site_types, description=PHONE_TEXT))

    assert response.status_code == 200
    assert "090-1234-5678" in str(response.context["form"].errors["description"])


def test_rejected_text_never_stored(client, member, site_types):
    operator = member("operator")
    client.force_login(operator)

    client.post(url("pattern_create"), pattern_data(site_types, description=PHONE_TEXT))

    assert IncidentPattern.objects.count() == 0
    assert PatternEvent.objects.count() == 0
    assert not AuditEvent.objects.filter(detail__icontains="090").exists()
    assert "090" not in str(dict(client.session))


def test_rejection_audited_with_kinds_only(client, member, site_types):
    operator = member("operator")
    client.force_login(operator)

    client.post(url("pattern_create"), pattern_data(site_types, description=PHONE_TEXT))

    event = AuditEvent.objects.get(action="incidents.pattern.rejected_personal_information")
    assert event.detail == {"fields": {"description": ["phone"]}}


def test_rejection_message_in_english(client, member, site_types):
    client.force_login(member("operator"))

    response = client.post(
        url("pattern_create", "en"),
        pattern_data(site_types, description="Call Mr. Tanaka"),
    )

    assert "Remove “Mr. Tanaka” (personal name)." in response.content.decode()


def test_rejection_message_in_japanese(client, member, site_types):
    client.force_login(member("operator"))

    response = client.post(url("pattern_create"), pattern_data(site_types, description=PHONE_TEXT))

    assert "「090-1234-5678」（電話番号）を削除してください。" in response.content.decode()


def test_form_keeps_typed_text(client, member, site_types):
    client.force_login(member("operator"))

    response = client.post(url("pattern_create"), pattern_data(site_types, description=PHONE_TEXT))

    assert PHONE_TEXT in response.content.decode()


def test_valid_pattern_submitted(client, member, site_types):
    operator = member("operator")
    client.force_login(operator)

    response = client.post(url("pattern_create"), pattern_data(site_types))

    pattern = IncidentPattern.objects.get()
    assert response.status_code == 302
    assert pattern.status == PatternStatus.SUBMITTED
    assert pattern.origin_organization_id == operator.memberships.get().organization_id


def test_draft_saved_without_submission(client, member, site_types):
    client.force_login(member("operator"))

    client.post(url("pattern_create"), pattern_data(site_types, submit="", draft="1"))

    assert IncidentPattern.objects.get().status == PatternStatus.DRAFT


def test_default_distribution_is_amber(member, site_types):
    from incidents.forms import PatternForm

    form = PatternForm()

    assert form.fields["distribution"].initial == Distribution.AMBER


def test_public_level_not_offered(member):
    from incidents.forms import PatternForm

    choices = [value for value, _label in PatternForm().fields["distribution"].choices]

    assert Distribution.CLEAR not in choices


def test_police_cannot_write_pattern(client, member, site_types):
    client.force_login(member("police"))

    response = client.post(url("pattern_create"), pattern_data(site_types))

    assert response.status_code == 403


def test_secretariat_releases_pattern(client, member, make_pattern):
    operator = member("operator")
    pattern = make_pattern(operator, status=PatternStatus.SUBMITTED)
    client.force_login(member("secretariat", admin=True))

    client.post(url("pattern_release", pk=pattern.pk))

    pattern.refresh_from_db()
    assert pattern.status == PatternStatus.RELEASED
    assert pattern.archive_on is not None


def test_release_notifies_author(client, member, make_pattern):
    operator = member("operator")
    pattern = make_pattern(operator, status=PatternStatus.SUBMITTED)
    client.force_login(member("secretariat", admin=True))

    client.post(url("pattern_release", pk=pattern.pk))

    assert operator.notifications.filter(kind="incidents.pattern_released").count() == 1


def test_return_with_personal_note_rejected(client, member, make_pattern):
    pattern = make_pattern(member("operator"), status=PatternStatus.SUBMITTED)
    client.force_login(member("secretariat", admin=True))

    response = client.post(
        url("pattern_return", pk=pattern.pk), {"return-note": "佐藤花子さんの件を削除して"}
    )

    pattern.refresh_from_db()
    assert response.status_code == 400
    assert pattern.status == PatternStatus.SUBMITTED


@pytest.mark.parametrize("name", ["pattern_edit", "pattern_detail"])
def test_anonymous_cannot_tell_which_patterns_exist(client, member, make_pattern, name):
    pattern = make_pattern(member("operator"), status=PatternStatus.DRAFT)

    existing = client.get(url(name, pk=pattern.pk))
    missing = client.get(url(name, pk=pattern.pk + 1000))

    assert existing.status_code == missing.status_code == 302
    assert "/accounts/login/" in missing["Location"]


def test_operator_cannot_release(client, member, make_pattern):
    pattern = make_pattern(member("operator"), status=PatternStatus.SUBMITTED)
    client.force_login(member("operator", organization=pattern.origin_organization))

    response = client.post(url("pattern_release", pk=pattern.pk))

    pattern.refresh_from_db()
    assert response.status_code == 403
    assert pattern.status == PatternStatus.SUBMITTED


def test_distribution_change_kept_in_history(client, member, make_pattern):
    operator = member("operator")
    pattern = make_pattern(operator)
    client.force_login(operator)

    client.post(
        url("pattern_distribution", pk=pattern.pk),
        {"level-distribution": Distribution.GREEN},
    )

    event = PatternEvent.objects.get(pattern=pattern, action=PatternAction.DISTRIBUTION_CHANGED)
    assert (event.old_distribution, event.new_distribution) == (Distribution.AMBER, Distribution.GREEN)


def test_contributor_anonymous_to_others(client, member, make_pattern):
    pattern = make_pattern(member("operator"))
    client.force_login(member("operator"))

    response = client.get(pattern.get_absolute_url())

    assert pattern.origin_organization.name_ja not in response.content.decode()


def test_contributor_named_when_chosen(client, member, make_pattern):
    pattern = make_pattern(member("operator"), show_contributor_name=True)
    client.force_login(member("operator"))

    response = client.get(pattern.get_absolute_url())

    assert pattern.origin_organization.name_ja in response.content.decode()


def test_read_counted_for_contributor(client, member, make_pattern):
    pattern = make_pattern(member("operator"))
    reader = member("operator")
    client.force_login(reader)

    client.get(pattern.get_absolute_url())
    client.get(pattern.get_absolute_url())

    view = PatternView.objects.get(pattern=pattern)
    assert view.view_count == 2


def test_contributor_sees_reading_organizations(client, member, make_pattern):
    author = member("operator")
    pattern = make_pattern(author)
    reader = member("operator")
    client.force_login(reader)
    client.get(pattern.get_absolute_url())
    client.post(url("pattern_react", pk=pattern.pk), {"kind": "seen_too"})
    client.force_login(author)

    response = client.get(pattern.get_absolute_url())

    assert reader.memberships.get().organization.name_ja in response.content.decode()
    assert ("seen_too", 1) in [(kind, count) for kind, _label, count in response.context["reaction_counts"]]


def test_amber_read_audited(client, member, make_pattern):
    pattern = make_pattern(member("operator"))
    client.force_login(member("operator"))

    client.get(pattern.get_absolute_url())

    assert AuditEvent.objects.filter(action="incidents.pattern.read", object_id=str(pattern.pk)).count() == 1


def test_green_read_not_audited(client, member, make_pattern):
    pattern = make_pattern(member("operator"), distribution=Distribution.GREEN)
    client.force_login(member("operator"))

    client.get(pattern.get_absolute_url())

    assert not AuditEvent.objects.filter(action="incidents.pattern.read").exists()


def test_list_filters_by_site_type_and_offence(client, member, make_pattern, site_types):
    author = member("operator")
    expected = make_pattern(
        author, first_contact_site_type=site_types["chat"], offence_type="child_prostitution"
    )
    make_pattern(author, first_contact_site_type=site_types["video"], offence_type="child_prostitution")
    make_pattern(author, first_contact_site_type=site_types["chat"], offence_type="child_pornography")
    client.force_login(member("operator"))

    response = client.get(url("patterns"), {"site_type": "chat", "offence_type": "child_prostitution"})

    assert [pattern.pk for pattern in response.context["patterns"]] == [expected.pk]


def test_list_filters_by_contact_path(client, member, make_pattern, site_types):
    author = member("operator")
    stayed = make_pattern(author, next_site_type=None)
    make_pattern(author, next_site_type=site_types["id_exchange"])
    client.force_login(member("operator"))

    response = client.get(url("patterns"), {"contact_path": "stayed"})

    assert [pattern.pk for pattern in response.context["patterns"]] == [stayed.pk]


def test_list_filters_by_quarter(client, member, make_pattern):
    author = member("operator")
    in_q2 = make_pattern(author, period_kind="month", period_number=5)
    make_pattern(author, period_kind="quarter", period_number=1)
    client.force_login(member("operator"))

    response = client.get(url("patterns"), {"year": "2016", "quarter": "2"})

    assert [pattern.pk for pattern in response.context["patterns"]] == [in_q2.pk]


def test_overview_suppresses_small_cells(client, member, make_pattern):
    author = member("operator")
    for _number in range(2):
        make_pattern(author, offence_type="child_pornography")
    for _number in range(3):
        make_pattern(author, offence_type="child_prostitution")
    client.force_login(member("operator"))

    response = client.get(url("patterns"))

    cells = response.context["overview"].cells
    assert cells[("chat", "child_pornography")].is_suppressed
    assert cells[("chat", "child_prostitution")].value == 3


def test_threshold_is_a_setting(client, member, make_pattern, settings):
    settings.INCIDENTS_SMALL_CELL_THRESHOLD = 2
    author = member("operator")
    for _number in range(2):
        make_pattern(author)
    client.force_login(member("operator"))

    response = client.get(url("patterns"))

    assert response.context["overview"].cells[("chat", "child_pornography")].value == 2


def test_similar_patterns_share_attributes(client, member, make_pattern, site_types):
    author = member("operator")
    pattern = make_pattern(author)
    close = make_pattern(author)
    make_pattern(
        author,
        first_contact_site_type=site_types["video"],
        next_site_type=None,
        offence_type="kidnapping",
        age_bracket="16_17",
        region="jp-47",
    )
    client.force_login(member("operator"))

    response = client.get(pattern.get_absolute_url())

    assert [similar.pk for similar in response.context["similar"]] == [close.pk]


def test_export_audited_with_labels(client, member, make_pattern):
    make_pattern(member("operator"))
    reader = member("operator")
    client.force_login(reader)

    response = client.get(url("pattern_export"))

    assert "TLP:AMBER" in response.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="incidents.pattern.exported", actor=reader).count() == 1


def export_rows(client) -> list[list[str]]:
    import csv
    import io

    response = client.get(url("pattern_export"))
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("volunteer_group", ["TLP:GREEN"]),
        ("operator", ["TLP:AMBER", "TLP:GREEN"]),
        ("police", ["TLP:AMBER", "TLP:AMBER+STRICT", "TLP:GREEN"]),
    ],
)
def test_export_holds_only_readable_levels(client, member, make_pattern, kind, expected):
    author = member("operator")
    for level in (Distribution.GREEN, Distribution.AMBER, Distribution.AMBER_STRICT, Distribution.RED):
        make_pattern(author, distribution=level, named=[access.standing(author).organization])
    client.force_login(member(kind))

    rows = export_rows(client)

    assert sorted(row[1] for row in rows) == expected


def test_export_neutralises_formulas(client, member, make_pattern):
    make_pattern(
        member("operator"), distribution=Distribution.GREEN, title='=HYPERLINK("http://evil.example","x")'
    )
    client.force_login(member("operator"))

    rows = export_rows(client)

    assert rows[0][2] == '\'=HYPERLINK("http://evil.example","x")'


def test_archive_command_archives_expired(member, make_pattern):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    pattern = make_pattern(member("operator"))
    IncidentPattern.objects.filter(pk=pattern.pk).update(
        archive_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    call_command("archive_incident_patterns", verbosity=0)

    pattern.refresh_from_db()
    assert pattern.status == PatternStatus.ARCHIVED


def test_expired_pattern_hidden_before_command(client, member, make_pattern):

    from django.utils import timezone

    pattern = make_pattern(member("operator"))
    IncidentPattern.objects.filter(pk=pattern.pk).update(archive_on=timezone.localdate())
    client.force_login(member("operator"))

    response = client.get(pattern.get_absolute_url())

    assert response.status_code == 404

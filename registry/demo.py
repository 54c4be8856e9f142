"""Demo content of the registry: operators, services, adoptions, checklist templates and checklists.

DeNA, GREE and LINE are listed with the measures and years that the National Police Agency's 2016 report on
community sites gives for them. Where the report gives no year, the adoption has no start date. Their entries
are self-declared, since no review body checked them. The other operators are invented. Mirai Chat, the
organization of the demo users ``operator@example.jp`` and ``operator-admin@example.jp``, is a new entrant
halfway through its onboarding checklist. Running ``load`` again changes nothing that exists.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from portal.members.models import Organization, OrganizationKind, User

from .models import (
    Adoption,
    AdoptionEvent,
    AdoptionStatus,
    Certificate,
    Checklist,
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTemplateItem,
    DatePrecision,
    EventKind,
    Evidence,
    EvidenceKind,
    ItemKind,
    ItemOwner,
    ItemState,
    Measure,
    Service,
    SiteType,
)
from .services.common import reindex_services

REVIEW_BODY = "コミュニティサイト第三者審査機構"
REVIEWER_EMAIL = "reviewer@example.jp"
SECRETARIAT_EMAIL = "secretariat@example.jp"
NEW_ENTRANT = "みらいチャット株式会社"

ADOPTED = AdoptionStatus.ADOPTED
VERIFIED = AdoptionStatus.VERIFIED
PLANNED = AdoptionStatus.PLANNED
IN_PROGRESS = AdoptionStatus.IN_PROGRESS
DISCONTINUED = AdoptionStatus.DISCONTINUED


def year(value: int) -> tuple[datetime.date, str]:
    return datetime.date(value, 1, 1), DatePrecision.YEAR


def month(year_value: int, month_value: int) -> tuple[datetime.date, str]:
    return datetime.date(year_value, month_value, 1), DatePrecision.MONTH


UNKNOWN = (None, DatePrecision.DAY)

# (Japanese name, English name, website)
OPERATORS = [
    ("株式会社ディー・エヌ・エー", "DeNA Co., Ltd.", ""),
    ("グリー株式会社", "GREE, Inc.", ""),
    ("LINE株式会社", "LINE Corporation", ""),
    ("つなぐSNS合同会社", "Tsunagu SNS LLC", ""),
    ("ひろば動画株式会社", "Hiroba Video Inc.", ""),
    (NEW_ENTRANT, "Mirai Chat Inc.", ""),
]

# operator, Japanese name, English name, site types, user count, minor share, launched year, description (ja, en)
SERVICES = [
    (
        "株式会社ディー・エヌ・エー",
        "モバゲー",
        "Mobage",
        ["multiple_interaction", "game_avatar"],
        "over_10m",
        "",
        None,
        ("ゲームと交流のためのSNS。", "A social network for games and meeting other players."),
    ),
    (
        "グリー株式会社",
        "GREE",
        "GREE",
        ["multiple_interaction", "game_avatar"],
        "over_10m",
        "",
        None,
        ("ゲームと交流のためのSNS。", "A social network for games and meeting other players."),
    ),
    (
        "LINE株式会社",
        "LINE",
        "LINE",
        ["id_exchange"],
        "over_10m",
        "",
        None,
        ("無料でメッセージや通話ができるアプリ。", "An app for free messages and calls."),
    ),
    (
        "つなぐSNS合同会社",
        "つなぐSNS",
        "Tsunagu SNS",
        ["multiple_interaction"],
        "1m_10m",
        "10_30",
        2015,
        ("趣味でつながるSNS。", "A social network for people who share a hobby."),
    ),
    (
        "つなぐSNS合同会社",
        "つなぐチャット",
        "Tsunagu Chat",
        ["chat"],
        "100k_1m",
        "30_50",
        2019,
        ("つなぐSNSの利用者同士のチャット。", "Chat between Tsunagu SNS users."),
    ),
    (
        "ひろば動画株式会社",
        "ひろば動画",
        "Hiroba Video",
        ["video"],
        "1m_10m",
        "10_30",
        2018,
        ("動画の投稿と配信のサービス。", "A service for posting and streaming videos."),
    ),
    (
        NEW_ENTRANT,
        "みらいチャット",
        "Mirai Chat",
        ["chat", "random_matching"],
        "10k_100k",
        "over_50",
        2024,
        ("知らない人と話せるチャットアプリ。", "A chat app for talking with new people."),
    ),
]

# service (Japanese name), measure code, status, (start date, precision), verified on, reason
ADOPTIONS = [
    # The report: DeNA began monitoring messages in 2007, blocked messages between under-18 users and users
    # more than three years older, introduced zoning with carrier age data in 2011, screens keywords and
    # patrols round the clock.
    ("モバゲー", "message_monitoring", ADOPTED, year(2007), None, ""),
    ("モバゲー", "age_gap_message_block", ADOPTED, UNKNOWN, None, ""),
    ("モバゲー", "internet_zoning", ADOPTED, year(2011), None, ""),
    ("モバゲー", "keyword_screening", ADOPTED, UNKNOWN, None, ""),
    ("モバゲー", "round_the_clock_patrol", ADOPTED, UNKNOWN, None, ""),
    # The report: GREE restricted messages to under-18 users from 2009 (the catalogue's closest measure is the
    # block by age gap), began monitoring messages and zoning in 2010, and monitored before publication from 2011.
    ("GREE", "age_gap_message_block", ADOPTED, year(2009), None, ""),
    ("GREE", "message_monitoring", ADOPTED, year(2010), None, ""),
    ("GREE", "internet_zoning", ADOPTED, year(2010), None, ""),
    ("GREE", "post_monitoring_before", ADOPTED, year(2011), None, ""),
    # The report: LINE introduced zoning with carrier age data in 2012 and disabled ID search for and towards
    # under-18 users and users who have not verified their age.
    ("LINE", "internet_zoning", ADOPTED, year(2012), None, ""),
    ("LINE", "id_search_restriction", ADOPTED, UNKNOWN, None, ""),
    ("LINE", "age_verification", ADOPTED, UNKNOWN, None, ""),
    # Invented operators.
    ("つなぐSNS", "age_verification", VERIFIED, month(2016, 4), datetime.date(2024, 6, 3), ""),
    ("つなぐSNS", "internet_zoning", VERIFIED, month(2016, 4), datetime.date(2024, 6, 3), ""),
    ("つなぐSNS", "post_monitoring_after", ADOPTED, year(2015), None, ""),
    ("つなぐSNS", "whistleblowing_form", ADOPTED, year(2015), None, ""),
    ("つなぐSNS", "published_report_totals", PLANNED, UNKNOWN, None, "年次報告の体制を準備中です。"),
    ("つなぐチャット", "internet_zoning", ADOPTED, year(2019), None, ""),
    ("つなぐチャット", "age_verification", VERIFIED, year(2019), datetime.date(2024, 6, 3), ""),
    ("つなぐチャット", "keyword_screening", IN_PROGRESS, UNKNOWN, None, ""),
    ("つなぐチャット", "ml_screening", PLANNED, UNKNOWN, None, "検知モデルを評価中です。"),
    ("ひろば動画", "post_monitoring_before", VERIFIED, month(2018, 10), datetime.date(2025, 2, 14), ""),
    ("ひろば動画", "whistleblowing_form", ADOPTED, year(2018), None, ""),
    ("ひろば動画", "awareness_talks", ADOPTED, year(2020), None, ""),
    ("ひろば動画", "filtering_cooperation", ADOPTED, year(2019), None, ""),
    (
        "ひろば動画",
        "round_the_clock_patrol",
        DISCONTINUED,
        year(2018),
        None,
        "機械学習による検知と事前監視に置き換えました。",
    ),
    ("みらいチャット", "whistleblowing_form", VERIFIED, month(2025, 1), datetime.date(2025, 3, 10), ""),
    ("みらいチャット", "keyword_screening", ADOPTED, month(2025, 2), None, ""),
    ("みらいチャット", "internet_zoning", IN_PROGRESS, UNKNOWN, None, "携帯電話事業者との接続を試験中です。"),
    ("みらいチャット", "age_verification", PLANNED, UNKNOWN, None, ""),
]

# kind, Japanese title, English title, measure code, owner, due after days
TEMPLATE_ITEMS = [
    (
        ItemKind.TASK,
        "サービスを登録簿に登録する",
        "Register your services in the registry",
        None,
        ItemOwner.OPERATOR,
        14,
    ),
    (
        ItemKind.TASK,
        "通報を受け付ける担当窓口を届け出る",
        "Name a contact for reports about your services",
        None,
        ItemOwner.OPERATOR,
        14,
    ),
    (
        ItemKind.TASK,
        "事務局の説明会に参加する",
        "Attend the secretariat's orientation briefing",
        None,
        ItemOwner.SECRETARIAT,
        30,
    ),
    (
        ItemKind.ADOPT_MEASURE,
        "通報窓口を設ける",
        "Set up a whistleblowing form",
        "whistleblowing_form",
        ItemOwner.OPERATOR,
        30,
    ),
    (
        ItemKind.ADOPT_MEASURE,
        "ミニメールの監視を導入する",
        "Monitor direct messages",
        "message_monitoring",
        ItemOwner.OPERATOR,
        60,
    ),
    (
        ItemKind.ADOPT_MEASURE,
        "年齢情報を活用したゾーニングを導入する",
        "Introduce internet zoning with carrier age data",
        "internet_zoning",
        ItemOwner.OPERATOR,
        90,
    ),
    (
        ItemKind.ADOPT_MEASURE,
        "投稿の事前監視を導入する",
        "Monitor posts before publication",
        "post_monitoring_before",
        ItemOwner.OPERATOR,
        90,
    ),
    (
        ItemKind.ADOPT_MEASURE,
        "年齢確認を導入する",
        "Introduce age verification",
        "age_verification",
        ItemOwner.OPERATOR,
        120,
    ),
]
SECOND_VERSION_ITEM = (
    ItemKind.ADOPT_MEASURE,
    "通報件数を公表する",
    "Publish report totals",
    "published_report_totals",
    ItemOwner.OPERATOR,
    180,
)

# The new entrant's checklist: item position -> (state, verified, reason)
NEW_ENTRANT_PROGRESS = {
    1: (ItemState.DONE, True, ""),
    2: (ItemState.DONE, False, ""),
    3: (ItemState.DONE, True, ""),
    4: (ItemState.DONE, True, ""),
    7: (ItemState.NOT_APPLICABLE, False, "公開の投稿機能がなく、1対1のチャットのみのためです。"),
}
NEW_ENTRANT_GIVEN_DAYS_AGO = 70


def load() -> None:
    """Create the registry's demo records that do not exist yet."""
    review_body = Organization.objects.filter(name_ja=REVIEW_BODY).first()
    reviewer = User.objects.filter(email=REVIEWER_EMAIL).first()
    secretary = User.objects.filter(email=SECRETARIAT_EMAIL).first()

    operators = {name_ja: _operator(name_ja, name_en, website) for name_ja, name_en, website in OPERATORS}
    services = {spec[1]: _service(operators[spec[0]], *spec[1:]) for spec in SERVICES}
    for service_name, code, status, (started_on, precision), verified_on, reason in ADOPTIONS:
        _adoption(
            services[service_name],
            code,
            status,
            started_on,
            precision,
            verified_on,
            reason,
            review_body,
            reviewer,
        )
    _evidence(services)

    first, second = _templates()
    _new_entrant_checklist(operators[NEW_ENTRANT], first, secretary, reviewer)
    _completed_checklist(operators["ひろば動画株式会社"], first, secretary)
    _completed_checklist(operators["つなぐSNS合同会社"], second, secretary)
    # Saving a service indexed it before its site types and adoptions existed.
    reindex_services(Service.objects.values_list("pk", flat=True))


def _operator(name_ja: str, name_en: str, website: str) -> Organization:
    organization, _created = Organization.objects.get_or_create(
        name_ja=name_ja,
        defaults={
            "name_en": name_en,
            "kind": OrganizationKind.OPERATOR,
            "is_approved": True,
            "website": website,
        },
    )
    return organization


def _service(organization, name_ja, name_en, site_types, user_count, minor_share, launched_year, description):
    service, created = Service.objects.get_or_create(
        organization=organization,
        name_ja=name_ja,
        defaults={
            "name_en": name_en,
            "user_count": user_count,
            "minor_share": minor_share,
            "launched_year": launched_year,
            "description_ja": description[0],
            "description_en": description[1],
        },
    )
    if created:
        service.site_types.set(SiteType.objects.filter(code__in=site_types))
    return service


def _adoption(
    service, code, status, started_on, precision, verified_on, reason, review_body, reviewer
) -> None:
    measure = Measure.objects.get(code=code)
    if Adoption.objects.filter(service=service, measure=measure).exists():
        return
    declared = ADOPTED if status == VERIFIED else status
    adoption = Adoption.objects.create(
        service=service,
        measure=measure,
        status=declared,
        started_on=started_on,
        started_precision=precision,
        ended_on=datetime.date(2021, 3, 31) if status == DISCONTINUED else None,
        planned_for=timezone.localdate() + datetime.timedelta(days=120)
        if status in (PLANNED, IN_PROGRESS)
        else None,
        reason=reason,
    )
    AdoptionEvent.objects.create(adoption=adoption, kind=EventKind.RECORDED, to_status=declared)
    if status == VERIFIED and review_body is not None:
        adoption.status = VERIFIED
        adoption.verified_by_organization = review_body
        adoption.verified_by = reviewer
        adoption.verified_on = verified_on
        adoption.save()
        AdoptionEvent.objects.create(
            adoption=adoption,
            kind=EventKind.VERIFIED,
            from_status=ADOPTED,
            to_status=VERIFIED,
            actor=reviewer,
            actor_organization=review_body,
        )


def _evidence(services: dict[str, Service]) -> None:
    adoption = Adoption.objects.filter(
        service=services["ひろば動画"], measure__code="post_monitoring_before"
    ).first()
    if adoption is None or adoption.evidence.exists():
        return
    Evidence.objects.create(
        adoption=adoption,
        kind=EvidenceKind.TEXT,
        title="事前監視の運用体制（公開用の要約）",
        text="投稿はすべて公開前に担当者が確認します。夜間はキーワード検知で保留し、翌朝に確認します。",
        is_public=True,
        effective_on=datetime.date(2018, 10, 1),
    )
    Evidence.objects.create(
        adoption=adoption,
        kind=EvidenceKind.TEXT,
        title="監視担当者の配置表",
        text="平日・休日とも3交代で6名を配置しています。",
        is_public=False,
        effective_on=datetime.date(2024, 4, 1),
        expires_on=timezone.localdate() + datetime.timedelta(days=20),
    )


def _templates() -> tuple[ChecklistTemplate, ChecklistTemplate]:
    first = ChecklistTemplate.objects.filter(version=1).first()
    if first is None:
        first = ChecklistTemplate.objects.create(
            name_ja="新規事業者向けチェックリスト",
            name_en="Checklist for new operators",
            change_note="最初の版です。",
            published_at=timezone.now() - datetime.timedelta(days=400),
        )
        _add_template_items(first, TEMPLATE_ITEMS)
    second = ChecklistTemplate.objects.filter(version=2).first()
    if second is None:
        second = ChecklistTemplate.objects.create(
            name_ja=first.name_ja,
            name_en=first.name_en,
            change_note="通報件数の公表を追加しました。",
            published_at=timezone.now() - datetime.timedelta(days=30),
        )
        _add_template_items(second, [*TEMPLATE_ITEMS, SECOND_VERSION_ITEM])
    return first, second


def _add_template_items(template: ChecklistTemplate, items) -> None:
    measures = {measure.code: measure for measure in Measure.objects.all()}
    ChecklistTemplateItem.objects.bulk_create(
        ChecklistTemplateItem(
            template=template,
            sort_order=position,
            kind=kind,
            title_ja=title_ja,
            title_en=title_en,
            measure=measures.get(code) if code else None,
            owner=owner,
            due_after_days=days,
        )
        for position, (kind, title_ja, title_en, code, owner, days) in enumerate(items)
    )


def _give(organization: Organization, template: ChecklistTemplate, given_at) -> Checklist | None:
    if Checklist.objects.filter(organization=organization).exists():
        return None
    checklist = Checklist.objects.create(organization=organization, template=template, given_at=given_at)
    given_on = timezone.localdate(given_at)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            checklist=checklist,
            position=position,
            kind=item.kind,
            title_ja=item.title_ja,
            title_en=item.title_en,
            measure_id=item.measure_id,
            owner=item.owner,
            due_on=given_on + datetime.timedelta(days=item.due_after_days),
        )
        for position, item in enumerate(template.items.order_by("sort_order"), start=1)
    )
    return checklist


def _new_entrant_checklist(organization, template, secretary, reviewer) -> None:
    given_at = timezone.now() - datetime.timedelta(days=NEW_ENTRANT_GIVEN_DAYS_AGO)
    checklist = _give(organization, template, given_at)
    if checklist is None:
        return
    for item in checklist.items.all():
        progress = NEW_ENTRANT_PROGRESS.get(item.position)
        if progress is None:
            continue
        state, verified, reason = progress
        item.state = state
        item.reason = reason
        item.completed_at = given_at + datetime.timedelta(days=item.position * 3)
        if verified:
            item.verified_at = item.completed_at + datetime.timedelta(days=2)
            item.verified_by = reviewer if item.kind == ItemKind.ADOPT_MEASURE else secretary
        item.save()


def _completed_checklist(organization, template, secretary) -> None:
    given_at = timezone.now() - datetime.timedelta(days=300)
    checklist = _give(organization, template, given_at)
    if checklist is None:
        return
    completed_at = given_at + datetime.timedelta(days=100)
    for item in checklist.items.all():
        applies = (
            item.measure is None
            or Adoption.objects.filter(
                service__organization=organization, measure=item.measure, status__in=[ADOPTED, VERIFIED]
            ).exists()
        )
        item.state = ItemState.DONE if applies else ItemState.NOT_APPLICABLE
        item.reason = "" if applies else "サービスの性質上、代わりの対策で対応しています。"
        item.completed_at = completed_at
        item.verified_at = completed_at
        item.verified_by = secretary
        item.save()
    checklist.completed_at = completed_at
    checklist.save(update_fields=["completed_at"])
    Certificate.objects.create(checklist=checklist, issued_at=completed_at)

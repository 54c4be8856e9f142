"""Demo reports: twelve months of reports on the registry's demo services, some open, most closed.

The monthly numbers per service are fixed, so the published totals show numbers for the large services and
"fewer than 3" for the small ones. Reports closed more than ``REPORTS_CONTACT_RETENTION_DAYS`` ago have
their contact data deleted, as ``prune_report_contacts`` would have done. Reports are written with the
model, not through ``reports.services``, so that no notification or email goes out. Their PIN hashes are
unusable, so no PIN exists to be printed or guessed. Running ``load`` again changes nothing, because it
returns when a demo report exists.
"""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from portal.members.models import Organization, OrganizationKind, User
from registry.models import Service

from .models import Category, Outcome, Reply, Report, Source, new_receipt_number
from .totals import forget_totals

VOLUNTEER_EMAIL = "volunteer@example.jp"
OPERATOR_EMAIL = "operator@example.jp"
SECRETARIAT_EMAIL = "secretariat@example.jp"
# Every demo post lives under this reserved domain, which also marks the demo reports.
DEMO_DOMAIN = "example.com"
UNLISTED_SITE = "https://kakikomi-ita.example.com/"

# Reports received per month, oldest month first, for each service (Japanese name) of registry/demo.py.
# Only the invented operators get reports: the real companies of the registry's demo keep their facts from
# the public report, and invented report counts must not be published under their names.
MONTHLY_REPORTS = {
    "つなぐSNS": [9, 11, 8, 12, 10, 9, 13, 11, 10, 12, 9, 6],
    "つなぐチャット": [1, 0, 2, 1, 0, 1, 2, 0, 1, 1, 0, 1],
    "ひろば動画": [6, 5, 7, 4, 6, 8, 5, 6, 7, 5, 6, 3],
    "みらいチャット": [0, 0, 1, 0, 2, 1, 1, 2, 3, 2, 4, 3],
}
# Reports received within this many days stay open. Older ones were closed a few days after they arrived.
OPEN_DAYS = 10

DESCRIPTIONS = {
    Category.COMPENSATED_DATING: "高校生と名乗る利用者が、金銭と引き換えに会う相手を隠語で募集しています。",
    Category.GROOMING: "大人とみられるアカウントが、中学生と名乗る利用者に別のアプリのIDを聞き出そうとしています。",
    Category.OTHER: "18歳未満とみられる利用者が、通っている学校や住んでいる地域が分かる書き込みをしています。",
    Category.SEXUAL_IMAGES: "未成年とみられる人物の性的な画像を載せていると書かれた投稿です。画像は保存していません。",
}
REPLIES = {
    Outcome.REMOVED: "ご報告ありがとうございます。投稿を削除し、投稿者に注意を行いました。",
    Outcome.ACCOUNT_SUSPENDED: "ご報告ありがとうございます。利用規約に基づき、投稿したアカウントを停止しました。",
    Outcome.NO_VIOLATION: "確認しましたが、利用規約に反する内容は見つかりませんでした。ご協力に感謝します。",
    Outcome.FORWARDED_TO_POLICE: "内容を確認し、警察に情報を提供しました。",
}
OUTCOMES = [Outcome.REMOVED] * 11 + [Outcome.ACCOUNT_SUSPENDED] * 4 + [Outcome.NO_VIOLATION] * 4
CATEGORIES = [Category.GROOMING] * 5 + [Category.COMPENSATED_DATING] * 4 + [Category.OTHER] * 2


def load() -> None:
    if Report.objects.filter(post_url__contains=f".{DEMO_DOMAIN}/").exists():
        return
    services = {service.name_ja: service for service in Service.objects.filter(name_ja__in=MONTHLY_REPORTS)}
    if not services:
        return
    people = _people()
    randomness = random.Random(2016)
    now = timezone.now()
    unusable_pin = make_password(None)
    reports: list[Report] = []
    for name, counts in MONTHLY_REPORTS.items():
        service = services.get(name)
        if service is None:
            continue
        for months_ago, count in zip(range(len(counts) - 1, -1, -1), counts, strict=True):
            for index in range(count):
                # The two newest reports of each service stay open, so that every queue has some.
                if months_ago == 0 and index < 2:
                    received = now - datetime.timedelta(days=randomness.uniform(0.1, OPEN_DAYS))
                else:
                    received = _received_at(now, months_ago, randomness)
                reports.append(_report(service, received, now, randomness, people, unusable_pin))
    reports.extend(_special_reports(services, now, people, unusable_pin))
    Report.objects.bulk_create(reports)
    _add_replies(now, randomness, people)
    forget_totals()


def _people() -> dict[str, User | Organization | None]:
    users = {
        user.email: user
        for user in User.objects.filter(email__in=[VOLUNTEER_EMAIL, OPERATOR_EMAIL, SECRETARIAT_EMAIL])
    }
    volunteer = users.get(VOLUNTEER_EMAIL)
    membership = volunteer.memberships.select_related("organization").first() if volunteer else None
    operator = users.get(OPERATOR_EMAIL)
    operator_membership = operator.memberships.first() if operator else None
    return {
        "volunteer": volunteer,
        "volunteer_group": membership.organization if membership else None,
        "operator": operator,
        "operator_organization_id": operator_membership.organization_id if operator_membership else None,
        "secretary": users.get(SECRETARIAT_EMAIL),
    }


def _received_at(now: datetime.datetime, months_ago: int, randomness: random.Random) -> datetime.datetime:
    """Return a time ``months_ago`` months back, no later than an hour ago."""
    days = months_ago * 30 + randomness.uniform(0, 29)
    return min(now - datetime.timedelta(days=days), now - datetime.timedelta(hours=1))


def _report(service, received, now, randomness, people, unusable_pin) -> Report:
    by_volunteer = people["volunteer"] is not None and randomness.random() < 0.1
    category = randomness.choice(CATEGORIES)
    report = Report(
        receipt_number=new_receipt_number(),
        pin_hash=unusable_pin,
        service=service,
        operator=service.organization,
        post_url=_post_url(service, randomness),
        category=category,
        description=DESCRIPTIONS[category],
        source=Source.VOLUNTEER if by_volunteer else Source.PUBLIC,
        reporter_organization=people["volunteer_group"] if by_volunteer else None,
        reporter=people["volunteer"] if by_volunteer else None,
        contact_email=""
        if by_volunteer or randomness.random() < 0.5
        else f"hogosha{randomness.randrange(1000)}@example.net",
        received_at=received,
    )
    if now - received > datetime.timedelta(days=OPEN_DAYS):
        _close(
            report,
            randomness.choice(OUTCOMES),
            received + datetime.timedelta(days=randomness.uniform(0.2, 9)),
            now,
            people,
        )
    return report


def _special_reports(services, now, people, unusable_pin) -> list[Report]:
    """Reports the queues need: two of sexual images forwarded to the police, two about an unlisted site."""
    reports = []
    operator_service = services.get("みらいチャット") or next(iter(services.values()))
    forwarded_at = now - datetime.timedelta(days=40)
    images = Report(
        receipt_number=new_receipt_number(),
        pin_hash=unusable_pin,
        service=operator_service,
        operator=operator_service.organization,
        post_url=f"https://mirai-chat.{DEMO_DOMAIN}/rooms/831/messages/20410",
        category=Category.SEXUAL_IMAGES,
        description=DESCRIPTIONS[Category.SEXUAL_IMAGES],
        received_at=forwarded_at,
        forwarded_to_police_at=forwarded_at,
        police_acknowledged_at=forwarded_at + datetime.timedelta(hours=5),
    )
    _close(images, Outcome.REMOVED, forwarded_at + datetime.timedelta(hours=3), now, people)
    reports.append(images)
    received = now - datetime.timedelta(hours=6)
    reports.append(
        Report(
            receipt_number=new_receipt_number(),
            pin_hash=unusable_pin,
            service=operator_service,
            operator=operator_service.organization,
            post_url=f"https://mirai-chat.{DEMO_DOMAIN}/rooms/902/messages/311",
            category=Category.SEXUAL_IMAGES,
            description=DESCRIPTIONS[Category.SEXUAL_IMAGES],
            received_at=received,
            forwarded_to_police_at=received,
        )
    )
    for days_ago, closed in ((50, True), (2, False)):
        received = now - datetime.timedelta(days=days_ago)
        report = Report(
            receipt_number=new_receipt_number(),
            pin_hash=unusable_pin,
            site_address=UNLISTED_SITE,
            post_url=f"{UNLISTED_SITE}threads/{days_ago}07",
            category=Category.COMPENSATED_DATING,
            description=DESCRIPTIONS[Category.COMPENSATED_DATING],
            source=Source.VOLUNTEER if people["volunteer"] else Source.PUBLIC,
            reporter_organization=people["volunteer_group"],
            reporter=people["volunteer"],
            received_at=received,
        )
        if closed:
            _close(
                report,
                Outcome.FORWARDED_TO_POLICE,
                received + datetime.timedelta(days=1),
                now,
                people,
                secretariat=True,
            )
        reports.append(report)
    return reports


def _close(report, outcome, closed_at, now, people, *, secretariat: bool = False) -> None:
    """Close ``report`` at ``closed_at`` (never in the future) and delete contacts past the retention period."""
    closed_at = min(closed_at, now - datetime.timedelta(minutes=30))
    report.outcome = outcome
    report.closed_at = closed_at
    if secretariat:
        report.closed_by = people["secretary"]
    elif report.operator_id is not None and report.operator_id == people["operator_organization_id"]:
        report.closed_by = people["operator"]
    if outcome == Outcome.FORWARDED_TO_POLICE and report.forwarded_to_police_at is None:
        report.forwarded_to_police_at = closed_at
    deletion_due = closed_at + datetime.timedelta(days=settings.REPORTS_CONTACT_RETENTION_DAYS)
    if deletion_due < now:
        report.contact_email = ""
        report.reporter = None
        report.contact_deleted_at = deletion_due


def _add_replies(now, randomness, people) -> None:
    """Reply to about half of the closed demo reports, from the organization that closed them."""
    secretariat = Organization.objects.filter(kind=OrganizationKind.SECRETARIAT).first()
    replies = []
    for report in Report.objects.closed().filter(post_url__contains=f".{DEMO_DOMAIN}/"):
        if randomness.random() < 0.5:
            continue
        organization = report.operator or secretariat
        if organization is None:
            continue
        replies.append(
            Reply(
                report=report,
                body=REPLIES[report.outcome],
                organization=organization,
                author=report.closed_by,
                created_at=report.closed_at,
            )
        )
    Reply.objects.bulk_create(replies)


def _post_url(service: Service, randomness: random.Random) -> str:
    host = service.name_en.lower().replace(" ", "-")
    return f"https://{host}.{DEMO_DOMAIN}/posts/{randomness.randrange(10_000, 99_999)}"

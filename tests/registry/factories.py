"""Functions that build registry records for tests: operators, services, adoptions and checklist templates."""

import datetime
import itertools

from django.utils import timezone

from portal.members.models import MembershipRole, OrganizationKind
from registry.models import (
    Adoption,
    AdoptionStatus,
    ChecklistTemplate,
    ChecklistTemplateItem,
    DatePrecision,
    ItemKind,
    ItemOwner,
    Measure,
    Service,
    SiteType,
)
from tests.factories import make_member, make_organization

_sequence = itertools.count(1)


def make_operator(**fields):
    return make_organization(OrganizationKind.OPERATOR, **fields)


def make_operator_admin(organization=None, **fields):
    """Create an admin of ``organization`` (a new operator by default)."""
    return make_member(OrganizationKind.OPERATOR, MembershipRole.ADMIN, organization=organization, **fields)


def make_reviewer(organization=None, **fields):
    return make_member(OrganizationKind.REVIEW_BODY, organization=organization, with_totp=True, **fields)


def make_secretary(**fields):
    return make_member(OrganizationKind.SECRETARIAT, MembershipRole.ADMIN, with_totp=True, **fields)


def make_service(organization=None, *, site_types=("chat",), **fields) -> Service:
    number = next(_sequence)
    fields.setdefault("name_ja", f"サービス{number}")
    fields.setdefault("name_en", f"Service {number}")
    service = Service.objects.create(organization=organization or make_operator(), **fields)
    service.site_types.set(SiteType.objects.filter(code__in=site_types))
    return service


def make_adoption(
    service: Service,
    code: str,
    status: str = AdoptionStatus.ADOPTED,
    *,
    started_on: datetime.date | None = None,
    precision: str = DatePrecision.DAY,
    review_body=None,
    verified_on: datetime.date | None = None,
    **fields,
) -> Adoption:
    """Create an adoption directly, without history; tests of the services build theirs through them."""
    if status == AdoptionStatus.VERIFIED:
        review_body = review_body or make_organization(OrganizationKind.REVIEW_BODY)
        fields.update(verified_by_organization=review_body, verified_on=verified_on or timezone.localdate())
    if status == AdoptionStatus.DISCONTINUED:
        fields.setdefault("ended_on", timezone.localdate())
        fields.setdefault("reason", "Replaced by another measure.")
    return Adoption.objects.create(
        service=service,
        measure=Measure.objects.get(code=code),
        status=status,
        started_on=started_on,
        started_precision=precision,
        **fields,
    )


def make_template(items=None, *, published: bool = True, **fields) -> ChecklistTemplate:
    """Create a checklist template version with ``items`` given as dictionaries of item fields."""
    fields.setdefault("name_ja", "新規事業者向けチェックリスト")
    fields.setdefault("name_en", "Checklist for new operators")
    template = ChecklistTemplate.objects.create(published_at=timezone.now() if published else None, **fields)
    items = items or [
        {"kind": ItemKind.TASK, "title_ja": "サービスを登録する", "title_en": "Register your services"},
        {
            "kind": ItemKind.ADOPT_MEASURE,
            "title_ja": "ゾーニングを導入する",
            "title_en": "Introduce internet zoning",
            "measure": Measure.objects.get(code="internet_zoning"),
        },
        {
            "kind": ItemKind.TASK,
            "title_ja": "説明会に参加する",
            "title_en": "Attend the orientation briefing",
            "owner": ItemOwner.SECRETARIAT,
        },
    ]
    for position, item in enumerate(items):
        ChecklistTemplateItem.objects.create(template=template, sort_order=position, **item)
    return template

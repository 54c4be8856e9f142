"""Fixtures of the incidents tests: members of each kind and patterns, briefings and terms to read."""

import datetime

import pytest


@pytest.fixture
def site_types(db):
    from registry.models import SiteType

    return {site_type.code: site_type for site_type in SiteType.objects.all()}


@pytest.fixture
def member(db):
    """Return a factory of approved members: ``member("operator")``, ``member("police")`` (with TOTP), …"""
    from portal.members.models import MembershipRole
    from tests.factories import make_member

    def factory(kind="operator", *, organization=None, admin=False, totp=None):
        needs_totp = kind in ("police", "review_body", "secretariat") if totp is None else totp
        role = MembershipRole.ADMIN if admin else MembershipRole.MEMBER
        return make_member(kind, role, organization=organization, with_totp=needs_totp)

    return factory


@pytest.fixture
def make_pattern(db, site_types):
    """Return a factory of patterns, released by default, saved directly (the services are tested apart)."""
    from django.utils import timezone

    from incidents.models import IncidentPattern, PatternStatus
    from portal.members import access
    from portal.members.distribution import Distribution

    def factory(
        author, *, distribution=Distribution.AMBER, status=PatternStatus.RELEASED, named=(), **fields
    ):
        values = {
            "title": "チャットからID交換アプリへ誘導する手口",
            "description": "ゲームの話題で打ち解けた後、別のアプリに移動させて画像を要求した。",
            "first_contact_site_type": site_types["chat"],
            "next_site_type": site_types["id_exchange"],
            "contributor_site_type": site_types["chat"],
            "offence_type": "child_pornography",
            "age_bracket": "14_15",
            "period_kind": "quarter",
            "period_year": 2016,
            "period_number": 1,
            "region": "kanto",
        }
        values.update(fields)
        pattern = IncidentPattern(
            distribution=distribution,
            status=status,
            origin_organization=access.standing(author).organization,
            created_by=author,
            **values,
        )
        if status == PatternStatus.RELEASED:
            pattern.released_at = timezone.now()
            pattern.archive_on = timezone.localdate() + datetime.timedelta(days=365)
        pattern.save()
        pattern.named_organizations.set(named)
        return pattern

    return factory


@pytest.fixture
def make_briefing(db):
    """Return a factory of briefings posted through the service, as a police member would."""
    from incidents.services.briefings import BriefingDraft, post_briefing
    from portal.members.distribution import DEFAULT_AMBER_KINDS, Distribution, join_kinds

    def factory(author, *, distribution=Distribution.AMBER, language="ja", **fields):
        values = {
            "title": "2016年上半期の検挙状況",
            "period_start": datetime.date(2016, 1, 1),
            "period_end": datetime.date(2016, 6, 30),
            "summary": "複数交流系サイトに起因する被害が最も多い。",
            "distribution": distribution,
            "audience_kinds": join_kinds(DEFAULT_AMBER_KINDS),
        }
        values.update(fields)
        return post_briefing(BriefingDraft(**values), author=author, language_code=language)

    return factory

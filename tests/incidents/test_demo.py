"""The demo loader: content at several levels, and safe to run twice."""

import pytest
from django.core.management import call_command

from incidents.models import CodedTerm, IncidentPattern, PoliceBriefingPage, VictimCount
from portal.members.distribution import Distribution

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_demo_patterns_at_several_levels(demo):
    levels = set(IncidentPattern.objects.values_list("distribution", flat=True))

    assert levels == {Distribution.GREEN, Distribution.AMBER, Distribution.AMBER_STRICT, Distribution.RED}


def test_demo_has_amber_briefing_with_attachment(demo):
    briefing = PoliceBriefingPage.objects.live().get()

    assert briefing.distribution == Distribution.AMBER
    assert briefing.attachments.count() == 1


def test_demo_runs_twice_without_duplicates(demo):
    counts = (IncidentPattern.objects.count(), PoliceBriefingPage.objects.count(), CodedTerm.objects.count())

    call_command("load_demo", verbosity=0)

    assert (
        IncidentPattern.objects.count(),
        PoliceBriefingPage.objects.count(),
        CodedTerm.objects.count(),
    ) == counts
    assert VictimCount.objects.count() == 18

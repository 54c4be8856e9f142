"""The demo reports: twelve months on the demo services, open and closed ones, no email or PIN, old contacts gone."""

import pytest
from django.core import mail

from portal.members import demo as members_demo
from portal.notifications.models import Notification
from registry import demo as registry_demo
from reports import demo as reports_demo
from reports import totals
from reports.models import Category, Reply, Report, Source

pytestmark = pytest.mark.django_db


def test_demo_reports_fill_queues_and_totals(capsys):
    """One test, because the demo takes seconds to load: the members' and registry's demo, then this one twice."""
    members_demo.load()
    registry_demo.load()
    reports_demo.load()
    count = Report.objects.count()

    reports_demo.load()

    assert Report.objects.count() == count
    assert count > 200
    assert mail.outbox == []
    assert not Notification.objects.filter(kind__startswith="report").exists()
    assert "PIN" not in capsys.readouterr().out
    operators = Report.objects.exclude(operator=None).values_list("operator", flat=True).distinct()
    # The invented operators only: invented counts are never published under a real company's name.
    assert not Report.objects.filter(service__name_ja__in=["モバゲー", "GREE", "LINE"]).exists()
    assert operators.count() == 3
    for operator in operators:
        assert Report.objects.open().filter(operator=operator).exists()
    assert Report.objects.filter(operator=None).count() == 2
    assert (
        Report.objects.filter(category=Category.SEXUAL_IMAGES).exclude(forwarded_to_police_at=None).exists()
    )
    assert Report.objects.filter(source=Source.VOLUNTEER, reporter__email="volunteer@example.jp").exists()
    assert Reply.objects.exists()

    cells = [
        month.received
        for row in totals.compute_totals(totals.last_twelve_months()).operator_rows
        for month in row.months
    ]
    assert any(cell.value and cell.value >= 3 for cell in cells)
    assert any(cell.is_suppressed and not cell.complementary for cell in cells)
    assert not Report.objects.with_contact_due_for_deletion().exists()
    assert Report.objects.exclude(contact_deleted_at=None).exists()

"""Adding and correcting the public statistics of child victims, by the police and the secretariat."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from portal.audit.models import Outcome
from portal.audit.services import record
from portal.members import access
from portal.members.models import User

from ..models import StatisticsPeriod, VictimCount


def save_statistics_period(
    period: StatisticsPeriod, *, actor: User, counts: dict[tuple[str, str], int | None]
) -> StatisticsPeriod:
    """Save a period and replace its breakdown with ``counts`` (``(dimension, category)`` to victims).

    Categories whose count is ``None`` are left out, which is how "not known" differs from zero.
    Raises ``PermissionDenied`` unless the actor is a police or secretariat member with a second factor.
    """
    is_new = period.pk is None
    action = "incidents.statistics.added" if is_new else "incidents.statistics.changed"
    if not access.can_add_statistics(actor):
        record(action, actor=actor, outcome=Outcome.DENIED)
        raise PermissionDenied
    with transaction.atomic():
        if is_new:
            period.created_by = actor
        period.save()
        period.counts.all().delete()
        VictimCount.objects.bulk_create(
            VictimCount(period=period, dimension=dimension, category=category, victims=victims)
            for (dimension, category), victims in counts.items()
            if victims is not None
        )
        record(action, actor=actor, target=period, detail={"year": period.year, "kind": period.kind})
    return period

"""Helpers shared by the views of the incidents area: the policy check and CSV responses."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable

from django.http import HttpResponse

from portal.exports import CSV_BYTE_ORDER_MARK, safe_cell
from portal.members import access
from portal.members.mixins import MemberRequiredMixin


class MemberPolicyMixin(MemberRequiredMixin):
    """Members only; then ``policy(user)`` must allow the request, or the member gets a 403 page.

    Set ``policy`` to a function of ``portal.members.access``, wrapped in ``staticmethod``.
    """

    policy: Callable | None = None

    def decide(self, request) -> access.Decision:
        decision = super().decide(request)
        if decision is access.Decision.ALLOW and self.policy is not None and not self.policy(request.user):
            return access.Decision.DENY
        return decision


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> HttpResponse:
    """Return a CSV download that Excel opens as UTF-8, with every cell made safe for spreadsheets."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write(CSV_BYTE_ORDER_MARK)
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value, for_csv=True) for value in row])
    return response

"""The coded-term feed in CSV and JSON, versioned so that screening systems can fetch only what changed.

Format ``1`` (``FEED_FORMAT``) has these fields per term: ``id``, ``term``, ``reading``, ``meaning_ja``,
``meaning_en``, ``first_seen`` (ISO date), ``site_types`` (codes), ``active`` (false once retired) and
``version`` (the feed version in which the term last changed). ``?since=N`` returns only terms changed after
version N, retired ones included, so a consumer can apply the difference to its copy.
"""

from __future__ import annotations

import csv
import io
import json

from django.utils import timezone

from portal.exports import CSV_BYTE_ORDER_MARK, safe_cell

from .models import CodedTerm, CodedTermFeed

FEED_FORMAT = 1
CSV_COLUMNS = [
    "id",
    "term",
    "reading",
    "meaning_ja",
    "meaning_en",
    "first_seen",
    "site_types",
    "active",
    "version",
]


def feed_terms(since: int | None = None):
    terms = CodedTerm.objects.prefetch_related("site_types").order_by("version", "pk")
    if since is None:
        return terms.active()
    return terms.filter(version__gt=since)


def term_record(term: CodedTerm) -> dict:
    return {
        "id": term.pk,
        "term": term.term,
        "reading": term.reading,
        "meaning_ja": term.meaning_ja,
        "meaning_en": term.meaning_en,
        "first_seen": term.first_seen.isoformat(),
        "site_types": [site_type.code for site_type in term.site_types.all()],
        "active": term.is_active,
        "version": term.version,
    }


def feed_json(since: int | None = None) -> str:
    payload = {
        "format": FEED_FORMAT,
        "version": CodedTermFeed.current_version(),
        "since": since,
        "generated_at": timezone.now().isoformat(),
        "distribution": "TLP:GREEN",
        "terms": [term_record(term) for term in feed_terms(since)],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def feed_csv(since: int | None = None) -> str:
    output = io.StringIO()
    output.write(CSV_BYTE_ORDER_MARK)
    writer = csv.writer(output)
    writer.writerow(CSV_COLUMNS)
    for term in feed_terms(since):
        record = term_record(term)
        record["site_types"] = " ".join(record["site_types"])
        record["active"] = "true" if record["active"] else "false"
        writer.writerow([safe_cell(record[column], for_csv=True) for column in CSV_COLUMNS])
    return output.getvalue()

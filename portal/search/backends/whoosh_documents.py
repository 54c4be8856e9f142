"""Mapping between modelsearch ``search_fields`` and Whoosh documents.

Every indexed object becomes one Whoosh document with these fields:

- ``doc_key``: root model label and primary key (``testapp.book:3``), unique, so a
  child-model object (a ``Novel`` that is also a ``Book``) has one document.
- ``doc_pk``: the primary key as text, stored in a column for fast hit mapping.
- ``content_types``: the labels of the object's model and of all its concrete
  parent models, so a search on ``Book`` also finds ``Novel`` documents.
- ``s__<name>``: text of ``SearchField(<name>)``; fields inside
  ``RelatedFields("rel", ...)`` are named ``s__rel__<name>``.
- ``a__<name>``: text of ``AutocompleteField(<name>)``, indexed as prefixes.
"""

import logging
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time

from django.db import models
from modelsearch.backends.base import get_model_root
from modelsearch.index import AutocompleteField, RelatedFields, SearchField, get_indexed_models
from whoosh.fields import ID, KEYWORD, TEXT, Schema

from .whoosh_analysis import autocomplete_index_analyzer, search_analyzer

logger = logging.getLogger(__name__)

SEARCH_PREFIX = "s__"
AUTOCOMPLETE_PREFIX = "a__"


def build_schema() -> Schema:
    """Return the Whoosh schema shared by every index generation."""
    schema = Schema(
        doc_key=ID(unique=True),
        doc_pk=ID(sortable=True),
        content_types=KEYWORD(),
    )
    schema.add(SEARCH_PREFIX + "*", TEXT(analyzer=search_analyzer(), phrase=True), glob=True)
    schema.add(
        AUTOCOMPLETE_PREFIX + "*", TEXT(analyzer=autocomplete_index_analyzer(), phrase=False), glob=True
    )
    return schema


def model_label(model: type[models.Model]) -> str:
    """Return the lower-case ``app_label.model_name`` of a model."""
    return model._meta.label_lower


def document_key(obj: models.Model) -> str:
    """Return the unique Whoosh key of an object: root model label and primary key."""
    return f"{model_label(get_model_root(type(obj)))}:{obj.pk}"


def content_type_labels(model: type[models.Model]) -> list[str]:
    """Return the labels of ``model`` and of its concrete parent models."""
    return [model_label(model)] + [model_label(parent) for parent in model._meta.get_parent_list()]


def value_to_text(value: object) -> str:
    """Convert a field value (text, number, date, list, queryset, model) to indexable text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, (list, tuple, set, models.QuerySet)):
        return "\n".join(value_to_text(item) for item in value)
    return str(value)


def _related_objects(value: object) -> list[object]:
    if value is None:
        return []
    if isinstance(value, models.Manager):
        return list(value.all())
    if isinstance(value, (list, tuple, models.QuerySet)):
        return list(value)
    return [value]


def _collect_text(obj: object, search_fields: Iterable, path: str, texts: dict[str, list[str]]) -> None:
    for field in search_fields:
        if isinstance(field, RelatedFields):
            for related in _related_objects(field.get_value(obj)):
                _collect_text(related, field.fields, f"{path}{field.field_name}__", texts)
        elif isinstance(field, (SearchField, AutocompleteField)):
            prefix = SEARCH_PREFIX if isinstance(field, SearchField) else AUTOCOMPLETE_PREFIX
            text = value_to_text(field.get_value(obj))
            if text:
                texts.setdefault(f"{prefix}{path}{field.field_name}", []).append(text)


def build_document(obj: models.Model) -> dict[str, str]:
    """Return the Whoosh document for ``obj`` (fields as described in the module docstring)."""
    texts: dict[str, list[str]] = {}
    _collect_text(obj, type(obj).get_search_fields(), "", texts)
    document = {name: "\n".join(parts) for name, parts in texts.items()}
    document["doc_key"] = document_key(obj)
    document["doc_pk"] = str(obj.pk)
    document["content_types"] = " ".join(content_type_labels(type(obj)))
    return document


def _iter_field_names(search_fields: Iterable, path: str, kind: type) -> Iterator[tuple[str, float]]:
    prefix = SEARCH_PREFIX if kind is SearchField else AUTOCOMPLETE_PREFIX
    for field in search_fields:
        if isinstance(field, RelatedFields):
            yield from _iter_field_names(field.fields, f"{path}{field.field_name}__", kind)
        elif type(field) is kind:
            yield f"{prefix}{path}{field.field_name}", float(getattr(field, "boost", None) or 1.0)


def field_boosts(
    model: type[models.Model], kind: type, only: Iterable[str] | None = None
) -> dict[str, float]:
    """Return Whoosh field names and boosts to query when searching ``model``.

    ``kind`` is ``SearchField`` or ``AutocompleteField``. The fields of indexed
    subclasses are included because their documents are also results for
    ``model``. ``only`` limits the result to the given top-level field names.
    """
    boosts: dict[str, float] = {}
    for indexed_model in get_indexed_models():
        if not issubclass(indexed_model, model):
            continue
        for name, boost in _iter_field_names(indexed_model.get_search_fields(), "", kind):
            boosts[name] = max(boost, boosts.get(name, 0.0))
    if only is not None:
        prefix = SEARCH_PREFIX if kind is SearchField else AUTOCOMPLETE_PREFIX
        wanted = {prefix + name for name in only}
        boosts = {name: boost for name, boost in boosts.items() if name in wanted}
    return boosts

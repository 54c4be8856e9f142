"""Signals the guidelines area sends, so other areas can react without importing its models.

``version_published`` is sent after a guideline version is published, with ``guideline`` (the
``GuidelinePage``), ``version`` (the stored version object, with ``label``), ``is_major`` and
``previous`` (the version it replaces, or ``None``). The registry flags adoptions of the guideline's measures
for review on a major version.

``version_acknowledged`` is sent after an organization records that it has read a version, with
``organization``, ``guideline``, ``version`` and ``user``. The onboarding checklist ticks its "read this
guideline" items on it.
"""

from django.dispatch import Signal

version_published = Signal()
version_acknowledged = Signal()

"""Signals the guidelines area sends, so other areas can react without importing its models.

``version_published`` is sent when a guideline version comes into force (published, or adopted from a draft
under consultation), with ``guideline`` (the ``GuidelinePage``), ``version`` (the ``GuidelineVersion``, with
``label``), ``is_major`` and ``previous`` (the version in force before it, or ``None``). Drafts opened for
consultation send nothing, since they are not in force. The registry flags adoptions of the guideline's
measures for review on a major version. A receiver that raises is logged and does not undo the publication.

``version_acknowledged`` is sent after an organization records that it has read a version, with
``organization``, ``guideline``, ``version`` and ``user``. The onboarding checklist ticks its "read this
guideline" items on it.
"""

from django.dispatch import Signal

version_published = Signal()
version_acknowledged = Signal()

"""Signals that the curricula area sends.

``pdf_rendered`` is sent after a curriculum's PDF was rendered and stored, with ``record`` (the
``CurriculumPdf``) and ``seconds`` (the time rendering and storing took), for metrics and tests.
"""

from django.dispatch import Signal

pdf_rendered = Signal()

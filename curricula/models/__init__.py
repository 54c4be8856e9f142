"""Models of the curricula area: pages in ``pages.py``, the records kept about them in ``records.py``."""

from .pages import (
    Audience,
    CurriculumActivity,
    CurriculumIndexPage,
    CurriculumObjective,
    CurriculumPage,
    DiscussionPrompt,
    RelatedGuideline,
)
from .records import (
    CurriculumPackPdf,
    CurriculumPdf,
    DownloadCount,
    Feedback,
    FeedbackSender,
)

__all__ = [
    "Audience",
    "CurriculumActivity",
    "CurriculumIndexPage",
    "CurriculumObjective",
    "CurriculumPackPdf",
    "CurriculumPage",
    "CurriculumPdf",
    "DiscussionPrompt",
    "DownloadCount",
    "Feedback",
    "FeedbackSender",
    "RelatedGuideline",
]

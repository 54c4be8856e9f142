"""Models of the incidents area: patterns, police briefings, public statistics and coded terms."""

from .briefings import BriefingArrest, BriefingAttachment, BriefingIndexPage, PoliceBriefingPage
from .choices import AgeBracket, OffenceType
from .patterns import (
    FREE_TEXT_FIELDS,
    IncidentPattern,
    PatternAction,
    PatternEvent,
    PatternReaction,
    PatternStatus,
    PatternView,
    PeriodKind,
    ReactionKind,
)
from .statistics import StatisticsDimension, StatisticsPeriod, StatisticsPeriodKind, VictimCount
from .terms import CodedTerm, CodedTermFeed, FeedToken

__all__ = [
    "FREE_TEXT_FIELDS",
    "AgeBracket",
    "BriefingArrest",
    "BriefingAttachment",
    "BriefingIndexPage",
    "CodedTerm",
    "CodedTermFeed",
    "FeedToken",
    "IncidentPattern",
    "OffenceType",
    "PatternAction",
    "PatternEvent",
    "PatternReaction",
    "PatternStatus",
    "PatternView",
    "PeriodKind",
    "PoliceBriefingPage",
    "ReactionKind",
    "StatisticsDimension",
    "StatisticsPeriod",
    "StatisticsPeriodKind",
    "VictimCount",
]

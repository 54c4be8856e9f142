"""The registry's models: the catalogue, operators' services and adoptions, and onboarding checklists."""

from .catalogue import Measure, SiteType
from .onboarding import (
    Certificate,
    Checklist,
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTemplateItem,
    ItemKind,
    ItemOwner,
    ItemState,
)
from .operators import (
    Adoption,
    AdoptionEvent,
    AdoptionStatus,
    DatePrecision,
    EventKind,
    Evidence,
    EvidenceKind,
    MinorShare,
    Service,
    UserCount,
)

__all__ = [
    "Adoption",
    "AdoptionEvent",
    "AdoptionStatus",
    "Certificate",
    "Checklist",
    "ChecklistItem",
    "ChecklistTemplate",
    "ChecklistTemplateItem",
    "DatePrecision",
    "EventKind",
    "Evidence",
    "EvidenceKind",
    "ItemKind",
    "ItemOwner",
    "ItemState",
    "Measure",
    "MinorShare",
    "Service",
    "SiteType",
    "UserCount",
]

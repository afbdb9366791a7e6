from .base import MedicalReviewer, PublishableQuerySet, Status, published_q
from .clinic import ChecklistItem, ClinicDetails, TreatmentDayStep
from .content import FAQ, Article, FAQCategory, GlossaryTerm, Reference, SafetyItem, Topic
from .drafts import Draft, ReviewEvent
from .selfcheck import SelfCheckQuestion

__all__ = [
    "FAQ",
    "Article",
    "ChecklistItem",
    "ClinicDetails",
    "Draft",
    "FAQCategory",
    "GlossaryTerm",
    "MedicalReviewer",
    "PublishableQuerySet",
    "published_q",
    "Reference",
    "ReviewEvent",
    "SafetyItem",
    "SelfCheckQuestion",
    "Status",
    "Topic",
    "TreatmentDayStep",
]

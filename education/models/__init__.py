from .base import MedicalReviewer, PublishableQuerySet, Status, published_q
from .clinic import ChecklistItem, ClinicDetails, TreatmentDayStep
from .content import FAQ, Article, FAQCategory, GlossaryTerm, Reference, SafetyItem, Topic
from .pemat import PematScore
from .selfcheck import SelfCheckQuestion

__all__ = [
    "FAQ",
    "Article",
    "ChecklistItem",
    "ClinicDetails",
    "FAQCategory",
    "GlossaryTerm",
    "MedicalReviewer",
    "PematScore",
    "PublishableQuerySet",
    "published_q",
    "Reference",
    "SafetyItem",
    "SelfCheckQuestion",
    "Status",
    "Topic",
    "TreatmentDayStep",
]

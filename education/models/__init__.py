from .base import MedicalReviewer, PublishableQuerySet, Status, published_q
from .clinic import ChecklistItem, ClinicDetails, TreatmentDayStep
from .content import FAQ, Article, FAQCategory, GlossaryTerm, Reference, SafetyItem, Topic
from .images import Image
from .selfcheck import SelfCheckQuestion

__all__ = [
    "FAQ",
    "Article",
    "ChecklistItem",
    "ClinicDetails",
    "FAQCategory",
    "GlossaryTerm",
    "Image",
    "MedicalReviewer",
    "PublishableQuerySet",
    "published_q",
    "Reference",
    "SafetyItem",
    "SelfCheckQuestion",
    "Status",
    "Topic",
    "TreatmentDayStep",
]

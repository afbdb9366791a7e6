from .base import ActiveQuerySet, MedicalReviewer, PublishableQuerySet, Status, active_q, published_q
from .clinic import ChecklistItem, ClinicDetails, TreatmentDayStep
from .content import FAQ, Article, FAQCategory, GlossaryTerm, Reference, SafetyItem, Topic
from .demo import DemoRecord
from .drafts import Draft, ReviewEvent
from .images import Image
from .pemat import PematScore
from .safety_information import SafetyInformation
from .selfcheck import SelfCheckQuestion
from .site import ContentVersion

__all__ = [
    "ActiveQuerySet",
    "active_q",
    "FAQ",
    "Article",
    "ChecklistItem",
    "ClinicDetails",
    "ContentVersion",
    "DemoRecord",
    "Draft",
    "FAQCategory",
    "GlossaryTerm",
    "Image",
    "MedicalReviewer",
    "PematScore",
    "PublishableQuerySet",
    "published_q",
    "Reference",
    "SafetyInformation",
    "ReviewEvent",
    "SafetyItem",
    "SelfCheckQuestion",
    "Status",
    "Topic",
    "TreatmentDayStep",
]

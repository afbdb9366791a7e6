"""Demo content for the Clinic Portal: plain data only (lists of dicts, strings, numbers, booleans).

Everything here is written in plain language from the facts and sources in the shared content guide.
Bracketed text such as "[Clinic: add your self-pay price here]" is a placeholder the clinic must replace.
Staff-only notes (facts to verify, citations to complete) live in each item's "review_notes".
"""

from .articles_care import CARE_ARTICLES
from .articles_conditions import CONDITION_ARTICLES
from .clinic import CLINIC, REVIEWERS
from .faqs import FAQ_CATEGORIES, FAQS
from .glossary import GLOSSARY
from .safety import SAFETY_ITEMS
from .selfcheck import SELF_CHECK_QUESTIONS
from .topics import TOPICS
from .visit import CHECKLIST, TREATMENT_DAY

ARTICLES = CONDITION_ARTICLES + CARE_ARTICLES

__all__ = [
    "ARTICLES",
    "CHECKLIST",
    "CLINIC",
    "FAQS",
    "FAQ_CATEGORIES",
    "GLOSSARY",
    "REVIEWERS",
    "SAFETY_ITEMS",
    "SELF_CHECK_QUESTIONS",
    "TOPICS",
    "TREATMENT_DAY",
]

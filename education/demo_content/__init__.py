"""Demo content for the Clinic Portal, kept as files a clinician can review in a pull request.

One Markdown file per article (articles/<slug>.md), FAQ (faqs/<category>/<slug>.md), safety item
(safety/<slug>.md), glossary term (glossary/<slug>.md) and safety-information block
(safety_information/<slug>.md), each with its metadata in a YAML header
block; small YAML files for the clinic, reviewers, topics, FAQ categories, checklist, treatment-day
steps and self-check questions, and the demo team's PEMAT-P self-score of each article
(pemat.yaml). Everything is written in plain language from the facts and sources in the shared
content guide, for a clearly fictional demo clinic. Staff-only notes (facts to verify)
live in each item's "review_notes".

The names below are plain data (lists of dicts), read once at import by files.py.
"""

from . import files

ARTICLES = files.articles()
FAQS = files.faqs()
SAFETY_ITEMS = files.safety_items()
GLOSSARY = files.glossary()
SAFETY_INFORMATION = files.safety_information()
FAQ_CATEGORIES = files.load_yaml("faqs/categories.yaml")
TOPICS = files.load_yaml("topics.yaml")
CLINIC = files.load_yaml("clinic.yaml")["clinic"]
REVIEWERS = files.load_yaml("clinic.yaml")["reviewers"]
CHECKLIST = files.load_yaml("checklist.yaml")
TREATMENT_DAY = files.load_yaml("treatment_day.yaml")
SELF_CHECK_QUESTIONS = files.load_yaml("selfcheck.yaml")
PEMAT = files.pemat_scores({item["slug"] for item in ARTICLES})

__all__ = [
    "ARTICLES",
    "CHECKLIST",
    "CLINIC",
    "FAQS",
    "FAQ_CATEGORIES",
    "PEMAT",
    "GLOSSARY",
    "REVIEWERS",
    "SAFETY_INFORMATION",
    "SAFETY_ITEMS",
    "SELF_CHECK_QUESTIONS",
    "TOPICS",
    "TREATMENT_DAY",
]

"""The topics that group the articles."""

TOPICS = [
    {
        "slug": "treatment-resistant-depression",
        "name": "Treatment-resistant depression",
        "summary": (
            "Some depression does not get better enough with the first medicines. "
            "Learn what treatment-resistant depression means and how ketamine and esketamine may fit in. "
            "We also explain what is FDA-approved and what is not."
        ),
        "order": 1,
    },
    {
        "slug": "chronic-pain",
        "name": "Chronic pain",
        "summary": (
            "Ketamine is sometimes used for long-lasting pain, but this use is off-label. "
            "Learn which kinds of pain have some evidence and which have little or none."
        ),
        "order": 2,
    },
    {
        "slug": "ptsd",
        "name": "PTSD",
        "summary": (
            "PTSD can follow a frightening or harmful event. "
            "Ketamine for PTSD is still being studied, and the results so far are mixed. "
            "Learn about the treatments that are used first."
        ),
        "order": 3,
    },
    {
        "slug": "safety-and-side-effects",
        "name": "Safety and side effects",
        "summary": (
            "Ketamine and esketamine have side effects and real risks. "
            "Learn what to expect, what your clinician needs to know, and where to get help fast."
        ),
        "order": 4,
    },
    {
        "slug": "preparing-for-treatment",
        "name": "Preparing for treatment",
        "summary": (
            "A little planning makes each visit easier. "
            "Learn what to bring, what a treatment day looks like, and how to get home after."
        ),
        "order": 5,
    },
]

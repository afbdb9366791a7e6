"""The placeholder clinic details and the clinicians shown as medical reviewers."""

from ._text import join

REVIEWERS = [
    {
        "key": "jordan-lee",
        "name": "Dr. Jordan Lee (placeholder)",
        "credentials": "MD, psychiatrist (placeholder: replace with your clinic's reviewer)",
    },
    {
        "key": "sam-rivera",
        "name": "Dr. Sam Rivera (placeholder)",
        "credentials": (
            "MD, anesthesiologist and pain medicine doctor (placeholder: replace with your clinic's reviewer)"
        ),
    },
]

CLINIC = {
    "name": "[Clinic name]",
    "tagline": "Clear, plain answers about supervised ketamine and esketamine treatment.",
    "phone": "[Clinic phone number]",
    "email": "info@example.org",
    "address": "[Clinic: street address, city, state, ZIP]",
    "hours": "[Clinic: add your opening hours, e.g. days and times]",
    "crisis_text": join(
        "If you are thinking about suicide or are in crisis, call or text 988,",
        "or chat at 988lifeline.org. It is free and open 24/7.",
        "If you are in danger right now, call 911.",
    ),
    "not_for_emergencies": join(
        "This website and our phone line are not for emergencies.",
        "In an emergency, call 911. For a mental health crisis, call or text 988.",
    ),
    "disclaimer": join(
        "This website gives general health information.",
        "It does not replace advice from your own clinician.",
        "Talk with your care team before you start, stop or change any treatment.",
    ),
}

"""AHRQ's Patient Education Materials Assessment Tool for printable materials (PEMAT-P).

Staff tick each item of an article as agree, disagree or (where PEMAT allows it) not applicable;
a score is the share of "agree" among the items that apply. AHRQ's usual pass mark is 70 %.
The wording below is our own short version of each item; the numbers are PEMAT's, so a reviewer can
look an item up in AHRQ's user's guide. Items 13 and 14 are for audio-visual material only and are
not part of PEMAT-P.
"""

from dataclasses import dataclass

PASS_MARK = 70

AGREE, DISAGREE, NOT_APPLICABLE = "agree", "disagree", "na"
ANSWER_LABELS = {AGREE: "Agree", DISAGREE: "Disagree", NOT_APPLICABLE: "Not applicable"}

UNDERSTANDABILITY, ACTIONABILITY = "understandability", "actionability"


@dataclass(frozen=True)
class Item:
    number: int
    scale: str
    text: str
    na_when: str = ""  # when PEMAT allows "not applicable"; empty: it never does

    @property
    def key(self):
        return str(self.number)


ITEMS = [
    Item(1, UNDERSTANDABILITY, "Its purpose is obvious from the start."),
    Item(2, UNDERSTANDABILITY, "Nothing in it distracts from that purpose."),
    Item(3, UNDERSTANDABILITY, "It uses common, everyday words."),
    Item(4, UNDERSTANDABILITY, "Medical terms appear only to teach them, and each one is explained."),
    Item(5, UNDERSTANDABILITY, "Sentences are in the active voice."),
    Item(6, UNDERSTANDABILITY, "Any numbers are clear and easy to follow.", "it has no numbers"),
    Item(7, UNDERSTANDABILITY, "The reader never has to do arithmetic."),
    Item(8, UNDERSTANDABILITY, "The text is cut into short sections.", "it is very short"),
    Item(9, UNDERSTANDABILITY, "Section headings say what is in each section.", "it is very short"),
    Item(10, UNDERSTANDABILITY, "Things come in an order that makes sense."),
    Item(11, UNDERSTANDABILITY, "It gives a summary (e.g. key points).", "it is very short"),
    Item(12, UNDERSTANDABILITY, "Bullets, bold text or boxes point the reader to what matters most."),
    Item(15, UNDERSTANDABILITY, "It has pictures or diagrams wherever they would help understanding."),
    Item(16, UNDERSTANDABILITY, "Its pictures support the text rather than distract.", "it has no pictures"),
    Item(17, UNDERSTANDABILITY, "Its pictures have clear titles or captions.", "it has no pictures"),
    Item(
        18,
        UNDERSTANDABILITY,
        "Its illustrations and photos are clear and uncluttered.",
        "it has no illustrations or photos",
    ),
    Item(
        19,
        UNDERSTANDABILITY,
        "Its tables are simple, with short, clear row and column headings.",
        "it has no tables",
    ),
    Item(20, ACTIONABILITY, "It names at least one thing the reader can do."),
    Item(21, ACTIONABILITY, "It speaks to the reader directly (“you”) about what to do."),
    Item(22, ACTIONABILITY, "Each action is broken into small, explicit steps."),
    Item(23, ACTIONABILITY, "It offers a tool (a checklist, a list, a diary) wherever one would help."),
    Item(
        24,
        ACTIONABILITY,
        "Where the reader must calculate, it shows how, simply or with an example.",
        "there is nothing to calculate",
    ),
    Item(
        25,
        ACTIONABILITY,
        "It explains how to use its charts, tables or diagrams to act.",
        "it has no charts, tables or diagrams",
    ),
    Item(26, ACTIONABILITY, "It uses pictures wherever they would make the steps easier to follow."),
]

ITEMS_BY_KEY = {item.key: item for item in ITEMS}


def score(answers, scale):
    """Percentage (0-100, rounded) of 'agree' among the answered, applicable items of one scale, or
    None when none has been answered yet."""
    points = [answers.get(item.key) for item in ITEMS if item.scale == scale]
    applicable = [answer for answer in points if answer in (AGREE, DISAGREE)]
    if not applicable:
        return None
    return round(100 * applicable.count(AGREE) / len(applicable))


def unanswered(answers):
    return [item for item in ITEMS if answers.get(item.key) not in ANSWER_LABELS]


def failed(answers):
    return [item for item in ITEMS if answers.get(item.key) == DISAGREE]


def clean_answers(answers):
    """Only known items and allowed answers ("not applicable" only where PEMAT allows it)."""
    result = {}
    for key, answer in (answers or {}).items():
        item = ITEMS_BY_KEY.get(str(key))
        if item is None or answer not in ANSWER_LABELS:
            raise ValueError(f"PEMAT item {key}: {answer!r} is not an answer this item takes.")
        if answer == NOT_APPLICABLE and not item.na_when:
            raise ValueError(f"PEMAT item {key} cannot be marked not applicable.")
        result[item.key] = answer
    return result

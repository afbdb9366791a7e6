"""Offline reading-level measures: Flesch-Kincaid grade, SMOG grade, word count, reading time.

No network: syllables come from pyphen's bundled en_US dictionary and a vowel-group count,
taking the larger of the two (pyphen alone under-counts because it avoids splitting near
word ends, e.g. "ke-tamine").

Grades are scored on the prose only: headings are dropped and list markers stripped first.
A heading like "Blood pressure" scored as a sentence of two words pulls the grade down, so it
would flatter the text. Each paragraph and each list item then counts as a sentence, whether
or not it ends with a full stop (as common readability tools count bullet points).
"""

import math
import re
from dataclasses import dataclass

import pyphen

from education.text import spanish
from education.text.markdown import render_markdown
from education.text.richtext import html_to_text

_dictionary = pyphen.Pyphen(lang="en_US")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n|\n(?=\s*[-*•\d])")
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1\s*>", re.I | re.S)
WORDS_PER_MINUTE = 200


def _vowel_groups(word):
    word = word.lower().strip("'’-")
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if (
        word.endswith(("ed", "es"))
        and count > 1
        and not re.search(r"[td]ed$|[sxz]es$|[cs]hes$|ges$|ces$", word)
    ):
        count -= 1
    return max(1, count)


def count_syllables(word):
    by_dictionary = len(_dictionary.positions(word)) + 1
    return max(by_dictionary, _vowel_groups(word))


@dataclass(frozen=True)
class ReadingStats:
    words: int
    sentences: int
    syllables: int
    polysyllables: int = 0  # words of 3 or more syllables, for SMOG

    @property
    def grade(self):
        """Flesch-Kincaid grade level, rounded to one decimal; 0 for empty text."""
        if not self.words:
            return 0.0
        value = 0.39 * (self.words / self.sentences) + 11.8 * (self.syllables / self.words) - 15.59
        return round(max(value, 0.0), 1)

    @property
    def smog(self):
        """SMOG grade (McLaughlin 1969), scaled to 30 sentences; 0 for empty text."""
        if not self.words:
            return 0.0
        return round(1.0430 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291, 1)

    @property
    def perspicuity(self):
        """Szigriszt-Pazos perspicuity, read on the INFLESZ scale: for Spanish text only."""
        return spanish.szigriszt_pazos(self.words, self.sentences, self.syllables)

    @property
    def inflesz(self):
        return spanish.inflesz_band(self.perspicuity)

    @property
    def minutes(self):
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE)) if self.words else 0


# Per language: what a word is, and how its syllables are counted.
_LANGUAGES = {
    "en": (_WORD, count_syllables),
    "es": (spanish.WORD, spanish.count_syllables),
}


def reading_stats(text, language="en"):
    """Measures of plain text as given (see prose_from_html / prose_from_markdown to prepare it)."""
    word_pattern, syllables_of = _LANGUAGES[language]
    words = word_pattern.findall(text or "")
    chunks = [c for c in _SENTENCE_END.split(text or "") if word_pattern.search(c or "")]
    syllables = [syllables_of(w) for w in words]
    return ReadingStats(
        words=len(words),
        sentences=max(1, len(chunks)),
        syllables=sum(syllables),
        polysyllables=sum(1 for n in syllables if n >= 3),
    )


def prose_from_html(html):
    """The text a reader reads as sentences: headings dropped, list markers gone."""
    return html_to_text(_HTML_HEADING.sub("\n\n", html or ""))


def prose_from_markdown(markdown_text):
    """The same for Markdown source (rendered first, so list markers and headings go)."""
    return prose_from_html(render_markdown(markdown_text or ""))


def html_reading_stats(html, language="en"):
    """Grades for rendered content (what the editorial checks and the article list show)."""
    return reading_stats(prose_from_html(html), language)


def markdown_reading_stats(markdown_text, language="en"):
    return reading_stats(prose_from_markdown(markdown_text), language)

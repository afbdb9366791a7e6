"""Offline reading-level measures (Flesch-Kincaid grade, word count, reading time).

No network: syllables come from pyphen's bundled en_US dictionary and a vowel-group count,
taking the larger of the two (pyphen alone under-counts because it avoids splitting near
word ends, e.g. "ke-tamine").
"""

import math
import re
from dataclasses import dataclass

import pyphen

_dictionary = pyphen.Pyphen(lang="en_US")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n|\n(?=\s*[-*•\d])")
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

    @property
    def grade(self):
        """Flesch-Kincaid grade level, rounded to one decimal; 0 for empty text."""
        if not self.words:
            return 0.0
        value = 0.39 * (self.words / self.sentences) + 11.8 * (self.syllables / self.words) - 15.59
        return round(max(value, 0.0), 1)

    @property
    def minutes(self):
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE)) if self.words else 0


def reading_stats(text):
    words = _WORD.findall(text or "")
    chunks = [c for c in _SENTENCE_END.split(text or "") if _WORD.search(c or "")]
    return ReadingStats(
        words=len(words),
        sentences=max(1, len(chunks)),
        syllables=sum(count_syllables(w) for w in words),
    )

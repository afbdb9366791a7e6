"""Spanish syllables and the INFLESZ readability scale.

Syllables are counted by Spanish spelling rules, not by a hyphenation dictionary: hyphenation
avoids breaks that leave one vowel alone or split a hiatus, so it counts "río", "país" and
"agua" as one syllable and "aerosol" as three (../shared/LANGUAGE_GUIDE.md, section 4).

Each run of vowel letters is one syllable, plus one for every hiatus inside it:
- two strong vowels side by side (a, e, o, accented or not): "a-e-ro-sol", "le-er";
- a stressed weak vowel (í, ú) beside any vowel: "rí-o", "pa-ís", "ba-úl";
- a doubled weak vowel: "chi-i-ta".
Everything else is a diphthong or triphthong and stays one syllable ("a-gua", "ciu-dad",
"buey"). "y" is a vowel only where no vowel follows it ("hoy", "muy", the word "y");
"h" counts as a consonant, and the silent "u" of "que"/"gui" joins its vowel either way.
"""

import re

STRONG = set("aeoáéó")
STRESSED_WEAK = set("íú")
WEAK = set("iuüy")
VOWELS = STRONG | STRESSED_WEAK | WEAK

WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+")


def _is_vowel(word, index):
    letter = word[index]
    if letter != "y":
        return letter in VOWELS
    # "y" before a vowel is a consonant ("yo", "ayuda"); elsewhere it closes a vowel ("hoy").
    return index + 1 == len(word) or word[index + 1] not in VOWELS - {"y"}


def _hiatus(first, second):
    if first in STRONG and second in STRONG:
        return True
    if first in STRESSED_WEAK or second in STRESSED_WEAK:
        return True
    return first == second and first in WEAK


def count_syllables(word):
    """Syllables of one Spanish word, at least 1 for any word with letters."""
    word = word.lower()
    count = 0
    previous = None  # the vowel before this letter, while inside a run of vowels
    for index, letter in enumerate(word):
        if not _is_vowel(word, index):
            previous = None
            continue
        if previous is None or _hiatus(previous, letter):
            count += 1
        previous = letter
    return max(count, 1)


# INFLESZ (Barrio-Cantalejo et al. 2008), read on the Szigriszt-Pazos number. Each band holds
# its lower bound; 80 itself is still "bastante fácil" (the scale says "> 80" for "muy fácil").
INFLESZ_BANDS = (
    (40, "muy difícil"),
    (55, "algo difícil"),
    (65, "normal"),
    (80.000001, "bastante fácil"),
)


def szigriszt_pazos(words, sentences, syllables):
    """Szigriszt-Pazos perspicuity (1993), rounded to one decimal; 0 for empty text."""
    if not words:
        return 0.0
    return round(206.835 - 62.3 * syllables / words - words / max(sentences, 1), 1)


def inflesz_band(score):
    for upper, name in INFLESZ_BANDS:
        if score < upper:
            return name
    return "muy fácil"

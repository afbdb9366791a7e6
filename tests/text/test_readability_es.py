"""Spanish reading level: syllables by Spanish rules (checked against words counted by hand) and INFLESZ."""

import pytest

from education.text import spanish
from education.text.readability import html_reading_stats, reading_stats

# Counted by hand, syllable by syllable; the first four and "aerosol" are the words a hyphenation
# dictionary gets wrong (LANGUAGE_GUIDE.md, section 4).
HAND_COUNTED = {
    "amor": 2,  # a-mor
    "río": 2,  # rí-o
    "país": 2,  # pa-ís
    "agua": 2,  # a-gua
    "aerosol": 4,  # a-e-ro-sol
    "esketamina": 5,  # es-ke-ta-mi-na
    "ketamina": 4,  # ke-ta-mi-na
    "depresión": 3,  # de-pre-sión
    "tratamiento": 4,  # tra-ta-mien-to
    "ciudad": 2,  # ciu-dad
    "buey": 1,
    "Uruguay": 3,  # U-ru-guay
    "oír": 2,  # o-ír
    "leer": 2,  # le-er
    "poeta": 3,  # po-e-ta
    "maíz": 2,  # ma-íz
    "baúl": 2,  # ba-úl
    "hoy": 1,
    "muy": 1,
    "y": 1,
    "ayuda": 3,  # a-yu-da
    "reyes": 2,  # re-yes
    "día": 2,  # dí-a
    "ahí": 2,  # a-hí
    "prohíbe": 3,  # pro-hí-be
    "guerra": 2,  # gue-rra
    "pingüino": 3,  # pin-güi-no
    "cigüeña": 3,  # ci-güe-ña
    "enfermería": 5,  # en-fer-me-rí-a
    "náuseas": 3,  # náu-se-as
    "mareo": 3,  # ma-re-o
    "arterial": 3,  # ar-te-rial
    "embarazada": 5,  # em-ba-ra-za-da
    "vejiga": 3,  # ve-ji-ga
    "conducir": 3,  # con-du-cir
    "chiita": 3,  # chi-i-ta
    "construir": 2,  # cons-truir
    "psiquiatra": 3,  # psi-quia-tra
    "cuidado": 3,  # cui-da-do
    "Paraguay": 3,  # Pa-ra-guay
    "huevo": 2,  # hue-vo
}


@pytest.mark.parametrize(("word", "syllables"), HAND_COUNTED.items())
def test_syllables_match_a_hand_count(word, syllables):
    assert spanish.count_syllables(word) == syllables


def test_a_sentence_scores_by_the_szigriszt_pazos_formula():
    # 8 words, 17 syllables, 1 sentence: 206.835 - 62.3 * 17 / 8 - 8 = 66.4475
    stats = reading_stats("El paciente recibe el tratamiento en la clínica.", "es")
    assert (stats.words, stats.syllables, stats.sentences) == (8, 17, 1)
    assert stats.perspicuity == 66.4
    assert stats.inflesz == "bastante fácil"


def test_accented_words_are_whole_words():
    stats = reading_stats("¿Puede conducir después? No, espere hasta mañana.", "es")
    assert stats.words == 7
    assert stats.sentences == 2


def test_long_words_and_sentences_read_as_harder():
    easy = html_reading_stats("<p>Tome agua. Descanse hoy. Llame si se siente mal.</p>", "es")
    hard = html_reading_stats(
        "<p>La administración intranasal de esketamina requiere monitorización hemodinámica "
        "continuada durante aproximadamente dos horas posteriores a cada administración.</p>",
        "es",
    )
    assert easy.perspicuity > 80 and easy.inflesz == "muy fácil"
    assert hard.perspicuity < 40 and hard.inflesz == "muy difícil"


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (39.9, "muy difícil"),
        (40, "algo difícil"),
        (54.9, "algo difícil"),
        (55, "normal"),
        (64.9, "normal"),
        (65, "bastante fácil"),
        (80, "bastante fácil"),
        (80.1, "muy fácil"),
    ],
)
def test_inflesz_bands_hold_their_lower_bound_and_80_is_still_bastante_facil(score, band):
    assert spanish.inflesz_band(score) == band


def test_english_measures_are_unchanged_by_default():
    text = "The nurse checks your blood pressure."  # the-nurse-checks-your-blood-pres-sure
    assert reading_stats(text) == reading_stats(text, "en")
    assert reading_stats(text).syllables == 7

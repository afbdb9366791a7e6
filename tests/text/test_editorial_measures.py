"""Reading grades score prose only and report SMOG; the claims check knows negation (no database)."""

import pytest

from education.editorial.checks import RULED_OUT_CLAIMS, claim_warnings, find_claims
from education.text.markdown import render_markdown
from education.text.readability import (
    html_reading_stats,
    markdown_reading_stats,
    prose_from_html,
    reading_stats,
)

PROSE = (
    "Ketamine can raise your blood pressure for a few hours. Staff check it before and after your dose. "
    "Tell them if you have heart problems or have had a stroke."
)


def test_headings_are_not_scored_as_sentences():
    with_headings = "## Blood pressure\n\n" + PROSE + "\n\n## Heart\n\n## Stroke\n"
    assert markdown_reading_stats(with_headings) == markdown_reading_stats(PROSE)
    # Counted as sentences, the three short headings would pull the grade down.
    naive = reading_stats("Blood pressure\n\n" + PROSE + "\n\nHeart\n\nStroke")
    assert naive.grade < markdown_reading_stats(with_headings).grade


def test_list_markers_are_not_words_and_each_item_is_a_sentence():
    stats = markdown_reading_stats("- Bring your ID\n- Bring a driver\n1. Rest at home\n")
    assert stats.words == 9 and stats.sentences == 3
    assert "-" not in prose_from_html(render_markdown("- Bring your ID\n"))


def test_smog_is_reported_beside_flesch_kincaid():
    plain = markdown_reading_stats("You rest. A nurse checks on you. You go home with a friend.")
    hard = markdown_reading_stats(
        "Intravenous administration necessitates comprehensive cardiovascular monitoring. "
        "Dissociative phenomenology is anticipated. Individualised evaluation is obligatory."
    )
    assert plain.smog < 6 < 12 < hard.smog
    assert plain.grade < 4 < 12 < hard.grade
    assert reading_stats("").smog == 0.0


def test_the_reading_grade_warning_names_both_grades():
    from education.editorial.checks import reading_grade_warnings

    (warning,) = reading_grade_warnings(
        html_reading_stats("<p>Intravenous administration necessitates comprehensive monitoring.</p>")
    )
    assert "Flesch-Kincaid" in warning and "SMOG" in warning


@pytest.mark.parametrize(
    "honest",
    [
        "Treatment is not a cure.",
        "Ketamine does not cure depression.",
        "There is no cure for CRPS yet, and no miracle treatment.",
        "It isn't guaranteed to help.",
        "Results are never guaranteed.",
        "It has not been shown to be safe for children.",
        "Ask a friend to make sure you get home safely.",
        "In order to stay safe, a nurse checks on you.",
        "Side effects are common and usually pass.",
        "Do not stop your medicines on your own.",
    ],
)
def test_honest_and_negated_wording_passes(honest):
    assert find_claims(honest) == []


@pytest.mark.parametrize(
    "claim,reason",
    [
        ("Ketamine cures depression.", "promises a cure"),
        ("It can be a cure for pain.", "promises a cure"),
        ("Relief is guaranteed.", "promises a guaranteed result"),
        ("A miracle for depression.", "calls it a miracle"),
        ("Esketamine is safe and effective.", "calls the treatment safe"),
        ("The treatment is completely safe.", "calls the treatment safe"),
        ("There are no side effects.", "says there are no side effects"),
        ("You will not feel pain, and there are no side effects.", "says there are no side effects"),
        ("It works for 100% of people.", "promises certain success"),
        ("You can buy ketamine online.", "talks about buying or ordering drugs"),
        ("Do not wait: order your esketamine today.", "talks about buying or ordering drugs"),
        ("Ketamine for sale here.", "talks about buying or ordering drugs"),
    ],
)
def test_ruled_out_claims_are_flagged(claim, reason):
    assert reason in [r for _, r in find_claims(claim)]
    assert any(reason in w for w in claim_warnings(claim))


def test_a_negation_in_an_earlier_sentence_does_not_excuse_a_claim():
    assert find_claims("It is not for everyone. But it cures depression.")


def test_there_is_one_claims_list_in_the_code_used_by_the_demo_content_tests():
    import tests.demo_content.test_demo_content_quality as quality

    assert not hasattr(quality, "FORBIDDEN_CLAIMS") and not hasattr(quality, "OBTAINING")
    assert quality.find_claims is find_claims
    assert len(RULED_OUT_CLAIMS) >= 7

"""The learned line model: its shipped parameters, the segmenter and the features it reads."""

from __future__ import annotations

import json
import math
import random

import pytest

from newsrecon.clean import classify, split_lines
from newsrecon.clean.features import FEATURES, LOCAL, line_features, page_stopwords, window_means
from newsrecon.clean.linemodel import (
    MODEL_PATH,
    SEGMENT,
    Linear,
    Segmenter,
    load_model,
    segment,
    segment_features,
)

SEG = Segmenter(bias=0.5, enter_gap=2.0, gap_line=0.7)


def test_clean_linemodel_ships_parameters_for_the_current_features():
    model = load_model()
    assert model.stage1.features == FEATURES
    assert model.stage2.features == FEATURES + SEGMENT
    assert model.local.features == LOCAL
    assert all(math.isfinite(c) for c in model.stage1.coef + model.stage2.coef + model.local.coef)
    # What the cleaner promises to remove whatever the scores say.
    assert {"advertisement", "appeal", "caption", "footer", "navigation", "timestamp"} <= model.veto
    assert "duplicate" not in model.veto  # repeated lines are judged by the model


def test_clean_linemodel_refuses_parameters_fitted_on_other_features(tmp_path):
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["stage1"]["weights"] = {"chars": 1.0}
    path = tmp_path / "line_model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="fit_cleaner"):
        load_model(path)


def test_clean_linemodel_linear_is_a_logistic_regression():
    model = Linear(("a", "b"), (2.0, -1.0), 0.5)
    assert model.probabilities([[0.0, 0.5]]) == [0.5]
    assert model.probabilities([[1.0, 0.0]])[0] == pytest.approx(1 / (1 + math.exp(-2.5)))
    assert model.probabilities([[-100.0, 0.0]]) == [0.0]


def test_clean_linemodel_segment_keeps_one_article_with_short_gaps():
    probs = [0.05, 0.05, 0.9, 0.95, 0.1, 0.9, 0.95, 0.05, 0.05]
    assert segment(probs, [1.0] * 9, SEG) == [False, False, True, True, True, True, True, False, False]


def test_clean_linemodel_segment_ends_the_article_at_a_long_run_of_furniture():
    probs = [0.9, 0.95, 0.9] + [0.02] * 20 + [0.8, 0.8]
    keep = segment(probs, [1.0] * len(probs), SEG)
    assert keep[:3] == [True] * 3
    assert not any(keep[3:])


def test_clean_linemodel_segment_lets_short_lines_follow_their_neighbours():
    # A one-word line scoring low between two paragraphs weighs little: it is a subheading.
    probs = [0.9, 0.2, 0.9]
    assert segment(probs, [1.5, 0.3, 1.5], SEG) == [True, True, True]
    assert segment([], [], SEG) == []


def test_clean_linemodel_segment_features_mark_the_main_segment():
    probs = [0.1, 0.9, 0.9, 0.1, 0.1, 0.1, 0.8, 0.1]
    keep = [False, True, True, False, False, False, True, False]
    rows = segment_features(probs, keep, [2.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    assert all(len(r) == len(SEGMENT) for r in rows)
    col = {name: [r[i] for r in rows] for i, name in enumerate(SEGMENT)}
    assert col["in_main"] == [0, 1, 1, 0, 0, 0, 0, 0]
    assert col["segment_share"][1] == pytest.approx(0.8)
    assert col["after_main"][6] == 1.0
    assert col["to_main"][1] == 0.0 < col["to_main"][3] < col["to_main"][7]


def test_clean_linemodel_feature_rows_have_every_column():
    lines = split_lines(
        "Menu\n\nA sentence of ordinary words that goes on for a while, as prose does.\n\n© Site"
    )
    rows = line_features(lines, [None] * len(lines))
    assert [len(r) for r in rows] == [len(FEATURES)] * 3
    assert line_features([], []) == []


def test_clean_linemodel_window_means_match_a_plain_loop():
    rng = random.Random(7)
    for n in range(25):
        values = [rng.random() for _ in range(n)]
        for k in (1, 3, 10):
            want = [
                sum(values[max(0, i - k) : i + k + 1]) / len(values[max(0, i - k) : i + k + 1])
                for i in range(n)
            ]
            assert window_means(values, k) == pytest.approx(want)


def test_clean_linemodel_page_stopwords_are_the_pages_own_function_words():
    text = "\n".join(
        [
            "O governo anunciou um novo plano para a educação e a saúde no país.",
            "A medida foi criticada pela oposição e por sindicatos de professores.",
            "O ministro disse que a proposta vai ser votada no congresso em março.",
            "Os críticos afirmam que o plano não tem recursos para a educação.",
        ]
    )
    stops = page_stopwords(split_lines(text))
    assert {"a", "o", "para"} <= stops
    assert "educação" not in stops


def test_clean_linemodel_keeps_an_article_in_another_language():
    text = "\n\n".join(
        [
            "Startseite | Politik | Wirtschaft | Sport",
            "Regierung stellt neuen Haushalt vor",
            "Die Bundesregierung hat am Mittwoch ihren Entwurf für den Haushalt des kommenden Jahres"
            " vorgestellt, der deutlich höhere Ausgaben für Bildung und Verkehr vorsieht.",
            "Finanzminister Weber sagte, die zusätzlichen Mittel würden durch Einsparungen in der"
            " Verwaltung und durch höhere Einnahmen aus der Mehrwertsteuer gedeckt.",
            "Die Opposition kritisierte den Entwurf als unseriös und kündigte an, im Bundestag"
            " eigene Vorschläge für eine Entlastung der Familien einzubringen.",
            "Impressum | Datenschutz | Kontakt",
        ]
    )
    verdicts = classify(split_lines(text))
    kept = [v.line.text[:20] for v in verdicts if v.keep]
    assert kept == ["Die Bundesregierung ", "Finanzminister Weber", "Die Opposition kriti"]
    assert all(v.reason for v in verdicts)
    assert all(0.0 <= v.score <= 1.0 for v in verdicts)


def test_clean_linemodel_segment_features_read_each_side_and_the_block():
    # A short table row between two paragraphs: body on both sides, its block scores with them.
    probs = [0.9, 0.1, 0.1, 0.9, 0.2]
    keep = [True, False, False, True, False]
    weights = [2.0, 0.5, 0.5, 2.0, 0.5]
    rows = segment_features(probs, keep, weights, [0, 0, 0, 0, 1], [0.8, 0.3, 0.3, 0.8, 0.1])
    col = {name: [r[i] for r in rows] for i, name in enumerate(SEGMENT)}
    assert col["p_between"][1] == col["p_between"][2] == 0.9
    assert col["p_between"][0] == 0.0  # nothing before the first line
    assert col["p_prev_long"][2] == col["p_next_long"][2] == 0.9
    assert col["p_block"][1] == pytest.approx((0.9 * 2 + 0.1 * 0.5 * 2 + 0.9 * 2) / 5.0)
    assert col["p_block"][4] == pytest.approx(0.2)
    assert col["in_span"] == [1, 1, 1, 1, 0]
    assert col["q"] == [0.8, 0.3, 0.3, 0.8, 0.1]

from __future__ import annotations

import pytest

from newsrecon import analyze, pipeline
from newsrecon.errors import NoInputError


def test_pipeline_one_failing_article_does_not_stop_the_run(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(
        "Fine headline\n\nA perfectly ordinary sentence about the weather today.\n"
    )
    (tmp_path / "b.txt").write_text("Bad headline\n\nThis one trips the cleaner: BOOM goes the stage here.\n")
    real = pipeline.classify

    def flaky(lines):
        if any("BOOM" in line.text for line in lines):
            raise RuntimeError("stage failed")
        return real(lines)

    monkeypatch.setattr(pipeline, "classify", flaky)
    result = analyze([tmp_path])
    assert [d.id for d in result.documents] == ["a"]
    assert [(p.code, p.source.endswith("b.txt")) for p in result.problems] == [("E109", True)]
    assert "stage failed" in result.problems[0].reason


def test_pipeline_nothing_readable_raises_with_reasons(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    with pytest.raises(NoInputError) as info:
        analyze([tmp_path])
    assert "a.txt" in str(info.value)

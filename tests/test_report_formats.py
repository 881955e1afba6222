from __future__ import annotations

import csv
import json
import re

from click.testing import CliRunner

from newsrecon.cli import main

from .conftest import EXAMPLES


def test_report_cli_writes_every_format(tmp_path):
    args = ["analyze", str(EXAMPLES), "--json", str(tmp_path / "r.json"), "--md", str(tmp_path / "d.md")]
    args += ["--html", str(tmp_path / "d.html"), "--csv", str(tmp_path / "csv")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    md = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "## Where the sources disagree" in md and "## Key figures" in md
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html and "http://" not in html and "https://" not in html
    with (tmp_path / "csv" / "claims.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(rows) == len(data["claims"]) > 20
    assert {r["measure"] for r in rows} <= {m["id"] for m in data["measures"]}
    with (tmp_path / "csv" / "measures.csv").open(encoding="utf-8") as f:
        measures = list(csv.DictReader(f))
    assert any(m["status"] == "conflict" for m in measures)


def test_report_dossiers_list_the_inputs_left_out(tmp_path):
    from .test_clean_boilerplate import HOME_PAGE

    corpus = tmp_path / "in"
    corpus.mkdir()
    for p in EXAMPLES.glob("*.txt"):
        (corpus / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "front.txt").write_text(HOME_PAGE, encoding="utf-8")
    args = ["analyze", str(corpus), "--md", str(tmp_path / "d.md"), "--html", str(tmp_path / "d.html")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "front.txt: not an article" in result.output
    md = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "## Inputs left out" in md and "front.txt" in md and "[E114]" in md
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert 'id="left-out"' in html and "front.txt" in html


def test_report_dossier_of_several_stories_lists_them_and_keeps_ids_apart(tmp_path, shared):
    from newsrecon import analyze
    from newsrecon.report import write_html, write_markdown

    result = analyze([shared / "corpus" / "seed-story", shared / "corpus" / "aceh-quake", EXAMPLES])
    assert len(result.stories) == 3
    write_html(result, tmp_path / "d.html")
    write_markdown(result, tmp_path / "d.md")
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # every story's sections reachable, not only the first's
    for story in result.stories:
        assert f'<a href="#{story.id}">' in html and f'id="{story.id}"' in html
        assert f'href="#{story.id}-conflicts"' in html and f'id="{story.id}-conflicts"' in html
    md = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert md.startswith("# 3 stories\n")
    for story in result.stories:
        assert f"](#{story.id}): {len(story.docs)} articles, " in md and f'<a id="{story.id}"></a>' in md


def test_report_json_written_record_by_record_is_the_whole_dump(tmp_path):
    """write_json streams; what it writes is exactly the dict's JSON, empty lists included."""
    from newsrecon import analyze
    from newsrecon.report import result_to_dict, write_json

    for result in (
        analyze([EXAMPLES]),
        analyze([EXAMPLES / "01_continental-press.txt", tmp_path / "none.txt"]),
    ):
        write_json(result, tmp_path / "r.json")
        text = (tmp_path / "r.json").read_text(encoding="utf-8")
        assert text == json.dumps(result_to_dict(result), ensure_ascii=False, indent=1)
        assert json.loads(text)["documents"]


def test_markdown_and_html_list_figures_that_changed(tmp_path, write):
    from newsrecon import analyze
    from newsrecon.report.html_report import write_html
    from newsrecon.report.markdown import write_markdown

    for name, day, n in (("a", "3", 12), ("b", "4", 30), ("c", "5", 45)):
        write(f"in/{name}.txt", f"Flood toll report {name}\n\nBy Ana Lopez | {day} March 2026\n\n"
              f"{n} people were killed in the floods, officials said.\n")  # fmt: skip
    result = analyze([tmp_path / "in"])
    write_markdown(result, tmp_path / "d.md")
    write_html(result, tmp_path / "d.html")
    md = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "## Figures that changed from report to report" in md and "then 45" in md
    assert "Figures that changed" in (tmp_path / "d.html").read_text(encoding="utf-8")

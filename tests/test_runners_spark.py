"""The Spark runner, on Spark in local mode: the same results as the local runner, in order."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from newsrecon import analyze
from newsrecon.cli import EXIT_RUNNER
from newsrecon.errors import NewsreconError
from newsrecon.pipeline import clean_inputs
from newsrecon.report import result_to_dict
from newsrecon.report.cleaned import cleaned_to_dict
from newsrecon.runners import SparkRunner

from .conftest import EXAMPLES
from .test_clean_boilerplate import HOME_PAGE


@pytest.fixture(scope="module")
def spark():
    runner = SparkRunner("local[2]")
    runner.start()
    yield runner
    runner.close()


def _comparable(result) -> dict:
    data = result_to_dict(result)
    data.pop("generated", None)
    return data


def test_spark_runner_keeps_the_order_of_many_items(spark):
    words = [f"w{i}" * (i % 7 + 1) for i in range(500)]
    assert list(spark.map(len, words)) == [len(w) for w in words]
    assert list(spark.map(len, [])) == []


def test_spark_runner_survives_a_python_worker_lost_mid_job(spark, tmp_path):
    marker = str(tmp_path / "crashed")

    def stage(n: int) -> int:  # the first attempt at item 7 loses its worker process outright
        import os

        if n == 7 and not os.path.exists(marker):
            open(marker, "w").close()
            os._exit(1)
        return n * n

    assert list(spark.map(stage, range(40))) == [n * n for n in range(40)]
    assert (tmp_path / "crashed").exists()  # the loss happened, and the task ran again


def test_spark_analysis_equals_the_local_one(spark, shared, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("README.md"))
    for path in (shared / "corpus" / "seed-story").iterdir():
        shutil.copy(path, folder / path.name)
    (folder / "home.txt").write_text(HOME_PAGE, encoding="utf-8")  # fails its stages: E114
    on_spark = analyze([folder], runner=spark)
    here = analyze([folder], workers=1)
    assert [p.code for p in on_spark.problems] == ["E114"]
    assert len(on_spark.documents) == len(here.documents) >= 9
    assert _comparable(on_spark) == _comparable(here)


def test_spark_cleaning_equals_the_local_one(spark, tmp_path):
    local = [cleaned_to_dict(x) for x in clean_inputs([EXAMPLES])]
    assert [cleaned_to_dict(x) for x in clean_inputs([EXAMPLES], runner=spark)] == local


def test_spark_runner_names_a_bad_master_before_starting():
    with pytest.raises(NewsreconError) as caught:
        SparkRunner("localhost:7077").start()
    assert caught.value.code == "E402" and "master URL" in caught.value.reason


def test_cli_spark_option(tmp_path):
    # Own processes: a Spark session is one per process, and the module's is already running.
    out = tmp_path / "c.jsonl"
    cmd = [sys.executable, "-m", "newsrecon", "clean", str(EXAMPLES), "-o", str(out)]
    done = subprocess.run([*cmd, "--spark", "local[1]"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    bad = subprocess.run([*cmd, "--spark", "nowhere"], capture_output=True, text=True, timeout=300)
    assert bad.returncode == EXIT_RUNNER and "E402" in bad.stderr and "master URL" in bad.stderr


def test_spark_files_story_blocks_as_the_local_run_does(spark, shared):
    from newsrecon.align.blocks import index_blocks

    from .test_align_blocks import ecb_rows

    rows, _ = ecb_rows(shared, 150)
    here = index_blocks(rows, most=50)
    assert index_blocks(rows, spark, most=50).named_groups() == here.named_groups()
    assert len(here.named_groups()) > 10

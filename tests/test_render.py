"""The benchmark renderer (``docs/render``): tables, marks, pages, and the committed outputs.

One check renders every page, ``benchmarks/results/*.md`` and README
block again from the committed JSON: a page edited by hand, or JSON
committed without rendering, fails it.
"""

import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", autouse=True)
def _render_on_path():
    sys.path.insert(0, str(ROOT / "docs"))
    yield
    sys.path.remove(str(ROOT / "docs"))


def test_speed_tables():
    from render._speed import e2e_table, perf_ratios, stage_table

    perf = [
        {
            "library": library,
            "rows": 100,
            "steps": 5,
            "transformer_s": seconds,
            "train_rows_per_s": 10.0 / seconds,
            "sample_rows_per_s": 20.0 / seconds,
            "peak_rss_mb": 100.0 * seconds,
        }
        for library, seconds in (("skgan", 1.0), ("ctgan", 2.0))
    ]
    assert perf_ratios(perf).loc[0, "train ratio"] == 2.0
    e2e = pd.DataFrame(
        {
            "sampler": ["CTGAN", "GANSampler 0.1", "GANSampler"],
            "train_minority": 10,
            "train_majority": 90,
            "fit_resample_s": [10.0, 5.0, 1.0],
            "n_steps": [np.nan, 2000, 100],
            "peak_rss_mb": 1.0,
            "hgb_f1": 0.5,
            "hgb_pr_auc": 0.5,
            "detection_auc": 0.6,
        }
    )
    table = e2e_table(e2e.to_dict("records")).set_index("sampler")
    assert table.loc["GANSampler", "x CTGAN"] == 10.0 and table.loc["GANSampler", "x 0.1"] == 5
    record = {"rows": 10, "frame_mb": 1.0}
    for stage in ("encode", "train", "check", "generate", "other"):
        record |= {f"{stage}_s": 1.0, f"{stage}_peak_mb": 2.0, f"{stage}_end_mb": 1.0}
    assert stage_table([record])["stage"].tolist() == [
        "encode",
        "train",
        "check",
        "generate",
        "other",
    ]


def test_load_marks_follow_reused_records():
    from render._records import load_mark

    quiet = {"load_before": [1.0], "load_after": [2.0], "cpu_count": 2}
    assert load_mark(quiet) == ""
    busy = {**quiet, "reused_scores_from": {**quiet, "load_after": [4.06]}}
    assert load_mark(busy) == "measured under load 4.1 on 2 cores: timings not comparable"


def test_busy_records_keep_their_timings_out_of_the_readme():
    from render import readme
    from render._records import RESULTS, read
    from render._rst import busy_warning

    quality = read(RESULTS, "quality")
    quiet = {**quality["environment"], "load_before": [0.5], "load_after": [0.5]}
    assert "per training fold" in readme.quality_summary({**quality, "environment": quiet})
    busy = {**quiet, "load_after": [2.5]}
    text = readme.quality_summary({**quality, "environment": busy})
    assert "per training fold" not in text and "Timings not quoted" in text
    assert "timings not comparable" in busy_warning(busy)


def test_older_releases_are_labelled_historical():
    from render._rst import version_note

    import skgan

    env = {"versions": {"skgan": "0.1.0"}, "date": "2026-11-25T21:44:04+00:00"}
    assert "**Historical.**" in version_note(env) and "skgan 0.1.0" in version_note(env)
    current = {**env, "versions": {"skgan": skgan.__version__}}
    assert version_note(current) == ""


def test_committed_pages_are_what_the_renderer_makes(tmp_path):
    """Every page, results/*.md and README block, rendered again from the committed JSON."""

    from render._cli import main

    results = tmp_path / "results"
    shutil.copytree(ROOT / "benchmarks" / "results", results)
    shutil.copyfile(ROOT / "README.md", tmp_path / "README.md")
    docs = tmp_path / "docs"
    docs.mkdir()
    for png in (ROOT / "docs" / "benchmarks").glob("ablation_*.png"):
        shutil.copyfile(png, docs / png.name)
    argv = [
        "--results",
        str(results),
        "--docs",
        str(docs),
        "--readme",
        str(tmp_path / "README.md"),
    ]
    assert main([*argv, "--no-figures"]) == 0
    stale = _stale(tmp_path, docs, results)
    assert not stale, f"rerun `python docs/render` and commit: {stale} differ"


def _stale(tmp_path, docs, results):
    """The committed files that differ from their fresh rendering."""
    pages = [*docs.glob("*.rst"), *docs.glob("*.inc")]
    pairs = [(p, ROOT / "docs" / "benchmarks" / p.name) for p in pages]
    committed = ROOT / "benchmarks" / "results"
    pairs += [(p, committed / p.relative_to(results)) for p in results.rglob("*.md")]
    pairs.append((tmp_path / "README.md", ROOT / "README.md"))
    return [
        str(ours.relative_to(ROOT)) for new, ours in pairs if new.read_text() != ours.read_text()
    ]


def test_ablation_page_figures_and_narrow_tables(tmp_path):
    from render import ablation, figures
    from render._records import RESULTS, read
    from render._rst import MAX_COLUMNS

    payload = read(RESULTS, "ablation")
    # a run with the realism floors of held_out_realism, and one without (older)
    with_floors = {
        **payload,
        "realism": [{**r, "floor_auc": 0.55} for r in payload["realism"]],
    }
    for run in (payload, with_floors):
        drawn = figures.ablation_figures(run, tmp_path)
        assert set(drawn) == {"f1", "average_precision", "fit", "detection"}
        assert all((tmp_path / name).read_bytes()[:4] == b"\x89PNG" for name in drawn.values())
        page = ablation.page(run, drawn)
        assert all(f".. image:: {name}" in page for name in drawn.values())
        widths = [block.count("\n     - ") + 1 for block in page.split("   * - ")[1::1]]
        assert max(widths) <= MAX_COLUMNS
    assert "real vs real (floor)" in page and "predates the real-vs-real floors" not in page


def test_a_variants_run_of_ablation_py_joins_the_quality_page(tmp_path):
    from render import markdown, quality

    grid = pd.MultiIndex.from_product(
        [["t"], ["LR"], [0], [0, 1], ["f1"]],
        names=["table", "classifier", "repeat", "fold", "metric"],
    ).to_frame(index=False)
    results = pd.concat(
        [
            grid.assign(sampler=s, value=v, error=None, fit_time_sampler=1.0)
            for s, v in (("SMOTENC", 0.5), ("fast", 0.6))
        ],
        ignore_index=True,
    )
    env = {"date": "2026-12-07T00:00:00+00:00", "versions": {"skgan": "0.4.0"}}
    env |= {"argv": ["benchmarks/ablation.py"], "cpu_model": "x", "cpu_count": 2}
    env |= {"cpu_affinity": [0, 1], "torch_threads": 1, "load_before": [0.1], "python": "3"}
    env["seeds"] = [0]
    run = {
        "environment": env,
        "args": {"tables": "t", "folds": 2, "repeats": 1, "gan_params": {}},
        "results": results.to_dict("records"),
        "realism": [],
        "targets": [],
    }
    run["args"]["variant"] = [["fast", {"n_steps": 10}]]
    means = quality.variant_means(run).set_index("sampler")
    assert means.loc["fast", "f1"] == pytest.approx(0.6) and means.loc["fast", "fit s"] == 1.0
    (tmp_path / "variants").mkdir()
    (tmp_path / "variants" / "v9_fast.json").write_text(__import__("json").dumps(run))
    page = quality.extra_sections(tmp_path)
    assert "v9_fast" in page and "``fast``: {'n_steps': 10}" in page
    written = markdown.write_all(tmp_path)
    assert written == [tmp_path / "variants" / "v9_fast.md", tmp_path / "index.md"]
    assert "| variants/v9_fast.json | 0.4.0 | 2026-12-07 |" in (tmp_path / "index.md").read_text()
    assert (
        "variants: `fast`: {'n_steps': 10}" in (tmp_path / "variants" / "v9_fast.md").read_text()
    )


def test_the_dp_sentence_names_an_older_release_only():
    from render import readme
    from render._records import RESULTS, read

    import skgan

    dp = read(RESULTS, "dp")
    assert "skgan 0.1.0: not rerun" in readme.dp_summary(dp)
    current = {
        **dp,
        "environment": {**dp["environment"], "versions": {"skgan": skgan.__version__}},
    }
    text = readme.dp_summary(current)
    assert "not rerun" not in text and "detection AUC 0.95–1.00 at ε 1–100" in text

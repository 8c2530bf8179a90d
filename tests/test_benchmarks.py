"""Smoke tests of the benchmark scripts and of their renderer (``docs/render``).

The scripts are thin layers over skgan's public API that write JSON; these
tests keep them runnable (a renamed library function breaks them here, not
in a long run), and check that the committed pages are what the renderer
makes of the committed JSON.
"""

import ast
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(p.stem for p in BENCHMARKS.glob("*.py") if not p.stem.startswith("_"))
DOCS = BENCHMARKS.parent / "docs"
# Helper modules the scripts may import: the environment and data, and the methods
# beyond skgan's registry (CTGAN).
HELPERS = {"_common", "_peers"}


@pytest.fixture(scope="module", autouse=True)
def _benchmarks_on_path():
    # the scripts by their names, the renderer as the package ``render``
    sys.path[:0] = [str(BENCHMARKS), str(DOCS)]
    yield
    sys.path.remove(str(BENCHMARKS))
    sys.path.remove(str(DOCS))


def _imports(path):
    """Top-level names of every module ``path`` imports."""
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("script", SCRIPTS + sorted(HELPERS))
def test_scripts_use_public_api_and_no_other_script(script):
    path = BENCHMARKS / f"{script}.py"
    imports = _imports(path)
    private = [n for n in imports if n.startswith("skgan") and "._" in n]
    assert not private, f"{script} imports private skgan modules {private}"
    local = {n for n in imports if (BENCHMARKS / f"{n.split('.')[0]}.py").exists()}
    assert local <= HELPERS, f"{script} imports the scripts {sorted(local - HELPERS)}"
    tree = ast.parse(path.read_text())
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    names = [getattr(c.func, "id", getattr(c.func, "attr", None)) for c in calls]
    assert "eval" not in names and "exec" not in names
    # a warning filter names its category: skgan's warnings are never hidden wholesale
    for call in calls:
        if getattr(call.func, "attr", None) in ("simplefilter", "filterwarnings"):
            assert any(k.arg == "category" for k in call.keywords), f"{script}: blanket filter"


@pytest.mark.parametrize("script", SCRIPTS)
def test_help(script, capsys):
    module = __import__(script)
    entry = getattr(module, "parse_args", None) or module.main
    with pytest.raises(SystemExit) as exit_:
        entry(["--help"])
    assert exit_.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_quality_quick_run_and_merge(tmp_path):
    """The cheapest real run: one bundled table, two cheap samplers, 2 folds, then a merge."""
    import quality

    args = ["--datasets", "facebook_metrics", "--samplers", "none,ROS", "--folds", "2"]
    args += ["--repeats", "1", "--no-baselines", "--out", str(tmp_path / "run")]
    assert quality.main(args) == 0
    assert sorted(p.name for p in (tmp_path / "run").iterdir()) == ["quality.json"]  # JSON only
    from render import markdown

    markdown.write_all(tmp_path / "run")
    text = (tmp_path / "run" / "quality.md").read_text()
    assert "| none | " in text and "| ROS | " in text and "## facebook_metrics" in text
    assert quality.main(["--merge", str(tmp_path / "run"), "--out", str(tmp_path / "m")]) == 0
    assert (tmp_path / "m" / "quality.json").exists()


def _cells():
    """Ablation-like results: GANSampler, SMOTENC and a screened baseline on two tables."""
    grid = pd.MultiIndex.from_product(
        [["t1", "t2"], ["LR"], [0, 1], ["f1", "average_precision"]],
        names=["table", "classifier", "fold", "metric"],
    ).to_frame(index=False)
    scores = {"GANSampler": 0.6, "SMOTENC": 0.5, "marginals + screen": 0.7}
    frames = [grid.assign(sampler=s, value=v, error=None) for s, v in scores.items()]
    return pd.concat(frames, ignore_index=True)


def test_ablation_targets_pick_the_reference_per_table():
    import ablation

    results = _cells()
    # SMOTE (not SMOTENC) on the second table: one SMOTE(NC) reference all the same
    results.loc[(results["table"] == "t2") & (results["sampler"] == "SMOTENC"), "sampler"] = (
        "SMOTE"
    )
    targets = ablation.targets(ablation.cells(results)).set_index("metric")
    assert targets.loc["f1", "cells"] == 2
    assert targets.loc["f1", ">= SMOTE(NC)"] == 1.0
    assert targets.loc["f1", ">= better screened baseline"] == 0.0
    assert targets.loc["f1", "mean diff vs SMOTE(NC)"] == pytest.approx(0.1)


def test_quality_target_check_counts_cells():
    import quality

    comparisons = pd.DataFrame(
        {
            "reference": ["SMOTE(NC)"] * 2 + ["CTGAN"],
            "dataset": "t",
            "classifier": "LR",
            "metric": ["f1", "average_precision", "f1"],
            "mean_difference": [0.01, -0.1, 0.0],
            "p_value": [0.5, 0.01, 1.0],
            "result": ["tie", "loss", "tie"],
        }
    )
    check = quality.target_check(comparisons)
    assert check["SMOTE(NC)"]["share_mean_ge"] == 0.5 and not check["SMOTE(NC)"]["goal_met"]
    assert check["SMOTE(NC)"]["losses"] == 1 and len(check["SMOTE(NC)"]["losses_over_5_points"])
    assert check["CTGAN"]["goal_met"]


def test_ablation_variants_are_gan_samplers_over_the_gan_params():
    import ablation

    args = ablation.parse_args(
        ["--methods", "none,SMOTENC", "--gan-params", "{'n_steps': 30}", "--label-noise"]
        + ["--variant", "fast:n_steps=10;n_neighbors=None", "--variant", "plain:"]
    )
    assert args.variant == [("fast", {"n_steps": 10, "n_neighbors": None}), ("plain", {})]
    X = pd.DataFrame({"a": np.arange(20.0), "b": ["x", "y"] * 10})
    methods = ablation.methods_of(X, args)
    assert list(methods) == ["none", "SMOTENC", "fast", "plain"]
    fast, plain = (methods[k].sampler for k in ("fast", "plain"))  # LabelNoise wraps each
    assert fast.get_params()["n_steps"] == 10 and fast.get_params()["n_neighbors"] is None
    assert plain.get_params()["n_steps"] == 30
    assert ablation.targets(ablation.cells(_cells().query("sampler != 'GANSampler'"))).empty


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


ROOT = BENCHMARKS.parent
# An absolute path of some machine: a home, a work or temporary folder, a mount.
MACHINE_PATH = re.compile(
    r"(?<![\w.<>~-])/(?:work|tmp|home|Users|root|mnt|private|var/folders)/|[A-Z]:\\\\Users\\\\"
)


def test_results_and_docs_carry_no_machine_paths():
    files = [p for d in ("benchmarks/results", "docs") for p in (ROOT / d).rglob("*")]
    text_files = [
        p
        for p in files
        if p.is_file()
        and p.suffix in {".json", ".md", ".rst", ".txt", ".csv", ".py", ".css"}
        # what the docs build writes (git-ignored) is not published
        and not {"_build", "generated", "auto_examples", "gen_modules"} & set(p.parts)
    ]
    assert any(p.suffix == ".json" for p in text_files)
    found = [
        f"{p.relative_to(ROOT)}: {m.group(0)}"
        for p in text_files
        for m in [MACHINE_PATH.search(p.read_text(errors="replace"))]
        if m
    ]
    assert not found, f"absolute paths of a machine in {found}"


def test_records_are_portable():
    import _common as C

    argv = ["/elsewhere/checkout/benchmarks/ablation.py", "--tables", "a,b"]
    argv += ["--reuse-scores", str(C.ROOT / "benchmarks/results/ablation.json")]
    argv += ["--out", "/tmp/run3", "--checkpoint=/tmp/ck", "--keep", "/home/u/x/speed.json"]
    assert C.portable_argv(argv) == [
        "benchmarks/ablation.py",
        "--tables",
        "a,b",
        "--reuse-scores",
        "benchmarks/results/ablation.json",
        "--keep",
        "<outside>/speed.json",
    ]
    assert C.portable_value(Path("/tmp/x"), C.DEFAULT_OUT) == "benchmarks/results"
    payload = {"environment": {"argv": ["benchmarks/dp.py", "--out", "/tmp/d"]}, "args": {}}
    payload["args"] |= {"out": "/tmp/d", "checkpoint": "/tmp/ck", "data": "/work/x/docs/a"}
    assert C.scrub_record(payload) == {
        "environment": {"argv": ["benchmarks/dp.py"]},
        "args": {"out": "benchmarks/results", "checkpoint": None, "data": "docs/a"},
    }
    env = C.environment(seeds=[0], argv=["--quick"], script=BENCHMARKS / "ablation.py")
    assert env["argv"] == ["benchmarks/ablation.py", "--quick"] and "commit" in env


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
    import shutil

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
    pairs = [(p, ROOT / "docs" / "benchmarks" / p.name) for p in docs.glob("*.rst")]
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


def test_regenerate_plans_resumes_and_forces(tmp_path, capsys):
    import _common as C
    import regenerate

    commit = regenerate.current_commit()
    stage = regenerate.STAGES["scale"]
    record = {"environment": {"commit": commit, "dirty": False}, "scaling": [{"rows": 1}]}
    C.write_json(tmp_path / "speed.json", record)
    assert regenerate.done(stage, tmp_path, commit)
    assert not regenerate.done(regenerate.STAGES["speed"], tmp_path, commit)  # no e2e yet
    assert not regenerate.done(stage, tmp_path, "0" * 40)
    out = ["--out", str(tmp_path), "--dry-run", "--no-docs"]
    assert regenerate.main(["--stages", "scale,speed,dp", *out]) == 0
    text = capsys.readouterr().out
    assert "scale: results record commit" in text and "skipped" in text
    assert "speed (expected" in text and "--keep" in text and "dp (expected" in text
    assert regenerate.main(["--stages", "scale", "--force", "scale", *out, "--quick"]) == 0
    assert "benchmarks/speed.py --quick --sections scaling" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        regenerate.main(["--stages", "nope"])
    # the quick run's docs go beside its results, and no README is touched
    args = regenerate.parse_args(["--quick"])
    docs = regenerate.docs_command(args)
    assert docs[0] == "docs/render" and "--no-readme" in docs
    assert docs[docs.index("--docs") + 1] == str((regenerate.QUICK_OUT / "docs").resolve())
    assert args.out == regenerate.QUICK_OUT


def test_regenerate_runs_every_script_that_writes_results():
    import regenerate

    staged = {stage.script for stage in regenerate.STAGES.values()}
    scripts = {f"{name}.py" for name in SCRIPTS} - {"regenerate.py"}
    assert staged == scripts, f"scripts without a stage: {sorted(scripts - staged)}"


def test_regenerate_skips_the_gpu_stage_without_a_device(tmp_path, capsys, monkeypatch):
    import regenerate

    monkeypatch.setattr(regenerate, "has_gpu", lambda: False)
    out = ["--out", str(tmp_path), "--dry-run", "--no-docs", "--stages", "gpu,cost"]
    assert regenerate.main(out) == 0
    text = capsys.readouterr().out
    assert "gpu: no CUDA device here; skipped" in text and "cost (expected" in text

"""Smoke tests of the benchmark scripts: they import, parse, obey their rules and run tiny.

The scripts are thin layers over skgan's public API that write JSON; these
tests keep them runnable (a renamed library function breaks them here, not
in a long run). Their renderer, ``docs/render``, has tests/test_render.py.
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
# Helper modules the scripts may import: the environment and data, and the methods
# beyond skgan's registry (CTGAN).
HELPERS = {"_common", "_peers"}


@pytest.fixture(scope="module", autouse=True)
def _benchmarks_on_path():
    # the scripts by their names, the renderer (docs/render) as the package ``render``
    paths = [str(BENCHMARKS), str(BENCHMARKS.parent / "docs")]
    sys.path[:0] = paths
    yield
    for path in paths:
        sys.path.remove(path)


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

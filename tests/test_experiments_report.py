"""to_markdown and the Markdown / HTML pages of results."""

import re

import numpy as np
import pandas as pd
import pytest


def test_page_tables_split_a_wide_results_table():
    from skgan.experiments import _report as report

    wide = pd.DataFrame(
        {"sampler": ["none", "GANSampler"], **{f"m{i}": ["0.5", "0.6"] for i in range(10)}}
    ).assign(copies=["–", "0.0%"], **{"DCR ratio": ["–", "1.00"], "detection AUC": ["–", "0.6"]})
    tables = report.page_tables(wide)
    assert [t for t, _ in tables] == ["Scores (1 of 2)", "Scores (2 of 2)", "Synthetic rows"]
    assert all(f.shape[1] <= report.MAX_TABLE_COLUMNS for _, f in tables)
    assert all(f.columns[0] == "sampler" for _, f in tables)
    assert tables[2][1]["sampler"].tolist() == ["GANSampler"]  # no resampling adds no rows


def test_to_markdown():
    from skgan.experiments import to_markdown

    frame = pd.DataFrame(
        {"name": ["a|b", None], "x": [0.123456, np.nan], "n": pd.array([1, pd.NA], "Int64")},
        index=pd.Index(["r1", "r2"], name="row"),
    )
    assert to_markdown(frame).splitlines() == [
        "| name | x | n |",
        "|---|---|---|",
        "| a\\|b | 0.123 | 1 |",
        "|  |  |  |",
    ]
    assert to_markdown(frame, floatfmt="{:.1f}", index=True).splitlines()[2] == (
        "| r1 | a\\|b | 0.1 | 1 |"
    )
    with pytest.raises(TypeError, match="needs a DataFrame, got list"):
        to_markdown([1, 2])


def _results(values):
    """A benchmark_samplers-like results table: one classifier, two folds, every metric."""
    from skgan.experiments._report import BENCHMARK_METRICS

    rows = [
        {
            "sampler": sampler,
            "classifier": "HGB",
            "repeat": 0,
            "fold": fold,
            "metric": metric,
            "value": value + 0.01 * fold,
            "fit_time_sampler": 0.5,
            "n_train": 80,
            "n_test": 20,
            "n_synthetic": 0 if sampler == "none" else 10,
            "error": None,
        }
        for sampler, value in values.items()
        for fold in (0, 1)
        for metric in BENCHMARK_METRICS
    ]
    return pd.DataFrame(rows)


def test_benchmark_pages_compare_with_smote_and_mark_the_best():
    from skgan.experiments import SYNTHETIC_COLUMNS
    from skgan.experiments import _report as report

    results = _results({"none": 0.5, "SMOTENC": 0.6, "GANSampler": 0.7})
    synthetic = pd.DataFrame(
        [
            {"sampler": s, "repeat": 0, "fold": f, "exact_copy_rate": 0.0, "dcr_ratio": 1.0}
            for s in ("SMOTENC", "GANSampler")
            for f in (0, 1)
        ],
        columns=SYNTHETIC_COLUMNS,
    )
    parts = report.benchmark_parts(results, synthetic)
    assert parts["comparison"][0] == "SMOTENC" and parts["errors"] == []
    assert parts["table"]["sampler"].tolist() == ["none", "SMOTENC", "GANSampler"]
    assert (2, "bal. acc.") in parts["best"]
    assert parts["summary"].startswith("GANSampler had the best balanced accuracy")
    run = {
        "dataset": "t",
        "rows": 100,
        "features": 3,
        "classes": "0: 90, 1: 10",
        "note": "",
        "classifier": "HGB",
        "cv": "2-fold stratified CV",
        "seed": 0,
        "seconds": 1.0,
        "splits": 2,
    }
    markdown = report.benchmark_markdown(run, parts, [], ".")
    assert "## Against SMOTENC" in markdown and "| GANSampler |" in markdown
    page = report.benchmark_html(run, parts, [], "made here")
    assert page.startswith("<!DOCTYPE html>") and "<footer>made here</footer>" in page
    assert "<td class=best>" in page
    # Every table of both pages fits a laptop-width page: samplers as rows, few columns.
    headers = re.findall(r"<thead><tr>(.*?)</tr></thead>", page)
    assert len(headers) == 3  # scores, synthetic rows, paired tests
    assert all(h.count("<th>") <= report.MAX_TABLE_COLUMNS for h in headers)
    rules = [line for line in markdown.splitlines() if line.startswith("|---")]
    assert rules and all(line.count("---") <= report.MAX_TABLE_COLUMNS for line in rules)
    assert "## Scores" in markdown and "## Synthetic rows" in markdown
    assert "max-width:100%" in page
    # Without SMOTE(NC), no resampling is the reference; alone, nothing is tested.
    assert report.benchmark_comparison(_results({"none": 0.5, "ROS": 0.6}))[0] == "none"
    assert report.benchmark_comparison(_results({"ROS": 0.6})) is None

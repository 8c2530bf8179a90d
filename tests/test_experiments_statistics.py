"""summarize and paired_comparison (the statistics of skgan.experiments)."""

import numpy as np
import pandas as pd
import pytest

from skgan.experiments import (
    paired_comparison,
    summarize,
)


def _fake_results(diffs, reference_values, *, n_train=80, n_test=20, classifier="LR"):
    n = len(reference_values)
    ref = np.asarray(reference_values, dtype=float)
    return pd.DataFrame(
        {
            "sampler": ["SMOTE"] * n + ["gan"] * n,
            "classifier": classifier,
            "repeat": 0,
            "fold": list(range(n)) * 2,
            "metric": "f1",
            "value": np.concatenate([ref, ref + np.asarray(diffs)]),
            "fit_time_sampler": 0.0,
            "n_train": n_train,
            "n_test": n_test,
        }
    )


def test_summarize_long_and_wide():
    results = pd.concat(
        [
            _fake_results([0.1, 0.2, 0.3], [0.5, 0.5, 0.5]),
            _fake_results([0.0, 0.0, 0.0], [0.2, 0.4, 0.6], classifier="HGB"),
        ]
    )
    summary = summarize(results)
    assert summary.loc[("gan", "LR", "f1"), "mean"] == pytest.approx(0.7)
    assert summary.loc[("gan", "LR", "f1"), "std"] == pytest.approx(0.1)
    assert summary.loc[("SMOTE", "HGB", "f1"), "std"] == pytest.approx(0.2)
    assert summary.index.get_level_values("sampler").unique().tolist() == ["SMOTE", "gan"]
    wide = summarize(results, wide=True, precision=2)
    row = wide[(wide.sampler == "gan") & (wide.classifier == "LR")].iloc[0]
    assert row["f1"] == "0.70 ± 0.10"


def test_paired_comparison_nadeau_bengio_formula():
    diffs = np.array([0.05, 0.03, 0.07, 0.01, 0.04])
    results = _fake_results(diffs, [0.5, 0.6, 0.55, 0.52, 0.58], n_train=80, n_test=20)
    out = paired_comparison(results, "SMOTE")
    row = out.iloc[0]
    t = diffs.mean() / np.sqrt((1 / 5 + 20 / 80) * diffs.var(ddof=1))
    assert row["statistic"] == pytest.approx(t)
    from scipy import stats

    assert row["p_value"] == pytest.approx(2 * stats.t.sf(abs(t), df=4))
    # The correction matters: the naive paired t-test would call this a win.
    assert stats.ttest_rel(results.value[5:], results.value[:5]).pvalue < 0.05
    assert row["result"] == "tie"


def test_paired_comparison_results():
    big = _fake_results([0.10, 0.12, 0.09, 0.11, 0.10], [0.5, 0.6, 0.55, 0.52, 0.58])
    worse = _fake_results([-0.10, -0.12, -0.09, -0.11, -0.10], [0.5, 0.6, 0.55, 0.5, 0.5])
    same = _fake_results([0, 0, 0, 0, 0], [0.5, 0.6, 0.55, 0.5, 0.5])
    assert paired_comparison(big, "SMOTE")["result"].tolist() == ["win"]
    assert paired_comparison(worse, "SMOTE")["result"].tolist() == ["loss"]
    tie = paired_comparison(same, "SMOTE").iloc[0]
    assert tie["result"] == "tie" and tie["p_value"] == 1.0


def test_paired_comparison_wilcoxon_and_groups():
    rng = np.random.default_rng(0)
    n = 10
    results = pd.concat(
        [
            _fake_results(0.1 + rng.normal(0, 0.01, n), rng.uniform(0.4, 0.6, n)),
            _fake_results(rng.normal(0, 0.01, n), rng.uniform(0.4, 0.6, n), classifier="HGB"),
        ]
    )
    out = paired_comparison(results, "SMOTE", test="wilcoxon")
    assert out[["classifier", "result"]].to_numpy().tolist() == [["LR", "win"], ["HGB", "tie"]]
    assert out.loc[0, "p_value"] == pytest.approx(0.001953125)  # 2 / 2**10, exact
    assert (out["n_pairs"] == n).all()


def test_paired_comparison_bad_arguments():
    results = _fake_results([0.1, 0.1], [0.5, 0.5])
    with pytest.raises(ValueError, match="reference='ROS'"):
        paired_comparison(results, "ROS")
    with pytest.raises(ValueError, match="not in results"):
        paired_comparison(results, "SMOTE", metric="recall")
    with pytest.raises(ValueError, match="test must be"):
        paired_comparison(results, "SMOTE", test="anova")


def _scores():
    """Two tables, two classifiers, two folds; gan fails on fold 1 of table b."""
    grid = pd.MultiIndex.from_product(
        [["a", "b"], ["none", "gan"], ["LR", "HGB"], [0, 1], ["f1", "average_precision"]],
        names=["dataset", "sampler", "classifier", "fold", "metric"],
    ).to_frame(index=False)
    value = (grid["sampler"] == "gan") * 10.0 + grid["fold"] + (grid["metric"] != "f1") * 100.0
    failed = (grid["sampler"] == "gan") & (grid["dataset"] == "b") & (grid["fold"] == 1)
    return grid.assign(
        repeat=0,
        value=value.where(~failed),
        fit_time_sampler=(grid["sampler"] == "gan") * 1.0,
    )


def test_mean_scores_groups_orders_and_counts_failures():
    from skgan.experiments import mean_scores

    results = _scores()
    means = mean_scores(
        results, metrics=["average_precision", "f1"], fit_time="fit_time_sampler", failed="dataset"
    )
    assert means.index.tolist() == ["none", "gan"]
    assert means.columns.tolist() == [
        "average_precision",
        "f1",
        "fit s",
        "failed splits",
        "tables complete",
    ]
    assert means.loc["none", "f1"] == 0.5 and means.loc["gan", "f1"] == pytest.approx(31 / 3)
    assert means.loc["gan", "failed splits"] == 1 and means.loc["gan", "tables complete"] == 1
    assert means.loc["none", "failed splits"] == 0 and means.loc["none", "tables complete"] == 2
    wide = mean_scores(results, by=["dataset", "classifier", "metric"], columns="sampler")
    assert wide.columns.tolist() == ["none", "gan"]
    assert wide.loc[("b", "LR", "f1"), "gan"] == 10.0


def test_share_at_least_with_and_without_tests():
    from skgan.experiments import share_at_least

    cells = pd.DataFrame(
        {
            "reference": ["SMOTE(NC)"] * 3 + ["CTGAN"],
            "mean_difference": [0.1, -1e-13, -0.2, 0.0],
            "result": ["win", "tie", "loss", "tie"],
        }
    )
    share = share_at_least(cells, by="reference").set_index("reference")
    assert share.loc["SMOTE(NC)", "share_at_least"] == pytest.approx(1 / 3)
    assert share.loc["SMOTE(NC)", ["wins", "ties", "losses"]].tolist() == [1, 1, 1]
    assert share.loc["SMOTE(NC)", "share_not_loss"] == pytest.approx(2 / 3)
    tolerant = share_at_least(cells["mean_difference"], tolerance=1e-12)
    assert tolerant.columns.tolist() == ["cells", "share_at_least", "mean_difference"]
    assert tolerant.loc[0, "cells"] == 4 and tolerant.loc[0, "share_at_least"] == 0.75

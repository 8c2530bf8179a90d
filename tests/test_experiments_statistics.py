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

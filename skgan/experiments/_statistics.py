"""Summaries and paired tests of the score tables :func:`compare_samplers` returns."""

import numpy as np
import pandas as pd
from scipy import stats


def summarize(results, *, wide=False, precision=3):
    """Mean and standard deviation of every score per sampler, classifier and metric.

    Parameters
    ----------
    results : DataFrame
        The output of :func:`compare_samplers`.

    wide : bool, default=False
        Return one row per sampler × classifier and one column per metric,
        with ``"mean ± std"`` strings, plus the mean sampler fit time in
        seconds, ready to print or write as Markdown.

    precision : int, default=3
        Decimals of the ``wide`` strings.

    Returns
    -------
    summary : DataFrame
        With ``wide=False``, indexed by (sampler, classifier, metric) in the
        order of ``results``, with columns ``mean``, ``std`` and ``n_splits``
        (splits with a score; failed splits are left out).

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.experiments import summarize
    >>> results = pd.DataFrame({
    ...     "sampler": ["none", "none", "gan", "gan"], "classifier": "LR", "fold": [0, 1, 0, 1],
    ...     "metric": "f1", "value": [0.5, 0.7, 0.6, 0.6], "fit_time_sampler": [0, 0, 2, 4]})
    >>> summarize(results, wide=True)
      sampler classifier             f1 sampler fit s
    0    none         LR  0.600 ± 0.141          0.00
    1     gan         LR  0.600 ± 0.000          3.00
    """
    keys = ["sampler", "classifier", "metric"]
    grouped = results.groupby(keys, sort=False)["value"]
    summary = pd.DataFrame(
        {"mean": grouped.mean(), "std": grouped.std(), "n_splits": grouped.count()}
    )
    if not wide:
        return summary
    cells = (
        summary["mean"].map(f"{{:.{precision}f}}".format)
        + " ± "
        + summary["std"].map(f"{{:.{precision}f}}".format)
    )
    table = cells.unstack("metric")
    metrics = list(dict.fromkeys(results["metric"]))
    table = table.reindex(index=summary.index.droplevel("metric").unique(), columns=metrics)
    fit = results.groupby(["sampler", "classifier"], sort=False)["fit_time_sampler"].mean()
    table["sampler fit s"] = fit.reindex(table.index).map("{:.2f}".format)
    table.columns.name = None
    return table.reset_index()


def _nadeau_bengio(diff, ratio):
    """Corrected resampled t-test per column of ``diff`` (splits × groups)."""
    n = diff.count()
    mean, var = diff.mean(), diff.var(ddof=1)
    se = np.sqrt((1.0 / n + ratio) * var)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = mean / se
    # Identical scores on every split: no evidence of a difference.
    t = t.where(se > 0, np.where(mean == 0, 0.0, np.sign(mean) * np.inf))
    p = 2 * stats.t.sf(np.abs(t), df=np.maximum(n - 1, 1))
    return mean, t, pd.Series(p, index=diff.columns)


def _wilcoxon(diff):
    def one(column):
        d = column.dropna().to_numpy()
        if not np.any(d):  # no pairs, or identical scores everywhere
            return 0.0, 1.0
        res = stats.wilcoxon(d)
        return float(res.statistic), float(res.pvalue)

    # A loop over groups (a handful), never over rows.
    out = pd.DataFrame([one(diff[c]) for c in diff.columns], index=diff.columns)
    return diff.mean(), out[0], out[1]


def paired_comparison(
    results, reference="SMOTE", *, metric="f1", alpha=0.05, test="nadeau-bengio"
):
    """Win, tie or loss of every sampler against a reference, per classifier and metric.

    Scores are paired by split (repeat and fold), so the samplers are
    compared on the same test rows. A sampler *wins* when it scores higher
    than the reference on average and the test rejects equality at level
    ``alpha``, *loses* when it scores lower and the test rejects, and *ties*
    otherwise.

    The Nadeau–Bengio corrected resampled t-test accounts for the overlap
    of training sets between cross-validation splits, which makes the plain
    paired t-test far too confident. With :math:`d_j` the score difference
    on split :math:`j` of :math:`J`, :math:`\\bar d` its mean and
    :math:`\\hat\\sigma^2` its sample variance,

    .. math::

        t = \\frac{\\bar d}{\\sqrt{\\left(\\frac{1}{J} + \\frac{n_\\text{test}}{n_\\text{train}}
        \\right)\\hat\\sigma^2}}

    follows a Student distribution with :math:`J - 1` degrees of freedom
    under the null hypothesis; :math:`n_\\text{test} / n_\\text{train}` is the
    mean ratio of test to training rows over the splits (before resampling).

    Parameters
    ----------
    results : DataFrame
        The output of :func:`compare_samplers`.

    reference : str, default="SMOTE"
        The sampler every other one is compared with.

    metric : str or list of str, default="f1"
        The metric(s) to compare on.

    alpha : float, default=0.05
        Significance level of the two-sided test.

    test : {"nadeau-bengio", "wilcoxon"}, default="nadeau-bengio"
        ``"nadeau-bengio"``: the corrected resampled t-test above.
        ``"wilcoxon"``: the Wilcoxon signed-rank test on the paired
        differences (no correction for overlapping training sets; needs
        enough splits, e.g. 6 or more, to ever reject at 0.05).

    Returns
    -------
    comparison : DataFrame
        One row per sampler (other than the reference) × classifier × metric
        with columns ``sampler``, ``classifier``, ``metric``, ``n_pairs``,
        ``mean_difference`` (sampler minus reference), ``statistic``,
        ``p_value`` and ``result`` (``"win"``, ``"tie"`` or ``"loss"``).
        ``pd.crosstab(comparison.sampler, comparison.result)`` counts the
        wins, ties and losses.

    References
    ----------
    .. [1] C. Nadeau, Y. Bengio. "Inference for the Generalization Error".
       Machine Learning 52, 239–281, 2003.
    .. [2] R. R. Bouckaert, E. Frank. "Evaluating the Replicability of
       Significance Tests for Comparing Learning Algorithms". PAKDD 2004.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.experiments import paired_comparison
    >>> results = pd.DataFrame({
    ...     "sampler": ["SMOTE"] * 5 + ["gan"] * 5, "classifier": "LR", "repeat": 0,
    ...     "fold": list(range(5)) * 2, "metric": "f1", "n_train": 80, "n_test": 20,
    ...     "value": [.50, .52, .48, .51, .49, .60, .63, .58, .62, .61]})
    >>> paired_comparison(results, "SMOTE")[["sampler", "mean_difference", "result"]]
      sampler  mean_difference result
    0     gan            0.108    win
    """
    if test not in ("nadeau-bengio", "wilcoxon"):
        raise ValueError(f"test must be 'nadeau-bengio' or 'wilcoxon', got {test!r}.")
    metrics = [metric] if isinstance(metric, str) else list(metric)
    samplers = list(dict.fromkeys(results["sampler"]))
    if reference not in samplers:
        raise ValueError(f"reference={reference!r} is not a sampler of results: {samplers}.")
    missing = sorted(set(metrics) - set(results["metric"]))
    if missing:
        raise ValueError(f"metric(s) {missing} not in results: {sorted(set(results.metric))}.")
    data = results[results["metric"].isin(metrics)]
    split = [c for c in ("repeat", "fold") if c in data.columns]
    # Splits × (sampler, classifier, metric): each column a group to test.
    wide = data.pivot(index=split, columns=["sampler", "classifier", "metric"], values="value")
    diff = wide.drop(columns=reference, level="sampler")
    ref = wide[reference].reindex(columns=diff.columns.droplevel("sampler"))
    diff = diff - ref.to_numpy()
    if test == "nadeau-bengio":
        first = data.drop_duplicates(split)
        ratio = float((first["n_test"] / first["n_train"]).mean())
        mean, statistic, p = _nadeau_bengio(diff, ratio)
    else:
        mean, statistic, p = _wilcoxon(diff)
    out = pd.DataFrame(
        {
            "n_pairs": diff.count(),
            "mean_difference": mean,
            "statistic": statistic.to_numpy(),
            "p_value": np.asarray(p, dtype=float),
        }
    )
    significant = out["p_value"] < alpha
    out["result"] = np.select(
        [significant & (out["mean_difference"] > 0), significant & (out["mean_difference"] < 0)],
        ["win", "loss"],
        "tie",
    )
    return _in_order(out.reset_index(), samplers, results["classifier"], metrics)


_COMPARISON_COLUMNS = [
    "sampler",
    "classifier",
    "metric",
    "n_pairs",
    "mean_difference",
    "statistic",
    "p_value",
    "result",
]


def _in_order(out, samplers, classifiers, metrics):
    """The tests in the order of appearance in the results (pivot sorts the groups)."""
    ranks = {
        "sampler": {s: i for i, s in enumerate(samplers)},
        "classifier": {c: i for i, c in enumerate(dict.fromkeys(classifiers))},
        "metric": {m: i for i, m in enumerate(metrics)},
    }
    out = out.sort_values(
        ["sampler", "classifier", "metric"],
        key=lambda column: column.map(ranks[column.name]),
        ignore_index=True,
    )
    return out[_COMPARISON_COLUMNS]


def mean_scores(
    results, *, by="sampler", columns="metric", metrics=None, fit_time=None, failed=None
):
    """Mean score of every group, one column per metric (or per sampler).

    The one mean table of the benchmarks, the docs and the reports: over
    splits, and over whatever ``by`` leaves out (classifiers, tables).

    Parameters
    ----------
    results : DataFrame
        The output of :func:`compare_samplers` or :func:`benchmark_samplers`,
        possibly several concatenated (with a ``dataset`` column, say). A
        failed split has a missing ``value`` and counts in no mean.

    by : str or list of str, default="sampler"
        The rows: one per group, in order of appearance.

    columns : str, default="metric"
        The column whose values become the table's columns, e.g.
        ``"sampler"`` for one column per method.

    metrics : sequence of str, default=None
        The metrics to keep, in this order when they are the columns; None
        keeps every metric, in order of appearance.

    fit_time : str, default=None
        A seconds column of ``results`` (``"fit_time_sampler"``); adds
        ``fit s``, its mean per group.

    failed : str, default=None
        A column of ``results`` naming tables (``"dataset"``); adds ``failed
        splits`` (splits of a group without a single score) and ``tables
        complete`` (tables where the group has no failed split), so that a
        mean over fewer cells shows as such.

    Returns
    -------
    means : DataFrame
        Indexed by ``by``; ``.reset_index()`` gives a flat table.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skgan.experiments import mean_scores
    >>> results = pd.DataFrame({
    ...     "sampler": ["none", "none", "gan", "gan"], "dataset": "t", "repeat": 0,
    ...     "fold": [0, 1, 0, 1], "metric": "f1", "value": [0.5, 0.7, 0.6, np.nan],
    ...     "fit_time_sampler": [0.0, 0.0, 2.0, 4.0]})
    >>> mean_scores(results, fit_time="fit_time_sampler", failed="dataset").reset_index()
      sampler   f1  fit s  failed splits  tables complete
    0    none  0.6    0.0              0                1
    1     gan  0.6    3.0              1                0
    """
    by = [by] if isinstance(by, str) else list(by)
    kept = results if metrics is None else results[results["metric"].isin(list(metrics))]
    table = kept.pivot_table(
        index=by, columns=columns, values="value", aggfunc="mean", sort=False, dropna=False
    )
    order = list(dict.fromkeys(kept[columns]))
    if columns == "metric" and metrics is not None:
        order = [m for m in metrics if m in order]
    table = table.reindex(columns=order)
    table.columns.name = None
    if fit_time is not None:
        table["fit s"] = kept.groupby(by, sort=False)[fit_time].mean()
    if failed is not None:
        table = table.join(_failed_splits(kept, by, failed))
    return table


def _failed_splits(results, by, table_column):
    """Splits without a score and tables without a failed split, per group of ``by``."""
    split = [table_column, *(c for c in ("repeat", "fold") if c in results.columns)]
    keys = list(dict.fromkeys(by + split))
    failed = results["value"].isna().groupby([results[k] for k in keys], sort=False).all()
    per_table = failed.groupby(level=list(dict.fromkeys(by + [table_column])), sort=False).sum()
    counts = per_table.groupby(level=by, sort=False)
    return pd.DataFrame(
        {
            "failed splits": counts.sum(),
            "tables complete": counts.apply(lambda f: int((f == 0).sum())),
        }
    )


def share_at_least(differences, *, by=None, tolerance=0.0):
    """Share of cells where a method is at least as good as a reference, and by how much.

    A cell is one table × classifier × metric (or any finer unit) with the
    method's mean score minus the reference's: the ``mean_difference`` of
    :func:`paired_comparison`, or a difference of two :func:`mean_scores`
    columns.

    Parameters
    ----------
    differences : DataFrame or Series
        One row per cell with a ``mean_difference`` column (a Series is that
        column) and optionally a ``result`` column (``"win"``, ``"tie"``,
        ``"loss"``), which adds the counts of the paired tests.

    by : str or list of str, default=None
        Columns to aggregate per group of (e.g. ``"reference"``,
        ``"metric"``); None aggregates every cell into one row.

    tolerance : float, default=0.0
        A cell is "at least as good" when its difference is at least
        ``-tolerance``: a small tolerance keeps equal means that differ in
        the last bits of a float from counting as losses.

    Returns
    -------
    share : DataFrame
        One row per group with columns ``cells``, ``share_at_least``,
        ``mean_difference`` and, with ``result``, ``share_not_loss`` (cells
        without a significant loss), ``wins``, ``ties`` and ``losses``.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.experiments import share_at_least
    >>> cells = pd.DataFrame({"metric": ["f1", "f1", "f1", "pr_auc"],
    ...                       "mean_difference": [0.02, -0.01, 0.0, 0.03],
    ...                       "result": ["win", "tie", "tie", "tie"]})
    >>> share_at_least(cells, by="metric")[["metric", "cells", "share_at_least", "wins"]]
       metric  cells  share_at_least  wins
    0      f1      3        0.666667     1
    1  pr_auc      1        1.000000     0
    """
    frame = (
        differences.to_frame("mean_difference")
        if isinstance(differences, pd.Series)
        else differences
    )
    by = [] if by is None else [by] if isinstance(by, str) else list(by)
    cells = frame.assign(
        _at_least=frame["mean_difference"] >= -tolerance,
        _one=1,
    )
    aggregations = {
        "cells": ("_one", "sum"),
        "share_at_least": ("_at_least", "mean"),
        "mean_difference": ("mean_difference", "mean"),
    }
    if "result" in frame.columns:
        cells = cells.assign(
            _not_loss=frame["result"] != "loss",
            _win=frame["result"] == "win",
            _tie=frame["result"] == "tie",
            _loss=frame["result"] == "loss",
        )
        aggregations |= {
            "share_not_loss": ("_not_loss", "mean"),
            "wins": ("_win", "sum"),
            "ties": ("_tie", "sum"),
            "losses": ("_loss", "sum"),
        }
    grouped = cells.groupby(by, sort=False) if by else cells.groupby(lambda _: 0)
    out = grouped.agg(**aggregations)
    out = out.reset_index() if by else out.reset_index(drop=True)
    return out.astype({c: np.int64 for c in ("cells", "wins", "ties", "losses") if c in out})

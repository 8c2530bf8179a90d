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

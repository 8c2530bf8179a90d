"""Fidelity: how closely synthetic rows follow the real distribution."""

import numpy as np
import pandas as pd

from ._docstrings import shared_parameters
from ._encoding import check_and_encode

# Histogram gradient boosting handles at most this many categories per feature.
_MAX_CATEGORIES = 255


def _ks_statistic(a, b):
    """Two-sample Kolmogorov-Smirnov statistic of the non-missing values."""
    a, b = np.sort(a[~np.isnan(a)]), np.sort(b[~np.isnan(b)])
    if a.size == 0 or b.size == 0:
        # Nothing to compare when one side is all missing: maximally different,
        # unless both are (then the missing rates tell the whole story).
        return float(a.size != b.size)
    grid = np.concatenate([a, b])
    cdf_a = np.searchsorted(a, grid, side="right") / a.size
    cdf_b = np.searchsorted(b, grid, side="right") / b.size
    return float(np.max(np.abs(cdf_a - cdf_b)))


def _tvd(a, b, n_levels):
    """Total variation distance between the level frequencies of two code vectors."""
    p = np.bincount(a, minlength=n_levels) / a.size
    q = np.bincount(b, minlength=n_levels) / b.size
    return float(0.5 * np.abs(p - q).sum())


def _marginal_distances(r, s, layout):
    """{column: (kind, statistic, value, missing_difference)} of two encoded tables."""
    rows = {}
    for j, name in enumerate(layout.numeric):
        a, b = r.num[:, j], s.num[:, j]
        missing = np.isnan(b).mean() - np.isnan(a).mean()
        rows[name] = ("continuous", "KS", _ks_statistic(a, b), missing)
    for j, name in enumerate(layout.categorical):
        a, b, k = r.cat[:, j], s.cat[:, j], layout.n_levels[j]
        missing = np.mean(b == k - 1) - np.mean(a == k - 1)
        rows[name] = ("categorical", "TVD", _tvd(a, b, k), missing)
    return rows


@shared_parameters
def column_fidelity(real, synthetic, *, categorical_features="auto"):
    """Compare each column's distribution in the real and the synthetic table.

    Numeric columns are compared by the two-sample Kolmogorov-Smirnov
    statistic of their non-missing values, categorical columns by the total
    variation distance between their level frequencies, with missing values
    as a level of their own.

    Parameters
    ----------
    {real}

    {synthetic}

    {categorical_features}

    Returns
    -------
    report : DataFrame
        One row per column, in the column order of ``real``, with columns

        - ``column``: the column label;
        - ``kind``: ``"continuous"`` or ``"categorical"``;
        - ``statistic``: ``"KS"`` or ``"TVD"``;
        - ``value``: the statistic, in [0, 1], 0 for identical distributions;
        - ``missing_difference``: synthetic minus real share of missing
          values (the KS statistic ignores missing values, so check this too);
        - ``score``: ``1 - value``, 1 is best.

    See Also
    --------
    association_difference : Compare the dependence between columns.
    quality_report : Every fidelity and privacy metric in one table.

    Notes
    -----
    Neither statistic depends on the scale of a column, so scores of columns
    of different kinds can be averaged into one summary.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skgan.metrics import column_fidelity
    >>> rng = np.random.default_rng(0)
    >>> likes, lang = rng.poisson(5, 500), rng.choice(["en", "es"], 500)
    >>> real = pd.DataFrame({{"likes": likes, "lang": lang}})
    >>> synthetic = real.assign(likes=real["likes"] + 100)
    >>> column_fidelity(real, synthetic)[["column", "statistic", "value", "score"]]
      column statistic  value  score
    0  likes        KS    1.0    0.0
    1   lang       TVD    0.0    1.0
    """
    (r, s), layout = check_and_encode({"real": real, "synthetic": synthetic}, categorical_features)
    rows = _marginal_distances(r, s, layout)
    report = pd.DataFrame(
        [(name, *rows[name]) for name in layout.columns],
        columns=["column", "kind", "statistic", "value", "missing_difference"],
    )
    report["missing_difference"] = report["missing_difference"].astype(np.float64)
    report["score"] = 1.0 - report["value"]
    return report


def _spearman(num):
    """Pairwise-complete Spearman correlations; 0 where undefined (a constant column)."""
    corr = pd.DataFrame(num).corr(method="spearman").to_numpy()
    return np.nan_to_num(corr, nan=0.0)


def _correlation_ratio(x, codes, n_levels):
    """Correlation ratio eta of a numeric column on a categorical one, missing x dropped."""
    keep = ~np.isnan(x)
    x, codes = x[keep], codes[keep]
    total = np.sum((x - x.mean()) ** 2) if x.size else 0.0
    if total == 0:
        return 0.0
    counts = np.bincount(codes, minlength=n_levels)
    sums = np.bincount(codes, weights=x, minlength=n_levels)
    means = np.divide(sums, counts, out=np.zeros(n_levels), where=counts > 0)
    between = np.sum(counts * (means - x.mean()) ** 2)
    return float(np.sqrt(min(between / total, 1.0)))


def _cramers_v(a, b, levels_a, levels_b):
    """Cramér's V of two code vectors; 0 when either has a single observed level."""
    observed = np.bincount(a * levels_b + b, minlength=levels_a * levels_b).reshape(
        levels_a, levels_b
    )
    observed = observed[observed.sum(axis=1) > 0][:, observed.sum(axis=0) > 0]
    if min(observed.shape) < 2:
        return 0.0
    n = observed.sum()
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / n
    chi2 = np.sum((observed - expected) ** 2 / expected)
    return float(np.sqrt(min(chi2 / n / (min(observed.shape) - 1), 1.0)))


def _association(table, layout):
    """Association matrix of one encoded table, in the layout's column order."""
    num, cat, levels = table.num, table.cat, layout.n_levels
    p_num, p_cat = num.shape[1], cat.shape[1]
    matrix = np.eye(p_num + p_cat)
    if p_num > 1:
        matrix[:p_num, :p_num] = _spearman(num)
        np.fill_diagonal(matrix, 1.0)
    for i in range(p_num):
        for j in range(p_cat):
            eta = _correlation_ratio(num[:, i], cat[:, j], levels[j])
            matrix[i, p_num + j] = matrix[p_num + j, i] = eta
    for i in range(p_cat):
        for j in range(i + 1, p_cat):
            v = _cramers_v(cat[:, i], cat[:, j], levels[i], levels[j])
            matrix[p_num + i, p_num + j] = matrix[p_num + j, p_num + i] = v
    encoded_order = layout.numeric + layout.categorical
    frame = pd.DataFrame(matrix, index=encoded_order, columns=encoded_order)
    return frame.loc[layout.columns, layout.columns]


@shared_parameters
def association_matrices(real, synthetic, *, categorical_features="auto"):
    """Pairwise association matrices of the real and the synthetic table.

    Parameters
    ----------
    {real}

    {synthetic}

    {categorical_features}

    Returns
    -------
    real_matrix, synthetic_matrix : DataFrame of shape (n_features, n_features)
        Symmetric matrices indexed by column, with 1 on the diagonal:

        - numeric-numeric: Spearman's rank correlation (in [-1, 1]) over the
          rows where both are present;
        - categorical-categorical: Cramér's V (in [0, 1]), missing values a level;
        - numeric-categorical: the correlation ratio eta (in [0, 1]) over the
          rows where the numeric value is present.

        Undefined associations (a constant column) are 0.

    See Also
    --------
    association_difference : The mean absolute difference of these matrices.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skgan.metrics import association_matrices
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=300)
    >>> real = pd.DataFrame({{"x": x, "y": x + rng.normal(size=300), "z": rng.normal(size=300)}})
    >>> real_matrix, _ = association_matrices(real, real)
    >>> bool(real_matrix.loc["x", "y"] > 0.5), bool(abs(real_matrix.loc["x", "z"]) < 0.2)
    (True, True)
    """
    (r, s), layout = check_and_encode({"real": real, "synthetic": synthetic}, categorical_features)
    return _association(r, layout), _association(s, layout)


@shared_parameters
def association_difference(real, synthetic, *, categorical_features="auto"):
    """Mean absolute difference between the real and synthetic association matrices.

    Column-wise fidelity cannot see whether the synthetic rows keep the
    dependence between columns; this metric can.

    Parameters
    ----------
    {real}

    {synthetic}

    {categorical_features}

    Returns
    -------
    difference : float
        Mean over the pairs of distinct columns of the absolute difference
        between the associations computed by :func:`association_matrices`.
        0 is best; at most 2 (a Spearman correlation of 1 against -1). NaN
        for a single-column table, which has no pairs.

    See Also
    --------
    association_matrices : The matrices themselves, for plots.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skgan.metrics import association_difference
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=300)
    >>> real = pd.DataFrame({{"x": x, "y": x + rng.normal(scale=0.1, size=300)}})
    >>> association_difference(real, real)
    0.0
    >>> shuffled = real.assign(y=rng.permutation(real["y"].to_numpy()))
    >>> bool(association_difference(real, shuffled) > 0.8)
    True
    """
    real_matrix, synthetic_matrix = association_matrices(
        real, synthetic, categorical_features=categorical_features
    )
    upper = np.triu_indices(len(real_matrix), k=1)
    if upper[0].size == 0:
        return float("nan")
    difference = np.abs(real_matrix.to_numpy() - synthetic_matrix.to_numpy())[upper]
    return float(difference.mean())

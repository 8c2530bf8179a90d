"""Fidelity: how closely synthetic rows follow the real distribution."""

import numbers

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import StratifiedGroupKFold, check_cv, cross_val_score

from .._screens import row_fingerprints
from ._encoding import cap_levels, check_and_encode, check_random_state_generator

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


def column_fidelity(real, synthetic, *, categorical_features="auto"):
    """Compare each column's distribution in the real and the synthetic table.

    Numeric columns are compared by the two-sample Kolmogorov-Smirnov
    statistic of their non-missing values, categorical columns by the total
    variation distance between their level frequencies, with missing values
    as a level of their own.

    Parameters
    ----------
    real : DataFrame or array-like of shape (n_real, n_features)
        The real table.

    synthetic : DataFrame or array-like of shape (n_synthetic, n_features)
        The synthetic table, with the same columns as ``real`` (in any order).
        An array takes the column names of ``real``.

    categorical_features : "auto", array-like of str, int or bool, default="auto"
        The categorical columns. ``"auto"`` takes the columns of object,
        category, string and bool dtype (in either table). Names, indices or a
        boolean mask select them explicitly. Every other column must be numeric.

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
    >>> real = pd.DataFrame({"likes": rng.poisson(5, 500), "lang": rng.choice(["en", "es"], 500)})
    >>> synthetic = real.assign(likes=real["likes"] + 100)
    >>> column_fidelity(real, synthetic)[["column", "statistic", "value", "score"]]
      column statistic  value  score
    0  likes        KS    1.0    0.0
    1   lang       TVD    0.0    1.0
    """
    (r, s), layout = check_and_encode({"real": real, "synthetic": synthetic}, categorical_features)
    rows = {}
    for j, name in enumerate(layout.numeric):
        a, b = r.num[:, j], s.num[:, j]
        missing = np.isnan(b).mean() - np.isnan(a).mean()
        rows[name] = ("continuous", "KS", _ks_statistic(a, b), missing)
    for j, name in enumerate(layout.categorical):
        a, b, k = r.cat[:, j], s.cat[:, j], layout.n_levels[j]
        missing = np.mean(b == k - 1) - np.mean(a == k - 1)
        rows[name] = ("categorical", "TVD", _tvd(a, b, k), missing)
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


def association_matrices(real, synthetic, *, categorical_features="auto"):
    """Pairwise association matrices of the real and the synthetic table.

    Parameters
    ----------
    real : DataFrame or array-like of shape (n_real, n_features)
        The real table.

    synthetic : DataFrame or array-like of shape (n_synthetic, n_features)
        The synthetic table, with the same columns as ``real``.

    categorical_features : "auto", array-like of str, int or bool, default="auto"
        The categorical columns, as in :func:`column_fidelity`.

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
    >>> real = pd.DataFrame({"x": x, "y": x + rng.normal(size=300), "z": rng.normal(size=300)})
    >>> real_matrix, _ = association_matrices(real, real)
    >>> bool(real_matrix.loc["x", "y"] > 0.5), bool(abs(real_matrix.loc["x", "z"]) < 0.2)
    (True, True)
    """
    (r, s), layout = check_and_encode({"real": real, "synthetic": synthetic}, categorical_features)
    return _association(r, layout), _association(s, layout)


def association_difference(real, synthetic, *, categorical_features="auto"):
    """Mean absolute difference between the real and synthetic association matrices.

    Column-wise fidelity cannot see whether the synthetic rows keep the
    dependence between columns; this metric can.

    Parameters
    ----------
    real : DataFrame or array-like of shape (n_real, n_features)
        The real table.

    synthetic : DataFrame or array-like of shape (n_synthetic, n_features)
        The synthetic table, with the same columns as ``real``.

    categorical_features : "auto", array-like of str, int or bool, default="auto"
        The categorical columns, as in :func:`column_fidelity`.

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
    >>> real = pd.DataFrame({"x": x, "y": x + rng.normal(scale=0.1, size=300)})
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


def detection_auc(real, synthetic, *, categorical_features="auto", cv=5, random_state=None):
    """How well a classifier tells synthetic rows from real ones (ROC AUC).

    The larger table is subsampled to the size of the smaller one, rows are
    labelled real (0) or synthetic (1), and a histogram gradient boosting
    classifier is cross-validated on them.

    Parameters
    ----------
    real : DataFrame or array-like of shape (n_real, n_features)
        The real table.

    synthetic : DataFrame or array-like of shape (n_synthetic, n_features)
        The synthetic table, with the same columns as ``real``.

    categorical_features : "auto", array-like of str, int or bool, default="auto"
        The categorical columns, as in :func:`column_fidelity`.

    cv : int or cross-validation generator, default=5
        An int is the number of folds, drawn at random with identical rows in
        the same fold. A splitter is used as given (see
        :func:`sklearn.model_selection.check_cv`); a group splitter such as
        :class:`~sklearn.model_selection.GroupKFold` receives one group per
        distinct row.

    random_state : int, RandomState instance or None, default=None
        Seeds the subsampling, the folds and the classifier. The global NumPy
        random state is neither read nor changed.

    Returns
    -------
    auc : float
        Mean out-of-fold ROC AUC. 0.5 means the classifier cannot tell the
        tables apart (ideal); 1.0 means every synthetic row is recognisable.
        Values well below 0.5 mean synthetic rows sit on top of real ones
        (near-copies), which :func:`distance_to_closest_record` will confirm.

    See Also
    --------
    column_fidelity : Which columns give the synthetic rows away.

    Notes
    -----
    :class:`~sklearn.ensemble.HistGradientBoostingClassifier` (100 trees of
    at most 15 leaves, no early stopping) is used because it is fast on large
    tables, sees interactions a linear model would miss, handles missing
    values natively and takes categorical columns as they are, without
    one-hot encoding. Categorical columns with more than 255 levels have
    their rarest levels merged into one.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skgan.metrics import detection_auc
    >>> rng = np.random.default_rng(0)
    >>> real = pd.DataFrame({"x": rng.normal(size=400), "y": rng.normal(size=400)})
    >>> bool(detection_auc(real, real + 3, cv=3, random_state=0) > 0.95)
    True
    """
    (r, s), layout = check_and_encode({"real": real, "synthetic": synthetic}, categorical_features)
    rng = check_random_state_generator(random_state)
    n = min(len(r.num), len(s.num))
    n_splits = cv if isinstance(cv, numbers.Integral) else 2
    if n < n_splits:
        raise ValueError(
            f"detection_auc needs at least cv={n_splits} rows in each table, got "
            f"{len(r.num)} real and {len(s.num)} synthetic rows."
        )

    def subsample(table):
        rows = np.sort(rng.choice(len(table.num), n, replace=False))
        return np.hstack([table.num[rows], table.cat[rows]])

    # (2n, n_numeric + n_categorical): numeric columns first, then the codes.
    X = np.vstack([subsample(r), subsample(s)])
    n_num = len(layout.numeric)
    X[:, n_num:] = cap_levels(X[:, n_num:].astype(np.int64), _MAX_CATEGORIES)
    y = np.repeat([0, 1], n)
    seed = int(rng.integers(np.iinfo(np.int32).max))
    mask = np.arange(X.shape[1]) >= n_num
    classifier = HistGradientBoostingClassifier(
        max_leaf_nodes=15,
        early_stopping=False,
        categorical_features=mask if mask.any() else None,
        random_state=seed,
    )
    # A synthetic copy of a real row must share its twin's fold: trained on the
    # twin's opposite label, the classifier would score the copy wrongly (AUC
    # far below 0.5). Pairing the i-th real with the i-th synthetic occurrence
    # of each distinct row keeps frequent rows spread over all folds.
    rows = pd.DataFrame({"row": row_fingerprints(X), "label": y})
    rows["occurrence"] = rows.groupby(["row", "label"]).cumcount()
    groups = rows.groupby(["row", "occurrence"]).ngroup().to_numpy()
    if isinstance(cv, numbers.Integral):
        # stratified, so that no fold holds one kind of row only
        splitter = StratifiedGroupKFold(cv, shuffle=True, random_state=seed)
    else:
        splitter = check_cv(cv, y, classifier=True)
    scores = cross_val_score(classifier, X, y, groups=groups, cv=splitter, scoring="roc_auc")
    return float(np.mean(scores))

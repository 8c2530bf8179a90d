"""Detection: how well a classifier tells synthetic rows from real ones, overall and
column by column (and pair by pair)."""

import numbers

import numpy as np
import pandas as pd
from sklearn.model_selection import check_cv
from threadpoolctl import threadpool_limits

from .._detector import FAMILIES, detector, roc_auc
from .._fingerprints import row_fingerprints
from ._encoding import cap_levels, check_and_encode, check_random_state_generator
from ._fidelity import _MAX_CATEGORIES, _association, _marginal_distances

# Detector families of detection_auc.
DETECTORS = FAMILIES


def detection_auc(
    real,
    synthetic,
    *,
    categorical_features="auto",
    cv=5,
    detector="gradient_boosting",
    random_state=None,
):
    """How well a classifier tells synthetic rows from real ones (ROC AUC).

    The larger table is subsampled to the size of the smaller one, rows are
    labelled real (0) or synthetic (1), and a classifier (histogram gradient
    boosting by default, or a random forest) is cross-validated on them.

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

    detector : {"gradient_boosting", "random_forest"}, default="gradient_boosting"
        The classifier family. A second family is a check on the first: a
        generator can fool one kind of model and not another (trees grown
        on bootstrap samples split differently from boosted shallow trees).

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

    ``detector="random_forest"``:
    :class:`~sklearn.ensemble.RandomForestClassifier` (100 trees, at least
    5 rows per leaf, one thread), which takes missing values natively too;
    it sees the level codes of a categorical column as ordered numbers,
    which a forest's many splits handle well enough for detection.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skgan.metrics import detection_auc
    >>> rng = np.random.default_rng(0)
    >>> real = pd.DataFrame({"x": rng.normal(size=400), "y": rng.normal(size=400)})
    >>> bool(detection_auc(real, real + 3, cv=3, random_state=0) > 0.95)
    True
    >>> bool(detection_auc(real, real + 3, cv=3, detector="random_forest", random_state=0) > 0.95)
    True
    """
    if detector not in DETECTORS:
        raise ValueError(f"detector must be one of {list(DETECTORS)}, got {detector!r}.")
    (r, s), layout = check_and_encode({"real": real, "synthetic": synthetic}, categorical_features)
    rng = check_random_state_generator(random_state)
    X, y = _detection_sample(r, s, layout, rng, cv, "detection_auc")
    seed = int(rng.integers(np.iinfo(np.int32).max))
    categorical = np.arange(X.shape[1]) >= len(layout.numeric)
    splits = _detection_splits(X, y, cv, seed)
    if detector == "random_forest":
        return _cv_auc_forest(X, y, splits, seed)
    return _cv_auc(X, y, categorical, splits, seed, max_iter=100)


def _detection_sample(r, s, layout, rng, cv, caller):
    """Equally many real (label 0) and synthetic (label 1) rows, for a detection classifier.

    The larger table is subsampled to the size of the smaller one. Returns
    ``X`` of shape (2n, n_numeric + n_categorical), the numeric columns first
    and then the level codes (rarest levels merged beyond 255), and ``y``.
    """
    n = min(len(r.num), len(s.num))
    n_splits = cv if isinstance(cv, numbers.Integral) else 2
    if n < n_splits:
        raise ValueError(
            f"{caller} needs at least cv={n_splits} rows in each table, got "
            f"{len(r.num)} real and {len(s.num)} synthetic rows."
        )

    def subsample(table):
        rows = np.sort(rng.choice(len(table.num), n, replace=False))
        return np.hstack([table.num[rows], table.cat[rows]])

    X = np.vstack([subsample(r), subsample(s)])
    n_num = len(layout.numeric)
    X[:, n_num:] = cap_levels(X[:, n_num:].astype(np.int64), _MAX_CATEGORIES)
    return X, np.repeat([0, 1], n)


def _twin_groups(X, y):
    """One group per real-synthetic twin: the i-th real and i-th synthetic occurrence of a row.

    A synthetic copy of a real row must share its twin's fold: trained on the
    twin's opposite label, the classifier would score the copy wrongly (AUC
    far below 0.5). Pairing occurrences keeps frequent rows spread over all
    folds. Each group holds at most one real and one synthetic row.
    """
    rows = pd.DataFrame({"row": row_fingerprints(X), "label": y})
    rows["occurrence"] = rows.groupby(["row", "label"]).cumcount()
    # numbered by first appearance, so that the same rows get the same folds
    # whichever columns they are compared on
    return rows.groupby(["row", "occurrence"], sort=False).ngroup().to_numpy()


def _twin_folds(groups, y, n_splits, seed):
    """Stratified group k-fold splits of :func:`_twin_groups`, shuffled.

    Twins are dealt round the folds first, then the real rows without a twin
    and the synthetic rows without one, each from the fold where the twins
    stopped. With equally many real and synthetic rows there are as many of
    each, so every fold holds both labels. Vectorised: a general stratified
    group splitter takes seconds on a few thousand groups.
    """
    n_groups = int(groups.max()) + 1
    has_real = np.bincount(groups, weights=1 - y, minlength=n_groups) > 0
    has_synthetic = np.bincount(groups, weights=y, minlength=n_groups) > 0
    shuffled = np.random.default_rng(seed).permutation(n_groups)
    fold = np.empty(n_groups, dtype=np.int64)
    twins = shuffled[(has_real & has_synthetic)[shuffled]]
    fold[twins] = np.arange(twins.size) % n_splits
    for alone in (has_real & ~has_synthetic, has_synthetic & ~has_real):
        members = shuffled[alone[shuffled]]
        fold[members] = (twins.size + np.arange(members.size)) % n_splits
    row_fold = fold[groups]
    folds = range(n_splits)
    return [(np.flatnonzero(row_fold != k), np.flatnonzero(row_fold == k)) for k in folds]


def _detection_splits(X, y, cv, seed):
    """Train-test splits of the detection rows, each real-synthetic twin in one fold."""
    groups = _twin_groups(X, y)
    if isinstance(cv, numbers.Integral):
        return _twin_folds(groups, y, cv, seed)
    return list(check_cv(cv, y, classifier=True).split(X, y, groups))


def _cv_auc(X, y, categorical, splits, seed, max_iter):
    """Mean out-of-fold ROC AUC of gradient boosting telling label 1 from label 0."""
    scores = []
    for train, test in splits:
        # Gradient boosting cannot bin a feature without a single value (scikit-learn
        # raises); constant instead, it carries the same nothing.
        empty = ~categorical & np.isnan(X[train]).all(axis=0)
        fold = np.where(empty, 0.0, X) if empty.any() else X
        model = detector("gradient_boosting", seed, len(train), categorical, max_iter)
        model.fit(fold[train], y[train])
        scores.append(roc_auc(y[test], model.decision_function(fold[test])))
    return float(np.mean(scores))


def _cv_auc_forest(X, y, splits, seed):
    """Mean out-of-fold ROC AUC of a random forest telling label 1 from label 0."""
    scores = []
    for train, test in splits:
        model = detector("random_forest", seed, len(train)).fit(X[train], y[train])
        scores.append(roc_auc(y[test], model.predict_proba(X[test])[:, 1]))
    return float(np.mean(scores))


# Columns whose pairs ``pairs=True`` searches (at most 2 * 15 pairs).
_PAIR_COLUMNS = 6
_ASSOCIATION_NAMES = {
    ("continuous", "continuous"): "Spearman",
    ("continuous", "categorical"): "eta",
    ("categorical", "continuous"): "eta",
    ("categorical", "categorical"): "Cramér's V",
}


def column_detection(
    real,
    synthetic,
    *,
    categorical_features="auto",
    pairs=False,
    cv=5,
    max_iter=10,
    random_state=None,
):
    """Which columns, and pairs of columns, give the synthetic rows away.

    For every column, a classifier that sees only that column is
    cross-validated to tell synthetic rows from real ones, as in
    :func:`detection_auc`; its ROC AUC is reported next to the column's
    marginal distance (as in :func:`column_fidelity`). With ``pairs``, the
    same is done for pairs of columns, next to the difference between their
    real and synthetic association: a pair can give the rows away through a
    broken dependence although both its columns look right alone.

    Parameters
    ----------
    real : DataFrame or array-like of shape (n_real, n_features)
        The real table.

    synthetic : DataFrame or array-like of shape (n_synthetic, n_features)
        The synthetic table, with the same columns as ``real`` (in any order).
        An array takes the column names of ``real``.

    categorical_features : "auto", array-like of str, int or bool, default="auto"
        The categorical columns, as in :func:`column_fidelity`.

    pairs : bool or int, default=False
        Which pairs of columns to score as well. The search is bounded, since
        every pair costs one cross-validation:

        - ``False``: none, single columns only;
        - an int ``k >= 2``: the pairs among the ``k`` columns with the
          highest single-column AUC, and the ``k * (k - 1) / 2`` pairs whose
          association (see :func:`association_matrices`) differs most between
          the tables, which catches broken dependences between columns that
          are right alone; at most ``k * (k - 1)`` pairs, every pair when the
          table has at most ``k`` columns;
        - ``True``: ``k = 6``, at most 30 pairs, every pair of a table with at
          most 6 columns.

        A dependence that no rank correlation, correlation ratio or Cramér's
        V sees (``y = x ** 2`` for a symmetric ``x``) between columns that are
        right alone is found only when the pair is searched whole (``k`` at
        least the number of columns).

    cv : int or cross-validation generator, default=5
        The folds, as in :func:`detection_auc`.

    max_iter : int, default=10
        Boosting iterations of each classifier. One or two columns need far
        fewer trees than a whole table.

    random_state : int, RandomState instance or None, default=None
        Seeds the subsampling, the folds and the classifiers. The global NumPy
        random state is neither read nor changed.

    Returns
    -------
    report : DataFrame
        One row per column, worst (highest AUC) first, then, with ``pairs``,
        one row per pair, the pairs that give away most beyond their columns
        (highest ``pair_gain``) first. Columns:

        - ``column``: the column label;
        - ``other``: the pair's second column, None for a single column;
        - ``kind``: ``"continuous"`` or ``"categorical"``, for a pair both
          joined by ``"-"`` (``"continuous-categorical"``);
        - ``detection_auc``: mean out-of-fold ROC AUC of the classifier that
          sees the column (or the pair) only. 0.5: the column cannot tell
          the tables apart; 1.0: it gives every synthetic row away;
        - ``pair_gain``: for a pair, its AUC minus the higher AUC of its two
          columns alone, what the joint distribution gives away beyond the
          marginals; NaN for a single column;
        - ``statistic``: ``"KS"`` (numeric) or ``"TVD"`` (categorical) for a
          column; ``"Spearman"``, ``"eta"`` (correlation ratio) or
          ``"Cramér's V"`` for a pair;
        - ``distance``: the value of that statistic: for a column, the
          Kolmogorov-Smirnov statistic of the non-missing values or the
          total variation distance of the level frequencies, in [0, 1]; for a
          pair, the absolute difference between the real and the synthetic
          association, in [0, 2] for Spearman and [0, 1] otherwise;
        - ``missing_difference``: synthetic minus real share of missing
          values in the column; NaN for a pair.

    See Also
    --------
    detection_auc : The same classifier on all columns together.
    column_fidelity : The marginal distances alone, in column order.
    association_matrices : The associations behind the pair distances.

    Notes
    -----
    Missing values: the classifier
    (:class:`~sklearn.ensemble.HistGradientBoostingClassifier`, at most 15
    leaves per tree) takes a missing numeric value as a value of its own and
    a missing category as a level of its own, so a column whose synthetic
    share of missing values is off has a high AUC. The KS statistic compares
    the non-missing values only, so read it with ``missing_difference``; the
    TVD counts missing as a level. Categorical columns with more than 255
    levels have their rarest levels merged for the classifier.

    The larger table is subsampled to the size of the smaller one, once, so
    that every column is scored on the same rows and both labels are equally
    frequent. The distances use all rows. The classifiers run on one OpenMP
    thread: on one or two columns, more threads cost more than they save.

    Expect some noise: two samples of the same distribution differ a little,
    and on a column of few distinct values (a count, a category) the AUC of
    a few thousand rows can reach 0.55 by chance, as the KS statistic does
    not reach 0. Compare with the same report on two real samples (the
    training rows against a holdout); a ``pair_gain`` below about 0.03 is
    noise.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skgan.metrics import column_detection
    >>> rng = np.random.default_rng(0)
    >>> def draw(n, age_shift=0):
    ...     age = rng.gamma(2, 400, n) + age_shift
    ...     return pd.DataFrame({"age": age, "likes": rng.poisson(5, n),
    ...                          "lang": rng.choice(["en", "es"], n)})
    >>> report = column_detection(draw(400), draw(400, age_shift=500), random_state=0)
    >>> report[["column", "kind", "statistic"]]
      column         kind statistic
    0    age   continuous        KS
    1  likes   continuous        KS
    2   lang  categorical       TVD
    >>> bool(report["detection_auc"].iloc[0] > 0.7), bool(report["distance"].iloc[0] > 0.3)
    (True, True)
    >>> bool(report["detection_auc"].iloc[1:].max() < 0.6)
    True

    A pair whose columns are right alone but whose dependence is lost:

    >>> x = rng.normal(size=400)
    >>> real = pd.DataFrame({"x": x, "y": x + rng.normal(scale=0.1, size=400)})
    >>> synthetic = pd.DataFrame({"x": rng.permutation(x), "y": rng.permutation(real["y"])})
    >>> pair = column_detection(real, synthetic, pairs=True, random_state=0).iloc[-1]
    >>> pair[["column", "other", "statistic"]].tolist()
    ['x', 'y', 'Spearman']
    >>> bool(pair["detection_auc"] > 0.8), bool(pair["pair_gain"] > 0.3)
    (True, True)
    """
    if isinstance(pairs, (bool, np.bool_)):
        n_pair_columns = _PAIR_COLUMNS if pairs else 0
    elif isinstance(pairs, numbers.Integral) and pairs >= 2:
        n_pair_columns = int(pairs)
    else:
        raise ValueError(f"pairs must be a bool or an int >= 2, got {pairs!r}.")
    (r, s), layout = check_and_encode({"real": real, "synthetic": synthetic}, categorical_features)
    rng = check_random_state_generator(random_state)
    X, y = _detection_sample(r, s, layout, rng, cv, "column_detection")
    seed = int(rng.integers(np.iinfo(np.int32).max))
    # X holds the numeric columns first, then the categorical ones.
    position = {c: i for i, c in enumerate(layout.numeric + layout.categorical)}
    categorical = np.arange(X.shape[1]) >= len(layout.numeric)

    def auc(*names):
        # Twins are the rows equal in the columns the classifier sees: a value
        # copied from a real row must not be scored by its twin's label.
        take = [position[c] for c in names]
        splits = _detection_splits(X[:, take], y, cv, seed)
        return _cv_auc(X[:, take], y, categorical[take], splits, seed, max_iter)

    marginals = _marginal_distances(r, s, layout)
    with threadpool_limits(limits=1, user_api="openmp"):
        single = {c: auc(c) for c in layout.columns}
    rows = [
        (c, None, kind, single[c], np.nan, statistic, value, missing)
        for c, (kind, statistic, value, missing) in marginals.items()
    ]
    columns = [
        "column",
        "other",
        "kind",
        "detection_auc",
        "pair_gain",
        "statistic",
        "distance",
        "missing_difference",
    ]
    report = pd.DataFrame(rows, columns=columns).sort_values(
        ["detection_auc", "distance"], ascending=False, kind="stable"
    )
    if n_pair_columns and len(layout.columns) > 1:
        with threadpool_limits(limits=1, user_api="openmp"):
            pairs = _pair_rows(r, s, layout, report, n_pair_columns, auc)
        report = pd.concat([report, pairs])
    report = report.reset_index(drop=True)
    return report.astype({c: np.float64 for c in columns[3:] if c != "statistic"})


def _pair_rows(r, s, layout, single, k, auc):
    """Report rows of the searched pairs, most ``pair_gain`` first."""
    names = layout.columns
    difference = (_association(s, layout) - _association(r, layout)).abs().to_numpy()
    first, second = np.triu_indices(len(names), k=1)
    # the pairs among the k worst columns ...
    worst = np.isin(np.arange(len(names)), [names.index(c) for c in single["column"].iloc[:k]])
    chosen = worst[first] & worst[second]
    # ... and the k(k-1)/2 pairs whose association is most off
    most_off = np.argsort(-difference[first, second], kind="stable")[: k * (k - 1) // 2]
    chosen[most_off] = True
    kinds = dict(zip(single["column"], single["kind"]))
    auc_of = dict(zip(single["column"], single["detection_auc"]))
    rows = []
    for i, j in zip(first[chosen], second[chosen]):
        a, b = names[i], names[j]
        pair_auc = auc(a, b)
        rows.append(
            (
                a,
                b,
                f"{kinds[a]}-{kinds[b]}",
                pair_auc,
                pair_auc - max(auc_of[a], auc_of[b]),
                _ASSOCIATION_NAMES[kinds[a], kinds[b]],
                difference[i, j],
                np.nan,
            )
        )
    pairs = pd.DataFrame(rows, columns=single.columns)
    return pairs.sort_values(["pair_gain", "detection_auc"], ascending=False, kind="stable")

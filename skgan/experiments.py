"""Cross-validated comparison of over-samplers: a tidy table of scores and paired tests.

:func:`compare_samplers` resamples each training fold once per sampler and
trains every classifier on that same resampled fold, so that differences
between classifiers are not blurred by sampler randomness; test folds are
never resampled. :func:`summarize` and :func:`paired_comparison` read its
output.
"""

import time
import traceback
import warnings

import numpy as np
import pandas as pd
from imblearn.metrics import geometric_mean_score
from joblib import Parallel, delayed
from scipy import stats
from sklearn.base import BaseEstimator, clone
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import check_scoring, get_scorer, make_scorer
from sklearn.model_selection import StratifiedKFold, check_cv
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import (
    FunctionTransformer,
    OneHotEncoder,
    OrdinalEncoder,
    StandardScaler,
)
from sklearn.utils import _safe_indexing

from ._screened import ScreenedSampler
from ._validation import resolve_categorical, to_frame
from .exceptions import SkganWarning

__all__ = [
    "ImputedSampler",
    "LabelNoise",
    "OneHotSampler",
    "RepeatedStratifiedGroupKFold",
    "ScreenedSampler",
    "balanced_classifiers",
    "benchmark_samplers",
    "compare_samplers",
    "default_classifiers",
    "make_samplers",
    "paired_comparison",
    "summarize",
    "to_markdown",
]

DEFAULT_SCORING = ("f1", "average_precision", "balanced_accuracy")

# Scorers sklearn does not name; "gmean" is accepted as an alias.
_EXTRA_SCORERS = {
    "geometric_mean": make_scorer(geometric_mean_score),
    "gmean": make_scorer(geometric_mean_score),
}

RESULT_COLUMNS = [
    "sampler",
    "classifier",
    "repeat",
    "fold",
    "metric",
    "value",
    "fit_time_sampler",
    "fit_time_classifier",
    "n_train",
    "n_test",
    "n_synthetic",
    "error",
]


# --------------------------------------------------------------------- classifiers
def _signed_log1p(X):
    # Social-media counts span orders of magnitude; a linear model sees them better on a
    # log scale, and the sign keeps negative values (e.g. rate changes) meaningful.
    X = np.asarray(X, dtype=np.float64)
    return np.sign(X) * np.log1p(np.abs(X))


def _to_float(X):
    # Nullable integer columns (Int64, with pd.NA) become float64 with NaN, which every
    # scikit-learn estimator reads.
    return pd.DataFrame(X).astype("float64")


def _split_columns(X):
    """Categorical and numeric column labels, as ``GANSampler`` sees them (indices for arrays)."""
    frame = to_frame(X)
    categorical = resolve_categorical(frame, "auto")
    return categorical, [c for c in frame.columns if c not in categorical]


def default_classifiers(X, *, names=("LR", "HGB"), random_state=None):
    """Classifiers ready for a mixed-type table with missing values.

    The categorical columns are found from the dtypes of ``X`` (object,
    category, string and bool), once, and the pipelines select them by name,
    so they still work when a sampler returns those columns with another
    dtype (SMOTENC returns objects, for example).

    Parameters
    ----------
    X : DataFrame or array-like of shape (n_samples, n_features)
        A table shaped like the one the classifiers will be trained on.

    names : sequence of {"LR", "HGB", "RF"}, default=("LR", "HGB")
        Which classifiers to build:

        - ``"LR"``: logistic regression on numeric columns imputed with the
          median (plus missing indicators), signed-log1p transformed and
          standardised, and one-hot encoded categoricals (missing values are
          a category of their own);
        - ``"HGB"``: :class:`~sklearn.ensemble.HistGradientBoostingClassifier`
          with native categorical splits on ordinal-encoded categoricals and
          native missing-value handling;
        - ``"RF"``: a random forest of 200 trees on the same ordinal encoding.

    random_state : int or None, default=None
        Seed of the randomised classifiers (HGB's early-stopping split, RF).

    Returns
    -------
    classifiers : dict of str to estimator
        Unfitted estimators, in the order of ``names``.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.experiments import default_classifiers
    >>> X = pd.DataFrame({"likes": [3, 40, 500, None], "type": ["photo", "link", "photo", None]})
    >>> models = default_classifiers(X)
    >>> sorted(models)
    ['HGB', 'LR']
    >>> models["HGB"].fit(X, [0, 1, 0, 1]).predict(X).shape
    (4,)
    """
    categorical, numeric = _split_columns(X)
    unknown = sorted(set(names) - {"LR", "HGB", "RF"})
    if unknown:
        raise ValueError(f"Unknown classifier name(s) {unknown}; choose from 'LR', 'HGB', 'RF'.")

    def ordinal():
        encoder = make_pipeline(
            FunctionTransformer(_as_strings, feature_names_out="one-to-one"),
            OrdinalEncoder(
                handle_unknown="use_encoded_value",
                unknown_value=np.nan,
                encoded_missing_value=np.nan,
            ),
        )
        # Categorical columns come first in the output, hence the mask below.
        numbers = FunctionTransformer(_to_float, feature_names_out="one-to-one")
        return ColumnTransformer(
            [("categorical", encoder, categorical), ("numeric", numbers, numeric)]
        )

    mask = np.arange(len(categorical) + len(numeric)) < len(categorical)
    builders = {
        "LR": lambda: make_pipeline(
            _one_hot_encoder(categorical, numeric), LogisticRegression(max_iter=2000)
        ),
        "HGB": lambda: make_pipeline(
            ordinal(),
            HistGradientBoostingClassifier(
                categorical_features=mask if mask.any() else None, random_state=random_state
            ),
        ),
        "RF": lambda: make_pipeline(
            ordinal(), RandomForestClassifier(n_estimators=200, random_state=random_state)
        ),
    }
    return {name: builders[name]() for name in names}


def _one_hot_encoder(categorical, numeric):
    """Median-imputed, signed-log1p, standardised numerics; one-hot categoricals."""
    return ColumnTransformer(
        [
            (
                "numeric",
                make_pipeline(
                    FunctionTransformer(_to_float, feature_names_out="one-to-one"),
                    SimpleImputer(strategy="median", add_indicator=True),
                    FunctionTransformer(_signed_log1p, feature_names_out="one-to-one"),
                    StandardScaler(),
                ),
                numeric,
            ),
            (
                "categorical",
                make_pipeline(
                    # Strings, so that bools, categories and objects encode alike.
                    FunctionTransformer(_as_strings, feature_names_out="one-to-one"),
                    OneHotEncoder(handle_unknown="ignore"),
                ),
                categorical,
            ),
        ]
    )


def _as_strings(X):
    """Categorical values as strings, missing values as NaN (what the encoders sort)."""
    frame = pd.DataFrame(X)
    return frame.astype(str).astype(object).where(frame.notna(), np.nan)


class ImputedSampler(BaseEstimator):
    """Fill missing values, then resample: SMOTE and its kin on tables with NaN.

    Interpolating samplers (SMOTE, SMOTENC, ADASYN, BorderlineSMOTE) reject
    missing values. This wrapper fills them from the rows it is given (the
    training fold, inside :func:`compare_samplers`): numeric columns with
    their median, categorical ones with their most frequent value, then
    calls the sampler. Nullable integer columns become floats, since
    interpolated rows are not integers anyway. The returned rows carry no
    missing values, so a classifier downstream sees imputed training data
    and raw test data; :class:`~skgan.GANSampler` needs no such wrapper.

    Parameters
    ----------
    sampler : sampler
        Any imbalanced-learn style sampler with ``fit_resample``; cloned at
        each call.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from imblearn.over_sampling import SMOTE
    >>> from skgan.experiments import ImputedSampler
    >>> X = pd.DataFrame({"likes": [1.0, np.nan, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]})
    >>> y = [0, 0, 0, 0, 0, 1, 1, 1]
    >>> X_res, y_res = ImputedSampler(SMOTE(k_neighbors=2, random_state=0)).fit_resample(X, y)
    >>> X_res.shape, int(X_res["likes"].isna().sum())
    ((10, 1), 0)
    """

    def __init__(self, sampler):
        self.sampler = sampler

    def fit_resample(self, X, y):
        """Fill missing values of ``X`` and resample with a clone of ``sampler``.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            Data, possibly with missing values.

        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        X_resampled, y_resampled
            What ``sampler.fit_resample`` returns for the filled ``X``.
        """
        frame = to_frame(X)
        filled = _fill_missing(frame, *_split_columns(frame))
        if isinstance(X, pd.DataFrame):
            filled.columns, filled.index = X.columns, X.index
        else:
            filled = filled.to_numpy()
        return clone(self.sampler).fit_resample(filled, y)


def _fill_missing(frame, categorical, numeric):
    """Numeric columns filled with their median (as floats), categorical with their mode."""
    filled = frame.copy()
    if numeric:
        values = frame[numeric].astype("float64")
        filled[numeric] = values.fillna(values.median())
    for column in categorical:
        if frame[column].isna().any():
            filled[column] = frame[column].fillna(frame[column].mode().iloc[0])
    return filled


class LabelNoise(BaseEstimator):
    """Corrupt the training labels, then resample: a benchmark of inaccurate labels.

    Social-media labels miss what they should catch: a bot nobody reported
    is labelled human. At each call, a share ``minority_flip`` of the rows
    of the rarest class is relabelled as the most frequent class, and a
    share ``majority_flip`` of the most frequent class's rows as the rarest
    class; then ``sampler`` (cloned) resamples the noisy table, or, with
    ``sampler=None``, the noisy table is returned as is. Inside
    :func:`compare_samplers` only training folds pass through it, so test
    folds keep their true labels.

    Parameters
    ----------
    sampler : sampler or None
        Any imbalanced-learn style sampler with ``fit_resample``.

    minority_flip, majority_flip : float, default=0.2, 0.01
        Shares of the rarest and of the most frequent class whose labels flip.

    random_state : int or None, default=None
        Seeds which rows flip (the same rows for every sampler given the same fold).

    Examples
    --------
    >>> import numpy as np
    >>> from skgan.experiments import LabelNoise
    >>> X, y = np.zeros((110, 2)), np.array([0] * 100 + [1] * 10)
    >>> _, y_noisy = LabelNoise(None, random_state=0).fit_resample(X, y)
    >>> int((y_noisy[100:] == 0).sum()), int((y_noisy[:100] == 1).sum())
    (2, 1)
    """

    def __init__(self, sampler, minority_flip=0.2, majority_flip=0.01, random_state=None):
        self.sampler = sampler
        self.minority_flip = minority_flip
        self.majority_flip = majority_flip
        self.random_state = random_state

    def fit_resample(self, X, y):
        """Flip labels of ``y`` as described, then resample ``(X, y_noisy)``.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            Training data.

        y : array-like of shape (n_samples,)
            Training labels (at least two classes).

        Returns
        -------
        X_resampled, y_resampled
            What the sampler returns for the noisy labels.
        """
        rng = np.random.default_rng(self.random_state)
        values = np.asarray(y)
        labels, counts = np.unique(values, return_counts=True)
        rare, common = labels[np.argmin(counts)], labels[np.argmax(counts)]
        noisy = values.copy()
        for source, target, share in (
            (rare, common, self.minority_flip),
            (common, rare, self.majority_flip),
        ):
            rows = np.flatnonzero(values == source)
            noisy[rng.choice(rows, int(round(share * rows.size)), replace=False)] = target
        if isinstance(y, pd.Series):
            noisy = pd.Series(noisy, index=y.index, name=y.name)
        if self.sampler is None:
            return X, noisy
        return clone(self.sampler).fit_resample(X, noisy)


# --------------------------------------------------------------------- compare
def _scorers(scoring):
    if isinstance(scoring, str):
        scoring = (scoring,)
    if isinstance(scoring, dict):
        return {name: check_scoring(None, scoring=s) for name, s in scoring.items()}
    out = {}
    for name in scoring:
        out[name] = _EXTRA_SCORERS[name] if name in _EXTRA_SCORERS else get_scorer(name)
    return out


def _split_ids(cv, n_splits):
    """(repeat, fold) of each split; repeated splitters expose ``n_repeats``."""
    n_repeats = getattr(cv, "n_repeats", 1)
    per_repeat = max(n_splits // n_repeats, 1)
    return [(i // per_repeat, i % per_repeat) for i in range(n_splits)]


def _fold(X, y, train, test):
    """The training and test rows of one split."""
    return (
        _safe_indexing(X, train),
        _safe_indexing(y, train),
        _safe_indexing(X, test),
        _safe_indexing(y, test),
    )


def _base_row(ids, train, test):
    return {
        **ids,
        "n_train": len(train),
        "n_test": len(test),
        "fit_time_sampler": 0.0,
        "n_synthetic": 0,
        "error": None,
    }


def _resample(sampler, X_train, y_train, base):
    """Resample a training fold with a clone of ``sampler`` (None: as it is).

    Records the fit time, the rows added or the error in ``base``; returns
    ``(X_resampled, y_resampled)``, or None when the sampler raised.
    """
    start = time.perf_counter()
    try:
        if sampler is not None:
            X_train, y_train = clone(sampler).fit_resample(X_train, y_train)
    except Exception as exc:  # a failing sampler must not end the whole experiment
        base.update(fit_time_sampler=time.perf_counter() - start, error=_describe(exc))
        return None
    base.update(
        fit_time_sampler=time.perf_counter() - start,
        n_synthetic=len(y_train) - base["n_train"],
    )
    return X_train, y_train


def _failed_rows(base, classifiers, scorers):
    return [
        {**base, "classifier": c, "metric": m, "value": np.nan, "fit_time_classifier": np.nan}
        for c in classifiers
        for m in scorers
    ]


def _score_classifiers(X_train, y_train, X_test, y_test, classifiers, scorers, base):
    """Fit every classifier on the (resampled) training fold and score it on the test fold."""
    rows = []
    for name, classifier in classifiers.items():
        start = time.perf_counter()
        try:
            model = clone(classifier).fit(X_train, y_train)
            fit_time = time.perf_counter() - start
            scores = {m: float(scorer(model, X_test, y_test)) for m, scorer in scorers.items()}
            error = None
        except Exception as exc:
            fit_time, scores, error = time.perf_counter() - start, {}, _describe(exc)
        rows += [
            {
                **base,
                "classifier": name,
                "metric": m,
                "value": scores.get(m, np.nan),
                "fit_time_classifier": fit_time,
                "error": error or base["error"],
            }
            for m in scorers
        ]
    return rows


def _run_task(X, y, train, test, sampler, classifiers, scorers, ids):
    """Resample one training fold with one sampler; fit and score every classifier on it."""
    X_train, y_train, X_test, y_test = _fold(X, y, train, test)
    base = _base_row(ids, train, test)
    resampled = _resample(sampler, X_train, y_train, base)
    if resampled is None:
        return _failed_rows(base, classifiers, scorers)
    return _score_classifiers(*resampled, X_test, y_test, classifiers, scorers, base)


def _describe(exc):
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


def compare_samplers(
    X,
    y,
    *,
    samplers,
    classifiers,
    cv=5,
    scoring=DEFAULT_SCORING,
    n_jobs=None,
    random_state=None,
    verbose=0,
):
    """Cross-validate every sampler × classifier pair and return a tidy table of scores.

    For every training fold, each sampler is cloned and resamples the fold
    once; every classifier is then cloned and trained on that same resampled
    fold. Test folds are never resampled. The (split × sampler) tasks run
    with :class:`joblib.Parallel`, so a ``joblib.parallel_backend("dask")``
    context spreads them over a dask cluster.

    Parameters
    ----------
    X : DataFrame or array-like of shape (n_samples, n_features)
        The table; columns may be of mixed types and contain NaN when the
        samplers and classifiers accept them.

    y : array-like of shape (n_samples,)
        Class labels.

    samplers : dict of str to sampler or None
        Name to an imbalanced-learn style sampler with ``fit_resample``;
        ``None`` trains on the fold as it is (the baseline to beat). Seed the
        samplers' own ``random_state`` for reproducible rows.

    classifiers : dict of str to estimator
        Name to classifier. Classifiers that cannot read categorical columns
        must be pipelines that encode them; :func:`default_classifiers` builds
        such pipelines.

    cv : int or cross-validation generator, default=5
        An int gives :class:`~sklearn.model_selection.StratifiedKFold` with
        shuffling, seeded by ``random_state``. Any scikit-learn splitter works;
        for :class:`~sklearn.model_selection.RepeatedStratifiedKFold` the
        repeat and the fold within it are recorded.

    scoring : str, sequence of str or dict of str to callable, \
            default=("f1", "average_precision", "balanced_accuracy")
        Scikit-learn scorer names, plus ``"geometric_mean"`` (the G-mean of
        :func:`imblearn.metrics.geometric_mean_score`), or a dict of name to
        scorer ``scorer(estimator, X, y)``.

    n_jobs : int or None, default=None
        Number of (split × sampler) tasks run in parallel; ``None`` means 1
        unless in a :func:`joblib.parallel_config` context.

    random_state : int, RandomState instance or None, default=None
        Seeds the folds when ``cv`` is an int.

    verbose : int, default=0
        Verbosity of :class:`joblib.Parallel` (progress messages on stderr).

    Returns
    -------
    results : DataFrame
        One row per sampler × classifier × split × metric, with columns
        ``sampler``, ``classifier``, ``repeat``, ``fold``, ``metric``,
        ``value``, ``fit_time_sampler`` and ``fit_time_classifier`` (seconds),
        ``n_train`` and ``n_test`` (rows of the split before resampling),
        ``n_synthetic`` (rows the sampler added) and ``error`` (the message of
        a sampler or classifier that failed on that split, whose ``value`` is
        then NaN, else ``None``).

    Warns
    -----
    SkganWarning
        When a sampler or classifier raised on some split.

    See Also
    --------
    summarize : Mean and standard deviation per sampler, classifier and metric.
    paired_comparison : Corrected paired tests against a reference sampler.

    Examples
    --------
    >>> from imblearn.over_sampling import RandomOverSampler
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from skgan.experiments import compare_samplers, summarize
    >>> X, y = make_classification(n_samples=300, weights=[0.9], random_state=0)
    >>> results = compare_samplers(
    ...     X, y,
    ...     samplers={"none": None, "ROS": RandomOverSampler(random_state=0)},
    ...     classifiers={"LR": LogisticRegression()},
    ...     cv=3, scoring=["f1", "geometric_mean"], random_state=0,
    ... )
    >>> results.shape
    (12, 12)
    >>> summarize(results).round(2)  # doctest: +NORMALIZE_WHITESPACE
                                       mean   std  n_splits
    sampler classifier metric
    none    LR         f1              0.59  0.22         3
                       geometric_mean  0.72  0.15         3
    ROS     LR         f1              0.45  0.13         3
                       geometric_mean  0.74  0.13         3
    """
    if not isinstance(samplers, dict) or not samplers:
        raise ValueError("samplers must be a non-empty dict of name to sampler (or None).")
    if not isinstance(classifiers, dict) or not classifiers:
        raise ValueError("classifiers must be a non-empty dict of name to estimator.")
    scorers = _scorers(scoring)
    if isinstance(cv, int):
        cv = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    cv = check_cv(cv, y, classifier=True)
    y = y.to_numpy() if isinstance(y, pd.Series) else np.asarray(y)
    splits = list(cv.split(X, y))
    ids = _split_ids(cv, len(splits))

    tasks = [
        delayed(_run_task)(
            X,
            y,
            train,
            test,
            sampler,
            classifiers,
            scorers,
            {"sampler": name, "repeat": repeat, "fold": fold},
        )
        for (train, test), (repeat, fold) in zip(splits, ids)
        for name, sampler in samplers.items()
    ]
    rows = [row for task in Parallel(n_jobs=n_jobs, verbose=verbose)(tasks) for row in task]
    return _tidy_results(rows, samplers, classifiers, scorers)


def _tidy_results(rows, samplers, classifiers, scorers):
    """The results table in the caller's order; warns about failed splits."""
    results = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    # Sort by the caller's order of samplers and classifiers, then split and metric.
    order = {
        "sampler": {name: i for i, name in enumerate(samplers)},
        "classifier": {name: i for i, name in enumerate(classifiers)},
        "metric": {name: i for i, name in enumerate(scorers)},
    }
    results = results.sort_values(
        ["sampler", "classifier", "repeat", "fold", "metric"],
        key=lambda col: col.map(order[col.name]) if col.name in order else col,
        kind="stable",
        ignore_index=True,
    )
    failed = results.dropna(subset=["error"]).groupby(["sampler", "classifier"], sort=False)
    for (sampler, classifier), rows in failed:
        n_failed = len(rows.drop_duplicates(["repeat", "fold"]))
        warnings.warn(
            f"{sampler!r} with {classifier!r} failed on {n_failed} split(s); their scores "
            f"are NaN. First error: {rows['error'].iloc[0]}",
            SkganWarning,
            stacklevel=3,
        )
    return results


# --------------------------------------------------------------------- summaries
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
    out = out.reset_index()
    # pivot_table sorts the groups; restore the order of appearance in results.
    rank = {s: i for i, s in enumerate(samplers)}
    crank = {c: i for i, c in enumerate(dict.fromkeys(results["classifier"]))}
    mrank = {m: i for i, m in enumerate(metrics)}
    out = out.sort_values(
        ["sampler", "classifier", "metric"],
        key=lambda c: c.map({"sampler": rank, "classifier": crank, "metric": mrank}[c.name]),
        ignore_index=True,
    )
    return out[
        [
            "sampler",
            "classifier",
            "metric",
            "n_pairs",
            "mean_difference",
            "statistic",
            "p_value",
            "result",
        ]
    ]


# --------------------------------------------------------------------- registry
SAMPLER_NAMES = ("none", "class_weight", "ros", "smote", "borderline", "adasyn", "gan")

CLASS_WEIGHT = "balanced"
"""Value :func:`make_samplers` gives ``"class_weight"``: no resampling, balanced classifiers."""


def make_samplers(names, X, *, random_state=None, gan_params=None):
    """The comparison methods by name: one registry for the CLI, the benchmarks and the docs.

    Parameters
    ----------
    names : sequence of str
        Any of :data:`SAMPLER_NAMES`, in the order wanted:

        - ``"none"``: no resampling (``None``), the baseline to beat;
        - ``"class_weight"``: no resampling, but classifiers with
          ``class_weight="balanced"`` (the value is :data:`CLASS_WEIGHT`,
          which :func:`benchmark_samplers` understands; with
          :func:`compare_samplers`, drop it and pass the classifiers of
          :func:`balanced_classifiers` to a second call);
        - ``"ros"``: :class:`~imblearn.over_sampling.RandomOverSampler`;
        - ``"smote"``: :class:`~imblearn.over_sampling.SMOTENC` when ``X``
          has categorical columns (object, category, string or bool dtype),
          else :class:`~imblearn.over_sampling.SMOTE`;
        - ``"borderline"`` and ``"adasyn"``:
          :class:`~imblearn.over_sampling.BorderlineSMOTE` and
          :class:`~imblearn.over_sampling.ADASYN`, through
          :class:`OneHotSampler` when ``X`` has categorical columns;
        - ``"gan"``: :class:`~skgan.GANSampler` with its defaults.

        The interpolating samplers are wrapped in :class:`ImputedSampler`
        when ``X`` has missing values.

    X : DataFrame or array-like of shape (n_samples, n_features)
        The table the samplers will see; its column types and missing values
        decide the choices above.

    random_state : int or None, default=None
        The ``random_state`` of every sampler.

    gan_params : dict, default=None
        Extra parameters of :class:`~skgan.GANSampler`, e.g. ``{"n_steps": 5}``.

    Returns
    -------
    samplers : dict of str to sampler, None or str
        Display label (``"none"``, ``"class_weight"``, ``"ROS"``, ``"SMOTE"``
        or ``"SMOTENC"``, ``"BorderlineSMOTE"``, ``"ADASYN"``,
        ``"GANSampler"``) to method, in the order of ``names``.

    Raises
    ------
    ValueError
        If a name is unknown or repeated, or ``names`` is empty.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.experiments import make_samplers
    >>> X = pd.DataFrame({"likes": [3, 40, None], "type": ["photo", "link", "photo"]})
    >>> samplers = make_samplers(["none", "class_weight", "smote", "gan"], X, random_state=0)
    >>> {label: type(s).__name__ for label, s in samplers.items()}
    {'none': 'NoneType', 'class_weight': 'str', 'SMOTENC': 'ImputedSampler', \
'GANSampler': 'GANSampler'}
    """
    names = [names] if isinstance(names, str) else list(names)
    unknown = [name for name in names if name not in SAMPLER_NAMES]
    if unknown or not names or len(set(names)) < len(names):
        raise ValueError(
            f"names must be distinct sampler names from {list(SAMPLER_NAMES)}, got {names}"
            + (f" ({unknown} unknown)." if unknown else ".")
        )
    categorical, _ = _split_columns(X)
    has_missing = bool(to_frame(X).isna().to_numpy().any())
    pairs = [
        _make_sampler(name, categorical, has_missing, random_state, gan_params) for name in names
    ]
    return dict(pairs)


def _make_sampler(name, categorical, has_missing, random_state, gan_params):
    """(label, sampler) of one registry name."""
    from imblearn.over_sampling import (
        ADASYN,
        SMOTE,
        SMOTENC,
        BorderlineSMOTE,
        RandomOverSampler,
    )

    from ._sampler import GANSampler

    if name in ("none", "class_weight"):
        return name, None if name == "none" else CLASS_WEIGHT
    if name == "ros":
        return "ROS", RandomOverSampler(random_state=random_state)
    if name == "gan":
        return "GANSampler", GANSampler(random_state=random_state, **(gan_params or {}))
    if name == "smote":
        label, sampler = (
            ("SMOTENC", SMOTENC(categorical_features=categorical, random_state=random_state))
            if categorical
            else ("SMOTE", SMOTE(random_state=random_state))
        )
    else:
        label, cls = {
            "adasyn": ("ADASYN", ADASYN),
            "borderline": ("BorderlineSMOTE", BorderlineSMOTE),
        }[name]
        sampler = cls(random_state=random_state)
        if categorical:
            return label, OneHotSampler(sampler)
    # The interpolating samplers reject NaN; ImputedSampler fills them per training fold.
    return label, ImputedSampler(sampler) if has_missing else sampler


def balanced_classifiers(classifiers):
    """Copies of the classifiers with ``class_weight="balanced"``: weighting instead of resampling.

    Parameters
    ----------
    classifiers : dict of str to estimator
        Classifiers or pipelines whose last step takes ``class_weight``
        (those of :func:`default_classifiers` do).

    Returns
    -------
    weighted : dict of str to estimator
        Unfitted clones, with the same names.

    Raises
    ------
    ValueError
        If a classifier has no ``class_weight`` parameter.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.experiments import balanced_classifiers, default_classifiers
    >>> X = pd.DataFrame({"likes": [3, 40, 500]})
    >>> weighted = balanced_classifiers(default_classifiers(X, names=["LR"]))
    >>> weighted["LR"].get_params()["logisticregression__class_weight"]
    'balanced'
    """
    weighted = {}
    for name, classifier in classifiers.items():
        model = clone(classifier)
        prefix = f"{model.steps[-1][0]}__" if hasattr(model, "steps") else ""
        if f"{prefix}class_weight" not in model.get_params():
            raise ValueError(
                f"classifier {name!r} ({type(classifier).__name__}) has no class_weight "
                "parameter, so it cannot be weighted."
            )
        weighted[name] = model.set_params(**{f"{prefix}class_weight": "balanced"})
    return weighted


class OneHotSampler(BaseEstimator):
    """Run a numeric-only sampler (ADASYN, BorderlineSMOTE) on a table with categoricals.

    Missing values are filled as in :class:`ImputedSampler`, categorical
    columns are one-hot encoded as 0/1 columns, the sampler interpolates in
    that space, and each synthetic row takes, per categorical column, the
    level of its largest one-hot entry. Integer columns are rounded. The
    original rows come first, unchanged (missing values included); a table
    without categorical columns goes to :class:`ImputedSampler` directly.

    Parameters
    ----------
    sampler : sampler
        An imbalanced-learn style sampler with ``fit_resample`` that needs
        numeric input; cloned at each call.

    Examples
    --------
    >>> import pandas as pd
    >>> from imblearn.over_sampling import ADASYN
    >>> from skgan.experiments import OneHotSampler
    >>> X = pd.DataFrame({"likes": [1, 2, 3, 4, 5, 6, 7, 8],
    ...                   "type": ["a", "b", "a", "b", "a", "b", "b", "b"]})
    >>> y = [0, 0, 0, 0, 0, 1, 1, 1]
    >>> X_res, y_res = OneHotSampler(ADASYN(n_neighbors=2, random_state=0)).fit_resample(X, y)
    >>> len(X_res) > len(X), set(X_res["type"]) <= {"a", "b"}, X_res["likes"].dtype.kind
    (True, True, 'i')
    """

    def __init__(self, sampler):
        self.sampler = sampler

    def fit_resample(self, X, y):
        """One-hot encode, resample with a clone of ``sampler``, decode the new rows.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            Data of mixed types, possibly with missing values.

        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        X_resampled : DataFrame
            The rows of ``X``, then the synthetic rows, with the dtypes of ``X``.

        y_resampled : Series or ndarray
            Their labels (a Series when ``y`` is one).
        """
        frame = to_frame(X)
        categorical, numeric = _split_columns(frame)
        if not categorical:
            return ImputedSampler(self.sampler).fit_resample(X, y)
        filled = _fill_missing(frame, categorical, numeric)
        levels = {c: pd.unique(filled[c].astype(object)) for c in categorical}
        blocks = [filled[numeric].astype("float64").to_numpy()]
        blocks += [
            (filled[c].astype(object).to_numpy()[:, None] == levels[c]) for c in categorical
        ]
        matrix = np.hstack(blocks).astype(np.float64)
        M_res, y_res = clone(self.sampler).fit_resample(matrix, y)
        new = M_res[len(frame) :]
        decoded = {}
        for j, c in enumerate(numeric):
            values = pd.Series(new[:, j])
            integer = pd.api.types.is_integer_dtype(frame[c].dtype)
            decoded[c] = (values.round() if integer else values).astype(frame[c].dtype)
        start = len(numeric)
        for c in categorical:
            picked = levels[c][new[:, start : start + len(levels[c])].argmax(axis=1)]
            decoded[c] = pd.Series(picked, dtype=object).astype(frame[c].dtype)
            start += len(levels[c])
        synthetic = pd.DataFrame(decoded)[list(frame.columns)]
        X_res = pd.concat([frame, synthetic], ignore_index=True)
        if isinstance(y, pd.Series):
            y_res = pd.Series(np.asarray(y_res), name=y.name)
        return X_res, y_res


# --------------------------------------------------------------------- benchmark
SYNTHETIC_COLUMNS = [
    "sampler",
    "repeat",
    "fold",
    "fit_time_sampler",
    "n_real",
    "n_synthetic",
    "n_holdout",
    "exact_copy_rate",
    "dcr_ratio",
    "detection_auc",
    "error",
]


class RepeatedStratifiedGroupKFold:
    """:class:`~sklearn.model_selection.StratifiedGroupKFold`, repeated with new shuffles.

    Scikit-learn has no repeated version of the stratified group split; this
    one draws the ``n_repeats`` shuffles from ``random_state`` and exposes
    ``n_repeats``, so :func:`compare_samplers` records repeat and fold.

    Parameters
    ----------
    n_splits : int, default=5
        Folds per repeat.

    n_repeats : int, default=2
        Repeats, each with another shuffle of the groups.

    random_state : int or None, default=None
        Seeds the shuffles.

    Examples
    --------
    >>> import numpy as np
    >>> from skgan.experiments import RepeatedStratifiedGroupKFold
    >>> y = np.array([0] * 8 + [1] * 4)
    >>> groups = np.arange(12) // 2
    >>> cv = RepeatedStratifiedGroupKFold(n_splits=2, n_repeats=3, random_state=0)
    >>> splits = list(cv.split(np.zeros((12, 1)), y, groups))
    >>> len(splits), cv.get_n_splits()
    (6, 6)
    >>> all(set(groups[train]).isdisjoint(groups[test]) for train, test in splits)
    True
    """

    def __init__(self, n_splits=5, n_repeats=2, random_state=None):
        self.n_splits = n_splits
        self.n_repeats = n_repeats
        self.random_state = random_state

    def get_n_splits(self, X=None, y=None, groups=None):
        """Number of splits: ``n_splits * n_repeats``."""
        return self.n_splits * self.n_repeats

    def split(self, X, y, groups):
        """Yield ``(train, test)`` index arrays, repeat after repeat."""
        from sklearn.model_selection import StratifiedGroupKFold

        seeds = np.random.default_rng(self.random_state).integers(2**31, size=self.n_repeats)
        for seed in seeds:
            cv = StratifiedGroupKFold(self.n_splits, shuffle=True, random_state=int(seed))
            yield from cv.split(X, y, groups)


def _synthetic_scores(X_train, y_train, X_res, y_res, X_test, y_test, random_state):
    """Realism and privacy of the rows a sampler added, against real rows of their classes.

    The synthetic rows are compared with the training rows of the classes
    they belong to (what the sampler learned from) and, for the distance
    ratio, with the test rows of those classes (new real rows).
    """
    from .metrics import detection_auc, distance_to_closest_record, exact_copy_rate

    n = len(y_train)
    new_labels = np.asarray(y_res)[n:]
    scores = dict.fromkeys(SYNTHETIC_COLUMNS[4:], np.nan)
    scores.update(n_synthetic=len(new_labels), error=None)
    if not len(new_labels):
        return scores
    classes = np.unique(new_labels)
    real = _safe_indexing(X_train, np.flatnonzero(np.isin(np.asarray(y_train), classes)))
    holdout = _safe_indexing(X_test, np.flatnonzero(np.isin(np.asarray(y_test), classes)))
    synthetic = _safe_indexing(X_res, np.arange(n, len(y_res)))
    scores.update(n_real=len(real), n_holdout=len(holdout))
    try:
        scores["exact_copy_rate"] = exact_copy_rate(real, synthetic)
        dcr = distance_to_closest_record(real, synthetic, holdout)
        scores["dcr_ratio"] = float(dcr["median_ratio"])
        scores["detection_auc"] = detection_auc(real, synthetic, random_state=random_state)
    except Exception as exc:  # too few rows, say: the scores stay, the metric is NaN
        scores["error"] = _describe(exc)
    return scores


def _benchmark_task(X, y, train, test, sampler, classifiers, scorers, ids, quality_seed):
    """:func:`_run_task`, plus the synthetic rows' scores when ``quality_seed`` is not False."""
    X_train, y_train, X_test, y_test = _fold(X, y, train, test)
    base = _base_row(ids, train, test)
    resampled = _resample(sampler, X_train, y_train, base)
    if resampled is None:
        return _failed_rows(base, classifiers, scorers), None
    rows = _score_classifiers(*resampled, X_test, y_test, classifiers, scorers, base)
    if sampler is None or quality_seed is False:
        return rows, None
    scores = _synthetic_scores(X_train, y_train, *resampled, X_test, y_test, quality_seed)
    return rows, {**ids, "fit_time_sampler": base["fit_time_sampler"], **scores}


def benchmark_samplers(
    X,
    y,
    *,
    samplers,
    classifiers,
    cv=5,
    groups=None,
    scoring=DEFAULT_SCORING,
    synthetic_metrics=True,
    n_jobs=None,
    random_state=None,
    verbose=0,
):
    """:func:`compare_samplers` with class weighting, groups and the synthetic rows' quality.

    One parallel pass over (split × method): each training fold is
    resampled once per sampler, every classifier is trained on it and
    scored on the untouched test fold, exactly as in
    :func:`compare_samplers`; in the same task, the rows the sampler added
    are compared with that fold's real rows of their class (see Returns),
    so the costly samplers are never fitted twice.

    Parameters
    ----------
    X, y, classifiers, scoring, n_jobs, verbose
        As in :func:`compare_samplers`.

    samplers : dict of str to sampler, None or "balanced"
        As in :func:`compare_samplers`, plus the value
        :data:`CLASS_WEIGHT` (``"balanced"``): no resampling, with the
        classifiers of :func:`balanced_classifiers`. :func:`make_samplers`
        builds such a dict.

    cv : int or cross-validation generator, default=5
        An int gives stratified folds with shuffling, seeded by
        ``random_state``: :class:`~sklearn.model_selection.StratifiedKFold`,
        or :class:`~sklearn.model_selection.StratifiedGroupKFold` when
        ``groups`` is given. A splitter receives ``groups``.

    groups : array-like of shape (n_samples,), default=None
        Group of each row; rows of a group stay in the same fold (for
        example copies of one comment).

    synthetic_metrics : bool, default=True
        Score the synthetic rows of every resampling split.

    random_state : int or None, default=None
        Seeds the folds when ``cv`` is an int, and the detection classifier.

    Returns
    -------
    results : DataFrame
        The scores, as :func:`compare_samplers` returns them.

    synthetic : DataFrame
        One row per resampling sampler × split, with ``sampler``,
        ``repeat``, ``fold``, ``fit_time_sampler`` (seconds), ``n_real``
        (training rows of the classes the sampler added to), ``n_synthetic``,
        ``n_holdout`` (test rows of those classes), ``exact_copy_rate``
        (:func:`skgan.metrics.exact_copy_rate` against the training rows),
        ``dcr_ratio`` (the ``median_ratio`` of
        :func:`skgan.metrics.distance_to_closest_record` with the test rows
        as holdout: below 1, synthetic rows sit closer to the training rows
        than new real rows do), ``detection_auc``
        (:func:`skgan.metrics.detection_auc` against the training rows; 0.5
        is indistinguishable) and ``error``. Empty without resamplers or
        with ``synthetic_metrics=False``.

    See Also
    --------
    make_samplers : The registry of comparison methods.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from skgan.experiments import benchmark_samplers, make_samplers
    >>> X, y = make_classification(n_samples=300, weights=[0.9], random_state=0)
    >>> samplers = make_samplers(["none", "class_weight", "ros"], X, random_state=0)
    >>> results, synthetic = benchmark_samplers(
    ...     X, y, samplers=samplers, classifiers={"LR": LogisticRegression()},
    ...     cv=3, scoring=["f1"], random_state=0)
    >>> results.groupby("sampler", sort=False)["value"].mean().round(2).to_dict()
    {'none': 0.59, 'class_weight': 0.46, 'ROS': 0.45}
    >>> synthetic[["sampler", "fold", "exact_copy_rate"]].to_numpy().tolist()
    [['ROS', 0, 1.0], ['ROS', 1, 1.0], ['ROS', 2, 1.0]]
    """
    if not isinstance(samplers, dict) or not samplers:
        raise ValueError("samplers must be a non-empty dict of name to sampler (or None).")
    if not isinstance(classifiers, dict) or not classifiers:
        raise ValueError("classifiers must be a non-empty dict of name to estimator.")
    scorers = _scorers(scoring)
    splits, ids = _splits(X, y, cv, groups, random_state)
    weighted = None
    if any(_is_class_weight(s) for s in samplers.values()):
        weighted = balanced_classifiers(classifiers)
    quality_seed = random_state if synthetic_metrics else False
    y = y.to_numpy() if isinstance(y, pd.Series) else np.asarray(y)
    tasks = [
        delayed(_benchmark_task)(
            X,
            y,
            train,
            test,
            None if _is_class_weight(sampler) else sampler,
            weighted if _is_class_weight(sampler) else classifiers,
            scorers,
            {"sampler": name, "repeat": repeat, "fold": fold},
            quality_seed,
        )
        for (train, test), (repeat, fold) in zip(splits, ids)
        for name, sampler in samplers.items()
    ]
    outputs = Parallel(n_jobs=n_jobs, verbose=verbose)(tasks)
    results = _tidy_results(
        [r for rows, _ in outputs for r in rows], samplers, classifiers, scorers
    )
    synthetic = pd.DataFrame([s for _, s in outputs if s is not None], columns=SYNTHETIC_COLUMNS)
    rank = {name: i for i, name in enumerate(samplers)}
    synthetic = synthetic.sort_values(
        ["sampler", "repeat", "fold"],
        key=lambda col: col.map(rank) if col.name == "sampler" else col,
        ignore_index=True,
    )
    return results, synthetic


def _is_class_weight(sampler):
    return isinstance(sampler, str) and sampler == CLASS_WEIGHT


def _splits(X, y, cv, groups, random_state):
    """The (train, test) splits and their (repeat, fold) ids."""
    from sklearn.model_selection import StratifiedGroupKFold

    if isinstance(cv, int):
        splitter = StratifiedGroupKFold if groups is not None else StratifiedKFold
        cv = splitter(n_splits=cv, shuffle=True, random_state=random_state)
    cv = check_cv(cv, y, classifier=True)
    splits = list(cv.split(X, y, groups))
    return splits, _split_ids(cv, len(splits))


# --------------------------------------------------------------------- tables
def to_markdown(frame, *, floatfmt="{:.3g}", index=False):
    """A GitHub-flavoured Markdown table of a DataFrame (no ``tabulate`` needed).

    Parameters
    ----------
    frame : DataFrame
        The table; column labels become the header.

    floatfmt : str, default="{:.3g}"
        :meth:`str.format` pattern of float cells; missing values (NaN,
        None, ``pd.NA``) are empty cells.

    index : bool, default=False
        Write the index as the first column(s).

    Returns
    -------
    table : str
        Header, rule and one line per row; ``|`` in cells is escaped.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.experiments import to_markdown
    >>> print(to_markdown(pd.DataFrame({"sampler": ["none", "a|b"], "f1": [0.61234, None]})))
    | sampler | f1 |
    |---|---|
    | none | 0.612 |
    | a\\|b |  |
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"to_markdown needs a DataFrame, got {type(frame).__name__}.")
    if index:
        frame = frame.reset_index()

    def cell(value):
        if value is None or (not isinstance(value, str) and pd.isna(value) is True):
            return ""
        if isinstance(value, float | np.floating):
            return floatfmt.format(value)
        return str(value).replace("|", "\\|")

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(False)]
    return "\n".join([header, rule, *rows])

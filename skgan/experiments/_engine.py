"""The one cross-validation engine behind :func:`compare_samplers` and :func:`benchmark_samplers`.

Each (split × sampler) task resamples the training fold once, trains every
classifier on that same resampled fold and scores it on the untouched test
fold, so that differences between classifiers are not blurred by sampler
randomness; optionally, in the same task, it scores the rows the sampler
added, so that costly samplers are never fitted twice. The tasks run with
:class:`joblib.Parallel`.
"""

import time
import traceback
import warnings

import numpy as np
import pandas as pd
from imblearn.metrics import geometric_mean_score
from joblib import Parallel, delayed
from sklearn.base import clone
from sklearn.metrics import check_scoring, get_scorer, make_scorer
from sklearn.utils import _safe_indexing
from sklearn.utils.validation import _num_samples

from ..exceptions import SkganWarning
from ._checkpoint import Checkpoint, run_header
from ._classifiers import balanced_classifiers
from ._registry import CLASS_WEIGHT
from ._splits import _splits

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


# --------------------------------------------------------------------- front-ends
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
    checkpoint=None,
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

    checkpoint : str or path-like, default=None
        A results file: every finished (split × sampler) task is appended
        to it (one JSON line, synced to disk) as soon as it ends, and a call
        with the same file skips the tasks it already holds. An interrupted
        run started again with its checkpoint then loses only the tasks
        that were running. A file written for another run (other methods,
        classifiers, metrics, rows or splits) is refused with a
        ``ValueError``; seed ``cv`` (``random_state``) so that the splits
        repeat.

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
    results, _ = _cross_validate(
        X,
        y,
        samplers,
        classifiers,
        cv=cv,
        groups=None,
        scoring=scoring,
        # compare_samplers never knew CLASS_WEIGHT: such a value fails as a sampler would.
        class_weight=False,
        quality_seed=False,
        n_jobs=n_jobs,
        random_state=random_state,
        verbose=verbose,
        checkpoint=checkpoint,
    )
    return results


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
    checkpoint=None,
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
    X, y, classifiers, scoring, n_jobs, verbose, checkpoint
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
    return _cross_validate(
        X,
        y,
        samplers,
        classifiers,
        cv=cv,
        groups=groups,
        scoring=scoring,
        class_weight=True,
        quality_seed=random_state if synthetic_metrics else False,
        n_jobs=n_jobs,
        random_state=random_state,
        verbose=verbose,
        checkpoint=checkpoint,
    )


# --------------------------------------------------------------------- engine
def _cross_validate(
    X,
    y,
    samplers,
    classifiers,
    *,
    cv,
    groups,
    scoring,
    class_weight,
    quality_seed,
    n_jobs,
    random_state,
    verbose,
    checkpoint=None,
):
    """Run every (split × sampler) task; return the tidy scores and the synthetic rows' scores.

    ``class_weight`` says whether the :data:`CLASS_WEIGHT` value means "balanced
    classifiers, no resampling"; ``quality_seed`` is False (no synthetic-row
    scores) or the seed of the detection classifier; ``random_state`` seeds
    the folds when ``cv`` is an int. The other arguments are those of the
    front-ends.
    """
    if not isinstance(samplers, dict) or not samplers:
        raise ValueError("samplers must be a non-empty dict of name to sampler (or None).")
    if not isinstance(classifiers, dict) or not classifiers:
        raise ValueError("classifiers must be a non-empty dict of name to estimator.")
    scorers = _scorers(scoring)
    splits, ids = _splits(X, y, cv, groups, random_state)
    weighted = {}
    if class_weight and any(_is_class_weight(s) for s in samplers.values()):
        weighted = balanced_classifiers(classifiers)

    def method(sampler):
        # (sampler, classifiers) of a task: class weighting trains weighted classifiers as is.
        if class_weight and _is_class_weight(sampler):
            return None, weighted
        return sampler, classifiers

    y = y.to_numpy() if isinstance(y, pd.Series) else np.asarray(y)
    saved = None
    if checkpoint is not None:
        header = run_header(samplers, classifiers, scorers, splits, len(y), quality_seed)
        saved = Checkpoint(checkpoint, header)
    keys = [
        ((name, int(repeat), int(fold)), train, test, sampler)
        for (train, test), (repeat, fold) in zip(splits, ids)
        for name, sampler in samplers.items()
    ]
    done = saved.done if saved else {}
    tasks = [
        delayed(_keyed_task)(
            key,
            X,
            y,
            train,
            test,
            *method(sampler),
            scorers,
            {"sampler": key[0], "repeat": key[1], "fold": key[2]},
            quality_seed,
        )
        for key, train, test, sampler in keys
        if key not in done
    ]
    finished = dict(done)
    # unordered: each task is recorded the moment it ends, whatever runs beside it
    for key, rows, synthetic in Parallel(
        n_jobs=n_jobs, verbose=verbose, return_as="generator_unordered"
    )(tasks):
        finished[key] = (rows, synthetic)
        if saved:
            saved.add(key, rows, synthetic)
    outputs = [finished[key] for key, *_ in keys]
    results = _tidy_results(
        [r for rows, _ in outputs for r in rows], samplers, classifiers, scorers
    )
    return results, _synthetic_frame([s for _, s in outputs if s is not None], samplers)


def _synthetic_frame(records, samplers):
    """The synthetic rows' scores, samplers in the order given, then by split."""
    synthetic = pd.DataFrame(records, columns=SYNTHETIC_COLUMNS)
    rank = {name: i for i, name in enumerate(samplers)}
    return synthetic.sort_values(
        ["sampler", "repeat", "fold"],
        key=lambda col: col.map(rank) if col.name == "sampler" else col,
        ignore_index=True,
    )


def _is_class_weight(sampler):
    return isinstance(sampler, str) and sampler == CLASS_WEIGHT


def _keyed_task(key, *args):
    return (key, *_task(*args))


def _task(X, y, train, test, sampler, classifiers, scorers, ids, quality_seed):
    """Resample one training fold with one sampler; fit and score every classifier on it.

    Returns the score rows and, unless ``quality_seed`` is False or nothing
    was resampled, the scores of the synthetic rows (else None).
    """
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


def _scorers(scoring):
    if isinstance(scoring, str):
        scoring = (scoring,)
    if isinstance(scoring, dict):
        return {name: check_scoring(None, scoring=s) for name, s in scoring.items()}
    out = {}
    for name in scoring:
        out[name] = _EXTRA_SCORERS[name] if name in _EXTRA_SCORERS else get_scorer(name)
    return out


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


def _describe(exc):
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


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
            stacklevel=4,
        )
    return results


def _synthetic_scores(X_train, y_train, X_res, y_res, X_test, y_test, random_state):
    """Realism and privacy of the rows a sampler added, against real rows of their classes.

    The synthetic rows are compared with the training rows of the classes
    they belong to (what the sampler learned from) and, for the distance
    ratio, with the test rows of those classes (new real rows).
    """
    from ..metrics import detection_auc, distance_to_closest_record, exact_copy_rate

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
    scores.update(n_real=_num_samples(real), n_holdout=_num_samples(holdout))
    try:
        scores["exact_copy_rate"] = exact_copy_rate(real, synthetic)
        dcr = distance_to_closest_record(real, synthetic, holdout)
        scores["dcr_ratio"] = float(dcr["median_ratio"])
        scores["detection_auc"] = detection_auc(real, synthetic, random_state=random_state)
    except Exception as exc:  # too few rows, say: the scores stay, the metric is NaN
        scores["error"] = _describe(exc)
    return scores

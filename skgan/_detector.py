"""The one real-vs-synthetic detector: its classifiers, cross-fitting and score.

Three parts of skgan ask the same question — how well does a classifier
tell synthetic rows from real ones? — and answer it here, with the same
classifiers:

* the adversarial rounds (:mod:`skgan._rounds`) fit a :func:`discriminator`
  per round and read its odds as a density ratio;
* the held-out stops (:mod:`skgan._stopping`, the rounds) score a draw
  against held-out real rows with :func:`detection_score`;
* :func:`skgan.metrics.detection_auc` cross-validates :func:`detector` on
  decoded tables.

Two families, because a generator can fool one kind of model and not the
other: histogram gradient boosting (shallow boosted trees) and a random
forest (deep trees on bootstrap samples split differently).
"""

import numpy as np
from scipy.stats import rankdata
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from threadpoolctl import threadpool_limits

FAMILIES = ("gradient_boosting", "random_forest")


def detector(family, seed, n_train, categorical=None, max_iter=100):
    """An unfitted detection classifier of ``family`` for ``n_train`` training rows.

    Parameters
    ----------
    family : {"gradient_boosting", "random_forest"}
    seed : int
    n_train : int
        Rows it will be fitted on: scikit-learn's 20 rows per leaf leave a
        small fold (a minority of a few dozen rows) without a single split,
        and a constant score (AUC 0.5) would read as "indistinguishable"
        when nothing was learned at all, so leaves shrink with the fold.
    categorical : ndarray of bool or None
        Columns holding level codes (gradient boosting takes them natively).
    max_iter : int
        Boosting rounds.
    """
    if family == "random_forest":
        # Five rows per leaf: fully grown trees memorise single rows, and a
        # forest of them scores a held-out near-copy by its twin, not by its class.
        return RandomForestClassifier(n_estimators=100, min_samples_leaf=5, random_state=seed)
    categorical = None if categorical is None or not np.any(categorical) else categorical
    return HistGradientBoostingClassifier(
        max_iter=max_iter,
        max_leaf_nodes=15,
        min_samples_leaf=int(np.clip(n_train // 10, 1, 20)),
        early_stopping=False,
        categorical_features=categorical,
        random_state=seed,
    )


def discriminator(seed):
    """The classifier of an adversarial round, whose odds estimate a density ratio.

    Regularised and early-stopped: odds from a classifier that memorised the
    real rows would pull the output onto them.
    """
    return HistGradientBoostingClassifier(
        max_iter=200,
        max_leaf_nodes=15,
        min_samples_leaf=20,
        l2_regularization=1.0,
        early_stopping=True,
        validation_fraction=0.2,
        n_iter_no_change=10,
        random_state=seed,
    )


def out_of_fold_scores(X, y, splits, family, seed, categorical=None):
    """Each row's score (higher: more like label 1) from a detector not fitted on it."""
    scores = np.full(len(y), np.nan)
    for train, test in splits:
        model = detector(family, seed, len(train), categorical).fit(X[train], y[train])
        scores[test] = model.predict_proba(X[test])[:, 1]
    return scores


def roc_auc(y, score):
    """ROC AUC of binary labels, ties counted half (the Mann-Whitney U statistic).

    NaN when the labels are all equal, as a fold of a user's splitter may be.
    """
    n_positive = int(y.sum())
    n_negative = y.size - n_positive
    if n_positive == 0 or n_negative == 0:
        return float("nan")
    ranks = rankdata(score)
    return float(
        (ranks[y == 1].sum() - n_positive * (n_positive + 1) / 2) / (n_positive * n_negative)
    )


def detection_score(real, synthetic, seed, families=FAMILIES, n_splits=2):
    """Mean cross-fitted ROC AUC of ``families`` telling ``synthetic`` from ``real`` rows.

    Rows are encoded rows (numbers only); folds are drawn at random. 0.5:
    the detectors cannot tell; lower is better for a generator.
    """
    X = np.vstack([real, synthetic]).astype(np.float32)
    y = np.r_[np.zeros(len(real)), np.ones(len(synthetic))]
    fold = np.random.default_rng(seed).permutation(len(X)) % n_splits
    splits = [(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(n_splits)]
    with one_thread():
        aucs = [roc_auc(y, out_of_fold_scores(X, y, splits, f, seed)) for f in families]
    return float(np.mean(aucs))


def one_thread():
    """A context in which gradient boosting runs on one OpenMP thread.

    On the few thousand rows of a fit's internal checks, threads gain nothing
    and lose much when other processes (cross-validation's workers) share the
    cores: spinning OpenMP threads slowed a loaded 2-core machine's fits 30x.
    """
    return threadpool_limits(limits=1, user_api="openmp")

"""Utility: whether a model trained on synthetic rows works on real ones."""

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import check_scoring
from sklearn.utils.validation import check_consistent_length, column_or_1d

from ._encoding import cap_levels, check_tables, encode

_MAX_CATEGORIES = 255


def tstr_score(X_synthetic, y_synthetic, X_test, y_test, *, estimator=None, scoring="f1"):
    """Train on synthetic, test on real: the score of a model fit on synthetic rows.

    Parameters
    ----------
    X_synthetic : DataFrame or array-like of shape (n_synthetic, n_features)
        Synthetic training rows (for an over-sampler, typically the real
        training rows plus the synthetic ones it added).

    y_synthetic : array-like of shape (n_synthetic,)
        Their labels.

    X_test : DataFrame or array-like of shape (n_test, n_features)
        Real rows never seen by the generator, with the same columns.

    y_test : array-like of shape (n_test,)
        Their labels.

    estimator : classifier, default=None
        Cloned, then fit on the synthetic rows. ``None`` uses a
        :class:`~sklearn.ensemble.HistGradientBoostingClassifier` (seeded with
        0) on an encoding it can read: numeric columns as they are, missing
        values included, and categorical columns (object, category, string and
        bool dtypes) as native categories coded jointly over both tables.
        A given estimator receives the aligned tables unchanged, so it must
        encode them itself (for example in a pipeline).

    scoring : str or callable, default="f1"
        A scikit-learn scorer name or a callable ``scorer(estimator, X, y)``.
        The default F1 score needs binary labels with the positive class 1;
        use ``"f1_macro"`` or ``"balanced_accuracy"`` for other labels.

    Returns
    -------
    score : float
        The score on the real test rows; compare it with the score of the
        same model trained on real rows.

    See Also
    --------
    detection_auc : Whether the synthetic rows look real at all.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from skgan.metrics import tstr_score
    >>> X, y = make_classification(n_samples=400, random_state=0)
    >>> score = tstr_score(X[:200], y[:200], X[200:], y[200:], scoring="accuracy")
    >>> bool(score > 0.8)
    True
    """
    (synthetic, test), categorical = check_tables({"X_synthetic": X_synthetic, "X_test": X_test})
    y_synthetic = column_or_1d(y_synthetic, warn=True)
    y_test = column_or_1d(y_test, warn=True)
    check_consistent_length(synthetic, y_synthetic)
    check_consistent_length(test, y_test)
    if estimator is None:
        (s, t), layout = encode([synthetic, test], categorical)
        n_num = len(layout.numeric)
        # Joint codes keep a level's code the same in both tables; the rarest
        # levels are merged past the 255 categories the trees accept.
        codes = cap_levels(np.vstack([s.cat, t.cat]), _MAX_CATEGORIES)
        synthetic = np.hstack([s.num, codes[: len(s.cat)]])
        test = np.hstack([t.num, codes[len(s.cat) :]])
        mask = np.arange(synthetic.shape[1]) >= n_num
        estimator = HistGradientBoostingClassifier(
            categorical_features=mask if mask.any() else None, random_state=0
        )
    model = clone(estimator).fit(synthetic, y_synthetic)
    scorer = check_scoring(model, scoring=scoring)
    return float(scorer(model, test, y_test))

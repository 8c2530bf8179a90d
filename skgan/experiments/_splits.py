"""Cross-validation splits: the one place where a ``cv`` argument becomes splits.

:func:`make_cv` builds the splitter from folds, repeats and whether rows are
grouped (the CLI and the benchmarks); :func:`_splits` resolves any ``cv``
argument of the comparison engine, an int through :func:`make_cv`.
"""

import numpy as np
from sklearn.model_selection import (
    RepeatedStratifiedKFold,
    StratifiedGroupKFold,
    StratifiedKFold,
    check_cv,
)


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
        seeds = np.random.default_rng(self.random_state).integers(2**31, size=self.n_repeats)
        for seed in seeds:
            cv = StratifiedGroupKFold(self.n_splits, shuffle=True, random_state=int(seed))
            yield from cv.split(X, y, groups)


def make_cv(n_splits=5, n_repeats=1, *, grouped=False, random_state=None):
    """The stratified splitter of ``n_splits`` folds, repeated, shuffled and seeded.

    Parameters
    ----------
    n_splits : int, default=5
        Folds per repeat.

    n_repeats : int, default=1
        Repeats, each with another shuffle.

    grouped : bool, default=False
        Keep the rows of a group in one fold (the splitter then needs
        ``groups``).

    random_state : int or None, default=None
        Seeds the shuffles.

    Returns
    -------
    cv : splitter
        :class:`~sklearn.model_selection.StratifiedKFold`,
        :class:`~sklearn.model_selection.RepeatedStratifiedKFold`,
        :class:`~sklearn.model_selection.StratifiedGroupKFold` or
        :class:`RepeatedStratifiedGroupKFold`.

    Examples
    --------
    >>> from skgan.experiments import make_cv
    >>> make_cv(3, random_state=0)
    StratifiedKFold(n_splits=3, random_state=0, shuffle=True)
    >>> type(make_cv(3, 2, grouped=True)).__name__
    'RepeatedStratifiedGroupKFold'
    """
    if grouped and n_repeats > 1:
        return RepeatedStratifiedGroupKFold(n_splits, n_repeats, random_state=random_state)
    if grouped:
        return StratifiedGroupKFold(n_splits, shuffle=True, random_state=random_state)
    if n_repeats > 1:
        return RepeatedStratifiedKFold(
            n_splits=n_splits, n_repeats=n_repeats, random_state=random_state
        )
    return StratifiedKFold(n_splits, shuffle=True, random_state=random_state)


def _splits(X, y, cv, groups, random_state):
    """The (train, test) splits of ``cv`` (an int: :func:`make_cv`) and their (repeat, fold)."""
    if isinstance(cv, int):
        cv = make_cv(cv, grouped=groups is not None, random_state=random_state)
    cv = check_cv(cv, y, classifier=True)
    splits = list(cv.split(X, y, groups))
    # Repeated splitters expose n_repeats; the splits come repeat after repeat.
    per_repeat = max(len(splits) // getattr(cv, "n_repeats", 1), 1)
    return splits, [(i // per_repeat, i % per_repeat) for i in range(len(splits))]

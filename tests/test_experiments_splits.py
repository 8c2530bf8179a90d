"""RepeatedStratifiedGroupKFold and make_cv."""

import numpy as np
import pytest
from sklearn.model_selection import RepeatedStratifiedKFold, StratifiedGroupKFold, StratifiedKFold

from skgan.experiments import RepeatedStratifiedGroupKFold, make_cv


def test_repeated_stratified_group_kfold_and_youtube_groups():
    from skgan.datasets import load_youtube_spam

    bunch = load_youtube_spam()
    groups = bunch.groups.to_numpy()
    # Copies of a comment share a group; their statistics are identical (not their video).
    assert bunch.data.drop(columns="video").groupby(groups).nunique().max().max() == 1
    assert bunch.groups.nunique() < len(groups)
    cv = RepeatedStratifiedGroupKFold(n_splits=3, n_repeats=2, random_state=0)
    splits = list(cv.split(bunch.data, bunch.target, groups))
    assert len(splits) == cv.get_n_splits() == 6
    for train, test in splits:
        assert set(groups[train]).isdisjoint(groups[test])
    assert not np.array_equal(splits[0][1], splits[3][1])  # a new shuffle per repeat
    again = list(cv.split(bunch.data, bunch.target, groups))
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(splits, again))


@pytest.mark.parametrize(
    ("repeats", "grouped", "kind"),
    [
        (1, False, StratifiedKFold),
        (3, False, RepeatedStratifiedKFold),
        (1, True, StratifiedGroupKFold),
        (3, True, RepeatedStratifiedGroupKFold),
    ],
)
def test_make_cv_is_the_one_cv_resolution(repeats, grouped, kind):
    from skgan.experiments._splits import _splits

    cv = make_cv(4, repeats, grouped=grouped, random_state=0)
    assert type(cv) is kind and cv.get_n_splits() == 4 * repeats
    y = np.array([0] * 30 + [1] * 10)
    X, groups = np.zeros((40, 1)), np.arange(40) // 2
    splits, ids = _splits(X, y, cv, groups if grouped else None, None)
    assert len(splits) == 4 * repeats
    assert ids == [(r, f) for r in range(repeats) for f in range(4)]
    # An int is resolved the same way, seeded by random_state.
    again, _ = _splits(X, y, 4, groups if grouped else None, 0)
    if repeats == 1:
        assert all(np.array_equal(a[1], b[1]) for a, b in zip(splits, again))

"""Screens (skgan._screens) one by one, and through GANSampler."""

import numpy as np
import pandas as pd
import pytest

from skgan import GANSampler
from skgan._marginals import MarginalHold
from skgan._rounds import AdversarialRounds
from skgan._screens import (
    Candidates,
    CopyScreen,
    DistanceScreen,
    NearestReference,
    NeighborhoodScreen,
    row_fingerprints,
)
from skgan.exceptions import PrivacyWarning

from .conftest import FAST_PARAMS, make_mixed_frame


def _candidates(encoded, frame=None):
    return Candidates(np.asarray(encoded, dtype=np.float32), lambda e: frame)


def test_row_fingerprints_identify_equal_values_across_dtypes():
    a = pd.DataFrame({"n": [3, 0, 1], "c": pd.Series(["en", "es", None], dtype="category")})
    b = pd.DataFrame({"n": [3.0, -0.0, np.nan], "c": ["en", "es", None]})
    fa, fb = row_fingerprints(a), row_fingerprints(b)
    assert fa[0] == fb[0] and fa[1] == fb[1]  # 3 == 3.0, 0 == -0.0, category == object
    assert fa[2] != fb[2]  # 1 != NaN
    missing = pd.DataFrame({"n": [np.nan, np.nan], "c": [None, np.nan]})
    f = row_fingerprints(missing)
    assert f[0] == f[1]  # every missing value equals every other


def test_copy_screen_rejects_exact_copies_only():
    train = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    screen = CopyScreen().fit(train, None, None, None)
    candidates = pd.DataFrame({"a": [2.0, 2.0, 4.0], "b": ["y", "x", "z"]})
    mask = screen.keep(_candidates(np.zeros((3, 1)), candidates), 0)
    assert mask.tolist() == [False, True, True]


def test_distance_screen_threshold_and_rejection():
    rng = np.random.default_rng(0)
    encoded = rng.normal(size=(300, 3)).astype(np.float32)
    screen = DistanceScreen().fit(None, encoded, None, np.random.default_rng(0))
    assert screen.threshold_ > 0
    near = encoded[:5] + 1e-4
    far = np.full((2, 3), 50.0)
    mask = screen.keep(_candidates(np.vstack([near, far])), 0)
    assert mask.tolist() == [False] * 5 + [True] * 2


def _mixed_encoded(n, rng, n_continuous=4, levels=(2, 3, 20)):
    """Rows laid out as the encoder's: normal scores, then one-hot segments."""
    blocks = [rng.normal(size=(n, n_continuous))]
    for n_levels in levels:
        blocks.append(np.eye(n_levels)[rng.integers(0, n_levels, n)])
    return np.hstack(blocks).astype(np.float32)


@pytest.mark.parametrize("kind", ["mixed", "continuous", "one-hot", "not-binary"])
def test_nearest_reference_finds_the_exact_neighbours(kind):
    from sklearn.neighbors import NearestNeighbors

    rng = np.random.default_rng(0)
    points = _mixed_encoded(300, rng)
    queries = _mixed_encoded(500, rng)
    if kind == "continuous":
        points, queries = points[:, :4], queries[:, :4]
    elif kind == "one-hot":
        points, queries = points[:, 4:], queries[:, 4:]
    elif kind == "not-binary":  # 0/1 columns in the reference, other values in a query
        queries[::7, -1] = 0.5
    queries[:20] = points[:20]  # distance 0
    points = np.unique(points, axis=0)
    search = NearestReference(points, block=128)
    distances, index = search.kneighbors(queries, 5)
    expected_d, expected_i = NearestNeighbors(n_neighbors=5).fit(points).kneighbors(queries)
    np.testing.assert_allclose(distances, expected_d, atol=1e-5)
    # same neighbours, except where two references are equally near
    tie = np.isclose(expected_d[:, None, :], expected_d[:, :, None]).sum(axis=(1, 2)) > 5
    assert (np.sort(index, axis=1) == np.sort(expected_i, axis=1))[~tie].all()
    assert np.all(np.diff(distances, axis=1) >= 0)  # nearest first


def test_nearest_reference_with_fewer_references_than_its_short_list():
    points = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [3.0, 1.0, 0.0]], dtype=np.float32)
    distances, index = NearestReference(points).kneighbors(np.zeros((2, 3)), 2)
    assert index.tolist() == [[0, 1], [0, 1]]
    np.testing.assert_allclose(distances[0], [1.0, np.sqrt(2.0)])


def _two_blobs(n0=400, n1=40, seed=0):
    rng = np.random.default_rng(seed)
    encoded = np.vstack([rng.normal(0, 1, (n0, 2)), rng.normal(6, 1, (n1, 2))])
    return encoded.astype(np.float32), np.r_[np.zeros(n0, int), np.ones(n1, int)]


def test_neighborhood_screen_rejects_rows_in_the_other_class_region():
    encoded, y = _two_blobs()
    screen = NeighborhoodScreen(k_neighbors=5, draws_per_row=1)
    screen.fit(None, encoded, y, np.random.default_rng(0))
    inside, outside = np.full((1, 2), 6.0), np.zeros((1, 2))
    assert screen.keep(_candidates(np.vstack([inside, outside])), 1).tolist() == [True, False]


def test_neighborhood_screen_keeps_the_best_share_of_the_draw():
    encoded, y = _two_blobs()
    screen = NeighborhoodScreen(k_neighbors=5, draws_per_row=3)
    screen.fit(None, encoded, y, np.random.default_rng(0))
    # 9 candidates between the blobs: the 3 closest to the minority's core are kept
    line = np.linspace(2.5, 6.0, 9)[:, None].repeat(2, axis=1)
    mask = screen.keep(_candidates(line), 1)
    assert mask.sum() <= 3 and mask[-3:].all()


def test_neighborhood_screen_ignores_isolated_mislabelled_rows():
    encoded, y = _two_blobs()
    encoded = np.vstack([encoded, [[0.0, 0.0]]]).astype(np.float32)  # a "minority" row
    y = np.r_[y, 1]  # deep in the majority: a flipped label
    screen = NeighborhoodScreen(k_neighbors=5, draws_per_row=1)
    screen.fit(None, encoded, y, np.random.default_rng(0))
    assert not screen.keep(_candidates([[0.0, 0.01]]), 1).any()
    # without the trust rule that row would have vouched for the candidate
    share, _ = screen.scores(np.array([[0.0, 0.01]], np.float32), 1)
    assert share[0] == 0


def test_neighborhood_screen_reference_is_bounded():
    encoded, y = _two_blobs(n0=5000, n1=50)
    screen = NeighborhoodScreen(max_reference=300)
    screen.fit(None, encoded, y, np.random.default_rng(0))
    assert screen.votes_.shape == (350, 2)
    # each kept majority row stands for 5000 / 300 training rows
    assert np.isclose(screen.votes_[:, 0].sum(), 5000)
    assert np.isclose(screen.votes_[:, 1].sum(), 50)


def test_neighborhood_screen_counts_identical_rows_by_class():
    # two distinct points, each shared by both classes 2:1 and 1:2
    encoded = np.repeat([[0.0], [1.0]], 30, axis=0).astype(np.float32)
    y = np.r_[np.zeros(20, int), np.ones(10, int), np.zeros(10, int), np.ones(20, int)]
    screen = NeighborhoodScreen(k_neighbors=5, draws_per_row=1)
    screen.fit(None, encoded, y, np.random.default_rng(0))
    share, _ = screen.scores(np.array([[0.0], [1.0]], np.float32), 1)
    # k is capped at the number of distinct points; both points vote with their counts
    assert np.allclose(share, [0.5, 0.5])


def test_sampler_rows_stay_in_their_class_region():
    from sklearn.neighbors import NearestNeighbors

    X, y = make_mixed_frame(n=600, minority=0.2, seed=3)
    own = {}
    for k in (5, None):
        sampler = GANSampler(**FAST_PARAMS, n_neighbors=k).fit(X, y)
        rows = sampler.sample(400, y=1)
        t = sampler.transformer_
        nn = NearestNeighbors(n_neighbors=5).fit(t.transform(X))
        idx = nn.kneighbors(t.transform(rows), return_distance=False)
        own[k] = (y.to_numpy()[idx] == 1).mean()
    assert own[5] > own[None]


def test_sampler_states_what_its_screens_keep(mixed_data):
    sampler = GANSampler(**FAST_PARAMS, reject_copies="near").fit(*mixed_data)
    kinds = [type(s) for s in sampler.screens_]
    assert kinds == [
        NeighborhoodScreen,
        AdversarialRounds,
        MarginalHold,
        CopyScreen,
        DistanceScreen,
    ]
    # the marginal hold keeps the class quantiles that marginals_ holds anyway
    assert [s.keeps_training_rows for s in sampler.screens_] == [True, True, False, True, True]
    off = GANSampler(**FAST_PARAMS, n_neighbors=None, reject_copies=False, n_rounds=0).fit(
        *mixed_data
    )
    assert [type(s) for s in off.screens_] == [MarginalHold]


def test_reject_near_keeps_rows_away_from_training_rows(mixed_data):
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS, reject_copies="near").fit(X, y)
    guard = next(s for s in sampler.screens_ if isinstance(s, DistanceScreen))
    rows = sampler.sample(300, y=1)
    distances, _ = guard.index_.kneighbors(sampler.transformer_.transform(rows), 1)
    assert np.all(distances >= guard.threshold_ - 1e-4)
    unguarded = GANSampler(**FAST_PARAMS).fit(X, y).sample(300, y=1)
    near, _ = guard.index_.kneighbors(sampler.transformer_.transform(unguarded), 1)
    assert np.any(near < guard.threshold_)  # without the guard some rows come that close


def test_reject_near_is_refused_with_epsilon():
    X, y = make_mixed_frame(n=200)
    with pytest.raises(ValueError, match='reject_copies="near" cannot be combined'):
        GANSampler(**FAST_PARAMS, reject_copies="near", epsilon=1.0).fit(X, y)


def test_screening_that_cannot_succeed_warns_with_the_acceptance_rate():
    # one distinct row per class: every synthetic row is a copy
    X = pd.DataFrame({"a": ["x"] * 30 + ["y"] * 10})
    y = np.r_[np.zeros(30, int), np.ones(10, int)]
    sampler = GANSampler(**FAST_PARAMS, n_neighbors=None)
    with pytest.warns(PrivacyWarning, match=r"passed the screens \(0\.0% of"):
        X_res, y_res = sampler.fit_resample(X, y)
    assert len(X_res) == 60  # the requested count holds

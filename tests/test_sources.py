"""Candidate sources without training (skgan._sources): rows stay within their class."""

import numpy as np
import pandas as pd
import pytest
import torch

from skgan import GANSampler
from skgan._sources import SOURCES, InterpolationSource, MarginalSource
from skgan.exceptions import SkganWarning

from .conftest import make_mixed_frame


def _table(seed=0):
    """Class 0 around 0; class 1 in [10, 20] with 40% of 'a' missing, its own levels."""
    rng = np.random.default_rng(seed)
    n0, n1 = 300, 100
    a1 = rng.uniform(10, 20, n1)
    a1[rng.random(n1) < 0.4] = np.nan
    X = pd.DataFrame(
        {
            "a": np.r_[rng.normal(0, 1, n0), a1],
            "count": np.r_[rng.integers(0, 5, n0), rng.integers(50, 60, n1)],
            "kind": pd.Categorical(np.r_[rng.choice(["x", "y"], n0), rng.choice(["z", "w"], n1)]),
            "flag": np.r_[np.zeros(n0, bool), rng.random(n1) < 0.5],
        }
    )
    y = np.r_[np.zeros(n0, int), np.ones(n1, int)]
    return X, y


@pytest.fixture(scope="module")
def fitted():
    X, y = _table()
    sampler = GANSampler(n_steps=0, n_neighbors=None, random_state=0).fit(X, y)
    return sampler._model(), X, y


def _draw(source, n, class_idx, seed=0):
    encoded = source.encoded_rows(n, class_idx, torch.Generator().manual_seed(seed))
    return encoded, source.decode(encoded, np.random.default_rng(seed))


@pytest.mark.parametrize("name", ["marginals", "interpolation"])
@pytest.mark.parametrize("class_idx", [0, 1])
def test_rows_stay_in_the_observed_range_of_their_class(fitted, name, class_idx):
    model, X, y = fitted
    source = SOURCES[name](model, X, y)
    _, rows = _draw(source, 3000, class_idx)
    real = X[y == class_idx]
    assert list(rows.dtypes) == list(X.dtypes) and len(rows) == 3000
    for column in ("a", "count"):
        observed, low, high = rows[column].dropna(), real[column].min(), real[column].max()
        slack = 1e-4 * (high - low)  # the scores in between are float32
        assert low - slack <= observed.min() and observed.max() <= high + slack
    assert set(rows["kind"]) <= set(real["kind"]) and set(rows["flag"]) <= set(real["flag"])
    # integer columns decode to whole numbers the class holds
    assert set(rows["count"]) <= set(real["count"])


@pytest.mark.parametrize("name", ["marginals", "interpolation"])
def test_missingness_is_kept_with_its_value(fitted, name):
    # A missing row's value is a placeholder score (0: the median of all rows, in
    # class 0's range): taken without its missingness it would show as a value
    # near 0, far outside class 1's [10, 20].
    model, X, y = fitted
    source = SOURCES[name](model, X, y)
    _, rows = _draw(source, 4000, 1)
    real = X.loc[y == 1, "a"]
    assert rows["a"].isna().mean() == pytest.approx(real.isna().mean(), abs=0.06)
    assert rows["a"].dropna().between(real.min() - 0.01, real.max() + 0.01).all()
    # ... and class 0, which has no missing value, gets none
    _, rows = _draw(source, 2000, 0)
    assert not rows["a"].isna().any()


def test_interpolation_from_a_missing_value_stays_at_the_known_end():
    # class 1: six values spread out and four missing rows, so that every row has
    # neighbours of the other kind; a candidate between the two takes the observed
    # value, never a point towards the missing row's placeholder (near class 0's 0)
    rng = np.random.default_rng(1)
    a = np.r_[rng.normal(0, 1, 300), np.arange(10.0, 21.0, 2.0), np.full(4, np.nan)]
    X = pd.DataFrame({"a": a})
    y = np.r_[np.zeros(300, int), np.ones(10, int)]
    model = GANSampler(n_steps=0, n_neighbors=None, random_state=0).fit(X, y)._model()
    rows = _draw(InterpolationSource(model, X, y), 4000, 1)[1]
    assert rows["a"].dropna().between(10 - 0.01, 20 + 0.01).all()
    assert 0.2 < rows["a"].isna().mean() < 0.8


def test_marginals_draw_every_column_from_the_class_independently(fitted):
    model, X, y = fitted
    rows = _draw(MarginalSource(model, X, y), 4000, 1)[1].astype({"kind": str})
    real = X[y == 1].astype({"kind": str})
    for level, share in real["kind"].value_counts(normalize=True).items():
        assert (rows["kind"] == level).mean() == pytest.approx(share, abs=0.03)
    # the joint of 'kind' and 'flag' is a product of their marginals
    joint = pd.crosstab(rows["kind"], rows["flag"], normalize=True).to_numpy()
    product = np.outer(
        *(rows[c].value_counts(normalize=True).sort_index() for c in ("kind", "flag"))
    )
    np.testing.assert_allclose(joint, product, atol=0.03)


def test_interpolation_stays_between_neighbours_of_the_class():
    # class 1: two tight clusters, with class 0 between them (neighbours are found in
    # the encoder's rank space, where only rows between them separate the clusters)
    rng = np.random.default_rng(0)
    a = np.r_[rng.uniform(12, 18, 200), rng.normal(10, 0.1, 30), rng.normal(20, 0.1, 30)]
    X = pd.DataFrame({"a": a})
    y = np.r_[np.zeros(200, int), np.ones(60, int)]
    model = GANSampler(n_steps=0, n_neighbors=None, random_state=0).fit(X, y)._model()
    rows = _draw(InterpolationSource(model, X, y, k_neighbors=3), 3000, 1)[1]
    assert not rows["a"].between(11, 19).any()  # never towards the other cluster
    assert (rows["a"] < 11).mean() == pytest.approx(0.5, abs=0.05)
    assert len(np.unique(rows["a"].round(6))) > 1000  # new points, not copies


def test_interpolation_of_a_single_row_is_that_row():
    X = pd.DataFrame({"a": np.r_[np.arange(50.0), 99.0], "kind": ["x"] * 50 + ["y"]})
    y = np.r_[np.zeros(50, int), 1]
    with pytest.warns(SkganWarning, match="only 1 row"):
        model = GANSampler(n_steps=0, n_neighbors=None, random_state=0).fit(X, y)._model()
    rows = _draw(InterpolationSource(model, X, y), 20, 1)[1]
    assert (rows["kind"] == "y").all()
    np.testing.assert_allclose(rows["a"], 99.0)


@pytest.mark.parametrize("name", ["marginals", "interpolation"])
def test_same_generator_same_candidates_and_an_empty_frame(fitted, name):
    model, X, y = fitted
    source = SOURCES[name](model, X, y)
    np.testing.assert_array_equal(_draw(source, 50, 1, seed=3)[0], _draw(source, 50, 1, seed=3)[0])
    empty = source.empty()
    assert len(empty) == 0 and list(empty.columns) == list(X.columns)
    assert list(empty.dtypes) == list(X.dtypes)


def test_candidates_is_the_public_way_to_put_other_rows_through_the_stages():
    from skgan._rounds import AdversarialRounds
    from skgan.experiments import ScreenedSampler

    X, y = make_mixed_frame(n=400)
    for name in ("marginals", "interpolation"):
        sampler = GANSampler(candidates=name, random_state=0)
        X_res, y_res = sampler.fit_resample(X, y)
        assert sampler.n_steps_ == 0  # nothing to train
        assert isinstance(sampler.candidates_, SOURCES[name])
        assert AdversarialRounds in [type(s) for s in sampler.screens_]
        # ScreenedSampler is the same sampler under its own name
        same = ScreenedSampler(candidates=name, random_state=0).fit_resample(X, y)
        pd.testing.assert_frame_equal(X_res, same[0])
        # sample() after fit draws from the same source
        more = sampler.sample(50, y=1)
        assert len(more) == 50 and list(more.columns) == list(X.columns)
    calls = []

    def mine(model, frame, y_idx):  # a user's own source: the class's rows, shuffled
        calls.append(len(frame))
        return MarginalSource(model, frame, y_idx)

    X_res, y_res = GANSampler(candidates=mine, random_state=0).fit_resample(X, y)
    assert calls == [len(X)] and (y_res == 1).sum() == (y_res == 0).sum()


def test_only_the_generator_can_be_saved_or_used_with_epsilon(tmp_path):
    X, y = make_mixed_frame(n=300)
    sampler = GANSampler(candidates="marginals", random_state=0).fit(X, y)
    with pytest.raises(ValueError, match='Only candidates="generator" can be saved'):
        sampler.save(tmp_path / "s.pt")
    assert not (tmp_path / "s.pt").exists()
    with pytest.raises(ValueError, match="cannot be combined with epsilon"):
        GANSampler(candidates="interpolation", epsilon=1.0).fit(X, y)

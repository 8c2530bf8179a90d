"""The constructor's size, and the deprecation path of k_neighbors (renamed n_neighbors)."""

import inspect
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import ParameterGrid
from sklearn.utils._param_validation import InvalidParameterError
from sklearn.utils.estimator_checks import (
    check_dont_overwrite_parameters,
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
)

from skgan import GANSampler
from skgan.experiments import ScreenedSampler

from .conftest import FAST_PARAMS

DEPRECATED = {"k_neighbors"}
RENAMED = "k_neighbors was renamed n_neighbors in 0.4 and will be removed in 0.6"


def _parameters(cls):
    return [p for p in inspect.signature(cls.__init__).parameters.values() if p.name != "self"]


def test_the_constructor_has_at_most_16_parameters_besides_deprecated_ones():
    params = _parameters(GANSampler)
    current = [p.name for p in params if p.name not in DEPRECATED]
    assert len(current) <= 16, current
    # keyword-only, each validated, each a plain attribute (scikit-learn style)
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params)
    assert set(GANSampler._parameter_constraints) == {p.name for p in params}
    assert set(GANSampler().get_params()) == {p.name for p in params}
    removed = {
        "noise_dim",
        "generator_lr",
        "discriminator_lr",
        "ema_decay",
        "discriminator_steps",
        "pac",
        "max_grad_norm",
        "dcr_guard",
        "n_iter_no_change",
        "delta",
    }
    assert not removed & set(current)
    for name in removed:  # a removed parameter is refused, not ignored
        with pytest.raises(TypeError, match=name):
            GANSampler(**{name: 1})


def test_every_parameter_is_grid_searchable():
    grid = ParameterGrid(
        {
            "learning_rate": [1e-4, 2e-4],
            "reject_copies": ["auto", "near"],
            "candidates": ["generator", "interpolation"],
        }
    )
    for params in grid:
        assert clone(GANSampler()).set_params(**params).get_params()["learning_rate"] > 0


@pytest.fixture
def small():
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"a": rng.normal(size=120), "b": rng.choice(["x", "y"], size=120)})
    y = np.r_[np.zeros(90, int), np.ones(30, int)]
    return X, y


@pytest.mark.parametrize("value", [3, None])
def test_k_neighbors_warns_and_its_value_is_used(small, value):
    X, y = small
    sampler = GANSampler(**{**FAST_PARAMS, "n_steps": 0}, k_neighbors=value)
    assert sampler.get_params()["k_neighbors"] == value  # nothing done in __init__
    with pytest.warns(FutureWarning, match=RENAMED):
        sampler.fit(X, y)
    renamed = GANSampler(**{**FAST_PARAMS, "n_steps": 0}, n_neighbors=value).fit(X, y)
    screens = [type(s).__name__ for s in sampler.screens_]
    assert screens == [type(s).__name__ for s in renamed.screens_]
    if value is not None:
        assert screens[0] == "NeighborhoodScreen" and sampler.screens_[0].k_neighbors == value
    else:
        assert "NeighborhoodScreen" not in screens
    pd.testing.assert_frame_equal(sampler.sample(20, y=1), renamed.sample(20, y=1))


def test_the_default_does_not_warn(small):
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        GANSampler(**{**FAST_PARAMS, "n_steps": 0}).fit(*small)
        ScreenedSampler(random_state=0).fit(*small)


def test_k_neighbors_survives_clone_and_get_params():
    sampler = GANSampler(k_neighbors=7)
    copy = clone(sampler)
    assert copy.get_params()["k_neighbors"] == 7
    assert copy.get_params()["n_neighbors"] == 5
    assert clone(GANSampler()).get_params()["k_neighbors"] == "deprecated"
    assert GANSampler().set_params(k_neighbors=2).k_neighbors == 2


def test_screened_sampler_has_no_alias_and_gansamplers_rules(small):
    # new in 0.4: no k_neighbors to deprecate, and the shared parameters follow GANSampler
    assert "k_neighbors" not in ScreenedSampler().get_params()
    with pytest.raises(TypeError, match="k_neighbors"):
        ScreenedSampler(k_neighbors=3)
    for key in ("random_state", "categorical_features", "n_neighbors", "sampling_strategy"):
        assert (
            ScreenedSampler._parameter_constraints[key] is GANSampler._parameter_constraints[key]
        )
    with pytest.raises(InvalidParameterError, match="n_neighbors"):
        ScreenedSampler(n_neighbors=0).fit(*small)


@pytest.mark.parametrize(
    "check",
    [
        check_parameters_default_constructible,
        check_no_attributes_set_in_init,
        check_get_params_invariance,
        check_set_params,
        check_dont_overwrite_parameters,
    ],
)
@pytest.mark.parametrize(
    "estimator",
    [GANSampler(**FAST_PARAMS, k_neighbors=3)],
    ids=lambda e: type(e).__name__,
)
def test_estimator_checks_are_unaffected_by_the_deprecated_alias(estimator, check):
    # the checks that fit see the FutureWarning, as users do; it is the only difference
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=RENAMED, category=FutureWarning)
        check(type(estimator).__name__, estimator)

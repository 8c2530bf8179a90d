"""The steps of a fit (skgan._fitting): budget, device, encoding, networks, screens, checks."""

import warnings

import numpy as np
import pytest
import torch

from skgan import GANSampler
from skgan._fitting import (
    _FEW_ROWS,
    auto_budget,
    build_training,
    check_diversity,
    encode_training,
    fit_screens,
    plan_fit,
    resolve_device,
)
from skgan._generation import Model
from skgan._screens import CopyScreen, DistanceScreen, NeighborhoodScreen
from skgan.exceptions import SkganWarning

from .conftest import FAST_PARAMS

# --- auto_budget ---------------------------------------------------------------------------


def test_auto_budget_grows_with_the_table():
    small, large = auto_budget(300), auto_budget(10**6)
    assert small == (200, 100) and large == (500, 500)
    assert auto_budget(10_000)[0] == 200 < auto_budget(40_000)[0] < 500


def test_auto_budget_is_bounded_and_monotone():
    sizes = np.unique(np.geomspace(1, 10**8, 400).astype(int))
    budgets = np.array([auto_budget(int(n)) for n in sizes])
    steps, batch = budgets[:, 0], budgets[:, 1]
    assert steps.min() == 200 and steps.max() == 500
    assert batch.min() == 100 and batch.max() == 500
    assert (np.diff(steps) >= 0).all() and (np.diff(batch) >= 0).all()
    # the batch is a quarter of the rows between its bounds, the steps 2 sqrt(rows)
    assert auto_budget(1000) == (200, 250) and auto_budget(40_000) == (400, 500)
    assert all(isinstance(v, int) for v in auto_budget(12_345))


# --- resolve_device ------------------------------------------------------------------------


@pytest.mark.parametrize("available, expected", [(False, "cpu"), (True, "cuda")])
def test_auto_device_is_cuda_when_available(monkeypatch, available, expected):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: available)
    assert resolve_device("auto") == torch.device(expected)


@pytest.mark.parametrize("device", ["tpu", "gpu", "cuda:x"])
def test_unknown_device_names_it(device):
    with pytest.raises(ValueError, match=rf"device='{device}' is not a torch device.*'cuda:N'"):
        resolve_device(device)


@pytest.mark.parametrize("device", ["cuda", "cuda:1", torch.device("cuda", 0)])
def test_cuda_without_cuda_falls_back_to_the_cpu_with_a_warning(monkeypatch, device):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.warns(SkganWarning, match=r"device='cuda.*' was requested but CUDA is not"):
        assert resolve_device(device) == torch.device("cpu")


def test_cpu_device_is_kept_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert resolve_device("cpu") == torch.device("cpu")
        assert resolve_device(torch.device("cpu")) == torch.device("cpu")


# --- check_diversity -----------------------------------------------------------------------


class _FixedModel:
    """A candidate source: constant rows for the classes in ``constant``, else real rows."""

    def __init__(self, encoded, y_idx, constant=()):
        self.encoded, self.y_idx, self.constant = encoded, y_idx, set(constant)

    def encoded_rows(self, n, class_idx, rng):
        rows = self.encoded[self.y_idx == class_idx]
        if class_idx in self.constant:
            return np.repeat(rows[:1], n, axis=0)
        return rows[torch.randint(len(rows), (n,), generator=rng).numpy()]


def _encoded(counts, seed=0):
    rng = np.random.default_rng(seed)
    y_idx = np.repeat(np.arange(len(counts)), counts)
    return rng.normal(size=(len(y_idx), 4)).astype(np.float32), y_idx


def test_check_diversity_flags_a_collapsed_class_only():
    encoded, y_idx = _encoded([300, 80])
    classes = np.array(["human", "bot"])
    ratios, collapsed = check_diversity(
        _FixedModel(encoded, y_idx, {1}), encoded, y_idx, classes, 0
    )
    assert set(ratios) == {"human", "bot"}
    assert ratios["human"] == pytest.approx(1.0, abs=0.1)
    assert ratios["bot"] == pytest.approx(0.0, abs=1e-4)
    assert collapsed == "'bot': 0.00"
    ratios, collapsed = check_diversity(_FixedModel(encoded, y_idx), encoded, y_idx, classes, 0)
    assert collapsed == "" and min(ratios.values()) > 0.9


def test_check_diversity_skips_few_rows_and_constant_classes():
    encoded, y_idx = _encoded([200, _FEW_ROWS - 1, 30])
    encoded[y_idx == 2] = 1.5  # every row of class 2 the same: nothing to compare with
    model = _FixedModel(encoded, y_idx, {1, 2})
    ratios, collapsed = check_diversity(model, encoded, y_idx, np.array([0, 1, 2]), 0)
    assert set(ratios) == {0, 2}  # too few rows of class 1 to judge
    assert ratios[2] == 1.0 and collapsed == ""


# --- encode_training, build_training, fit_screens ------------------------------------------


def _plan(frame, categorical, **params):
    params = GANSampler(**{**FAST_PARAMS, "n_steps": 0, **params}).get_params()
    return plan_fit(params, frame, np.array([100, 100]), categorical)


def test_plan_resolves_every_auto_once(mixed_data):
    X, _ = mixed_data
    plan = _plan(X, [])
    assert (plan.n_steps, plan.batch_size, plan.device.type) == (0, 100, "cpu")
    assert plan.early_stopping is False  # nothing to train: nothing to stop
    assert (plan.n_rounds, plan.reject_copies, plan.n_neighbors) == ("auto", True, 5)
    plan = _plan(X, [], n_steps="auto", batch_size="auto", n_rounds=2, reject_copies="near")
    assert plan.n_steps == 0 and plan.early_stopping is False  # the rounds are the training
    assert (plan.n_rounds, plan.reject_copies) == (2, "near")
    plan = _plan(X, [], n_steps="auto", batch_size="auto", n_rounds=0)
    assert plan.early_stopping is True and plan.n_steps == auto_budget(len(X))[0]
    off = _plan(X, [], early_stopping=False, n_neighbors=None, reject_copies=False)
    assert (off.early_stopping, off.n_neighbors, off.reject_copies) == (False, None, False)


@pytest.fixture
def encoded_parts(mixed_data):
    X, y = mixed_data
    plan = _plan(X, ["verified", "lang", "source"], batch_size=100)
    y_idx = y.to_numpy()
    return plan, encode_training(plan, X, y_idx, 2), X, y_idx


def test_encode_training_fits_encoder_conditions_and_class_copulas(encoded_parts):
    plan, parts, X, y_idx = encoded_parts
    t = parts.transformer
    np.testing.assert_array_equal(parts.encoded_rows()[:].numpy(), t.transform(X))
    assert parts.conditions.n_classes == 2
    assert parts.conditions.n_discrete == t.n_discrete_
    # the per-class level counts the generator's logits start from
    for spec in t.categorical_:
        start = t.segment_offsets_[spec.segment]
        counts = parts.conditions.level_counts[1, start : start + len(spec.levels)]
        assert counts.sum() == (y_idx == 1).sum()
    c = t.n_continuous_
    assert parts.copulas.shape == (2, c, c)
    # observed training scores are standard normal within each class (per-class marginals)
    scores, observed = parts.data.continuous.numpy(), t.observed(parts.codes)
    for k in (0, 1):
        for j in range(c):
            values = scores[(y_idx == k) & observed[:, j], j]
            quartiles = np.percentile(values, [25, 50, 75])
            np.testing.assert_allclose(quartiles, [-0.674, 0.0, 0.674], atol=0.05)


def test_build_training_starts_the_generator_at_the_copulas(encoded_parts):
    plan, parts, X, y_idx = encoded_parts
    run = build_training(plan, parts, y_idx)
    g = run.generator
    assert (g.head.weight == 0).all() and (g.head.bias == 0).all()
    torch.testing.assert_close(g.class_mix, torch.as_tensor(parts.copulas, dtype=torch.float32))
    assert run.batch_size % 10 == 0 and run.discriminator.pac == 10  # _PAC
    assert run.noise_dim >= parts.transformer.n_continuous_
    # a copula generator is as diverse as the data: the check does not flag it
    model = Model(g.eval(), parts.transformer, parts.conditions.to("cpu"), parts.marginals)
    ratios, collapsed = check_diversity(model, parts.encoded_rows(), y_idx, np.array([0, 1]), 0)
    assert collapsed == "" and min(ratios.values()) > 0.5


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, [NeighborhoodScreen, CopyScreen]),
        ({"n_neighbors": None}, [CopyScreen]),
        ({"reject_copies": False}, [NeighborhoodScreen]),
        (
            {"reject_copies": "near", "n_neighbors": 3},
            [NeighborhoodScreen, CopyScreen, DistanceScreen],
        ),
    ],
)
def test_fit_screens_follow_the_parameters_in_order(encoded_parts, params, expected):
    _, parts, X, y_idx = encoded_parts
    plan = _plan(X, ["verified", "lang", "source"], **params)
    choosing, privacy = fit_screens(plan, X, parts.encoded_rows(), y_idx)
    screens = choosing + privacy
    assert [type(s) for s in screens] == expected
    assert all(s.privacy for s in privacy) and not any(s.privacy for s in choosing)
    if params.get("n_neighbors"):
        assert screens[0].k_neighbors == params["n_neighbors"]

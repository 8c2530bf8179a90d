"""Shared fixtures: tiny training budgets, small mixed-type frames, the shared data folder."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

# Tiny test networks gain nothing from threads, and on a 2-core machine shared
# with other processes, oversubscribed torch threads slow everything down.
torch.set_num_threads(1)

# Small networks and few steps: enough to exercise every code path in seconds.
FAST_PARAMS = dict(
    n_steps=30,
    batch_size=100,
    generator_dim=(32, 32),
    discriminator_dim=(32, 32),
    random_state=0,
)

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", help="run tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _one_thread():
    """One BLAS/OpenMP thread per test: oversubscribed threads on 2 shared cores
    made HistGradientBoosting 200x slower here."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        yield


@pytest.fixture
def fast_params():
    return dict(FAST_PARAMS)


@pytest.fixture
def shared_data():
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared datasets not found at {SHARED_DATA} (only on the dev machines)")
    return SHARED_DATA


def make_mixed_frame(n=400, minority=0.15, seed=0):
    """A table with every column kind skgan handles, and a binary label."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < minority).astype(np.int64)
    frame = pd.DataFrame(
        {
            "followers": rng.lognormal(3 + 2 * y, 1.5).round().astype(np.int64),
            "ratio": rng.beta(2, 5 - 3 * y),
            "score": np.where(rng.random(n) < 0.5, rng.normal(-2, 0.5, n), rng.normal(2, 0.5, n)),
            "verified": rng.random(n) < 0.2 + 0.5 * y,
            "lang": pd.Series(
                rng.choice(["en", "es", "fr", "de"], n, p=[0.6, 0.2, 0.15, 0.05])
            ).astype("category"),
            "source": rng.choice(["web", "app", "api"], n).astype(object),
        }
    )
    missing = rng.random(n) < 0.1 + 0.3 * y
    frame.loc[missing, "ratio"] = np.nan
    return frame, pd.Series(y, name="bot")


@pytest.fixture
def mixed_data():
    return make_mixed_frame()


def make_conditions():
    """A condition sampler of 3 classes and one segment of 3 levels, with its rows.

    Class 0 has 80 rows of level 0 and 10 of level 1, class 1 20 and 10, and
    class 2 is rare: 3 rows, all of level 2.
    """
    from skgan._conditions import ConditionSampler

    y = np.r_[np.zeros(90, int), np.ones(30, int), np.full(3, 2)]
    levels = np.r_[
        np.zeros(80, int), np.ones(10, int), np.zeros(20, int), np.ones(10, int), np.full(3, 2)
    ]
    return ConditionSampler(levels[:, None], y, 3, 3), y, levels


# --- frames for the metrics tests (tests/test_metrics_*.py) ---


def draw(n, seed):
    """An independent draw of the mixed-type test distribution (no label)."""
    return make_mixed_frame(n=n, seed=seed)[0]


@pytest.fixture(scope="module")
def mixed():
    """300 rows of the mixed-type test distribution, without a label."""
    return draw(300, 0)


def numeric_frame(n, seed, shift=0.0, scale=1.0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "a": rng.normal(shift, scale, n),
            "b": rng.lognormal(1 + shift, scale, n),
            "c": rng.poisson(3 + shift, n),
        }
    )


def categorical_frame(n, seed, p=(0.6, 0.3, 0.1)):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "lang": rng.choice(["en", "es", "fr"], n, p=p),
            "verified": rng.random(n) < p[0],
            "source": pd.Categorical(rng.choice(["web", "app"], n, p=p[:2] / np.sum(p[:2]))),
        }
    )

"""Plain values for the save file (skgan._plain): what torch's safe loader accepts."""

import numpy as np
import pandas as pd
import pytest
import torch

from skgan._plain import dtype_from_plain, dtype_to_plain, plain


def test_plain_converts_numpy_recursively_and_keeps_containers():
    value = (np.int64(3), [np.float32(0.5), np.array([1, 2])], "text", None)
    out = plain(value)
    assert out == (3, [0.5, [1, 2]], "text", None)
    assert type(out) is tuple and type(out[1]) is list and type(out[0]) is int


def test_plain_drops_callables_and_random_states_and_writes_devices_as_text():
    assert plain(lambda y: {}) is None
    assert plain(np.random.RandomState(0)) is None
    assert plain(torch.device("cpu")) == "cpu"
    assert plain({"kept": 1}) == {"kept": 1}  # anything else as it came


@pytest.mark.parametrize(
    "dtype",
    [
        np.dtype("float32"),
        np.dtype("int64"),
        pd.Int64Dtype(),
        pd.BooleanDtype(),
        pd.StringDtype(),
        pd.CategoricalDtype(["b", "a"], ordered=True),
        pd.CategoricalDtype([3, 1]),
        np.dtype("datetime64[ns]"),
    ],
)
def test_dtypes_round_trip_through_plain_values(dtype):
    spec = dtype_to_plain(dtype)
    assert plain(spec) == spec  # nothing but plain values
    assert dtype_from_plain(spec) == dtype
    if isinstance(dtype, pd.CategoricalDtype):
        assert list(dtype_from_plain(spec).categories) == list(dtype.categories)


def test_a_state_of_plain_values_survives_the_safe_loader(tmp_path):
    # plain() converts values, not dicts: a state is a dict of plain() values
    state = {
        "classes": plain(np.array([0, 1])),
        "dtype": dtype_to_plain(pd.CategoricalDtype(["a"])),
    }
    torch.save(state, tmp_path / "s.pt")
    assert torch.load(tmp_path / "s.pt", weights_only=True) == state

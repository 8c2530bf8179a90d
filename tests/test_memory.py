"""The memory guard (skgan._memory)."""

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from skgan._memory import budget, check_dense, check_sparse, dense_fit_bytes
from skgan.exceptions import MemoryBudgetError


def test_budget_is_proportional_to_the_input_with_a_floor():
    assert budget(1) == budget(1000) == 2 * 1024**3
    assert budget(10 * 1024**3) == 50 * 10 * 1024**3


def test_estimate_grows_with_the_square_of_the_width():
    narrow, wide = dense_fit_bytes(1000, 50, 2), dense_fit_bytes(1000, 5000, 2)
    assert wide > 1000 * narrow / 10  # the c x c copulas dominate


def test_an_ordinary_table_passes_and_a_wide_one_is_refused_before_any_work():
    check_dense(pd.DataFrame(np.zeros((1000, 50))), 2)
    wide = pd.DataFrame(np.zeros((10, 20_000), dtype=np.float32))
    with pytest.raises(MemoryBudgetError, match="20,000 columns"):
        check_dense(wide, 2)
    check_sparse(sparse.random(2000, 500, density=0.02, format="csr", random_state=0), 64, 2**23)

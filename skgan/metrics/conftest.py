"""Doctest setup for the metrics examples."""

import pytest
from threadpoolctl import threadpool_limits


@pytest.fixture(autouse=True)
def _one_openmp_thread():
    # The examples fit small gradient-boosting models, for which OpenMP threads
    # only add overhead; on a busy machine they make the examples ten times slower.
    with threadpool_limits(limits=1, user_api="openmp"):
        yield

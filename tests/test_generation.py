"""Generation: encoded candidates decode to rows that encode back to the same point."""

import gc
import sys
import weakref

import numpy as np
import pandas as pd
import torch

from skgan import GANSampler
from skgan._generation import generate

from .conftest import FAST_PARAMS


def test_candidates_are_encoded_as_their_decoded_rows(mixed_data):
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS).fit(X, y)
    model = sampler._model()
    encoded = model.encoded_rows(500, 1, torch.Generator().manual_seed(0))
    decoded = model.decode(encoded, np.random.default_rng(0))
    assert list(decoded.dtypes) == list(X.dtypes)
    again = sampler.transformer_.transform(decoded)
    np.testing.assert_allclose(again, encoded, atol=1e-4)


def test_generate_returns_the_exact_count_screened_and_reproducible(mixed_data):
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS).fit(X, y)
    chunks = list(generate(sampler._model(), sampler.screens_, 1234, 1, 1, seed=7, chunk=100))
    assert sum(map(len, chunks)) == 1234 and max(map(len, chunks)) <= 100
    again = generate(sampler._model(), sampler.screens_, 1234, 1, 1, seed=7, chunk=100)
    pd.testing.assert_frame_equal(pd.concat(chunks), pd.concat(list(again)))
    assert list(generate(sampler._model(), sampler.screens_, 0, 1, 1, seed=7)) == []
    empty = sampler.sample(0, y=1)
    assert len(empty) == 0 and list(empty.columns) == list(X.columns)
    assert (empty.dtypes == X.dtypes).all()


def test_release_freed_memory_is_safe_to_call():
    from skgan._generation import _malloc_trim, release_freed_memory

    release_freed_memory()  # glibc: malloc_trim; elsewhere: nothing
    if not sys.platform.startswith("linux"):
        assert _malloc_trim() is None


def test_generation_keeps_no_chunk_while_drawing_the_next(mixed_data):
    # a chunk the caller let go is freed before the next one is drawn
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS).fit(X, y)
    chunks = generate(sampler._model(), sampler.screens_, 300, 1, 1, seed=7, chunk=100)
    first = weakref.ref(next(chunks))
    next(chunks)
    gc.collect()
    assert first() is None

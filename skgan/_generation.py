"""Generation: draw candidates from the trained generator, screen them, decode once.

A :class:`Model` bundles what a fitted sampler needs to produce rows (the
generator, the encoder's layout, the condition sampler, the per-class
marginals the generator's numeric outputs live in); :func:`generate` runs
the one screening loop for every call of ``fit_resample`` and ``sample``.
"""

import ctypes
import ctypes.util
import functools
import sys
import warnings
from dataclasses import dataclass

import numpy as np
import torch

from ._networks import Activation
from ._screens import Candidates
from .exceptions import PrivacyWarning, SkganWarning

_PATIENCE = 10  # chunks without enough accepted rows before the loop gives up


@dataclass
class Model:
    """A trained generator with its encoder, conditions and class marginals.

    The candidate source of :func:`generate`: ``encoded_rows`` gives rows of
    one class in the encoder's space, where the screens compare them with
    the training rows.
    """

    generator: torch.nn.Module
    transformer: object  # a fitted TableTransformer
    conditions: object  # a ConditionSampler
    marginals: object = None  # a ClassMarginals: the generator's continuous space

    @property
    def noise_dim(self):
        return self.generator.config["noise_dim"]

    def raw_rows(self, n, class_idx, rng):
        """``n`` generated rows of one class as (normal scores, segment codes)."""
        if _at_copula(self.generator):
            cont, codes = self._copula_rows(n, class_idx, rng)
        else:
            cont, codes = self._network_rows(n, class_idx, rng)
        cont = cont.cpu().numpy()
        if self.marginals is not None:
            cont = self.marginals.from_class(cont, class_idx)
        return cont, codes.cpu().numpy()

    def _network_rows(self, n, class_idx, rng):
        t = self.transformer
        device = rng.device  # the generator's device (training device while training)
        segment_mask = torch.zeros(max(t.n_segments_, 1), max(t.n_discrete_, 1), device=device)
        segment_mask[torch.as_tensor(t.segment_ids_), torch.arange(t.n_discrete_)] = 1.0
        classes = torch.full((n,), class_idx, dtype=torch.long, device=device)
        cond, _ = self.conditions.draw_sampling(classes, segment_mask[:, : t.n_discrete_], rng)
        with torch.no_grad():
            noise = torch.randn(n, self.noise_dim, generator=rng, device=device)
            raw = self.generator(noise, cond)
            del noise, cond  # (n, noise + condition width): not held while codes are drawn
            segments = torch.as_tensor(t.segment_ids_, device=device)
            activation = Activation(t.n_continuous_, segments)
            cont, logits = activation.split(raw)
            codes = (
                activation.sample_codes(logits, rng)
                if t.n_discrete_
                else torch.zeros(n, 0, dtype=torch.long, device=device)
            )
        return cont, codes

    def _copula_rows(self, n, class_idx, rng):
        """What the generator at its start gives, without running it.

        At the start (a zero head) a row of class ``k`` is noise mixed by the
        class's copula factor and levels drawn from the class's frequencies,
        whatever the condition's levels: one (c, c) product for the chunk, and
        each segment's level by inverse CDF, instead of a factor per row, a
        condition per row and a Gumbel draw over every level of every row.
        """
        t, g = self.transformer, self.generator
        device = rng.device
        with torch.no_grad():
            noise = torch.randn(n, g.class_mix.shape[1], generator=rng, device=device)
            cont = noise @ g.class_mix[class_idx].T  # (n, c) @ (c, c)
            if not t.n_discrete_:
                return cont, torch.zeros(n, 0, dtype=torch.long, device=device)
            segments = torch.as_tensor(t.segment_ids_, device=device)
            starts = torch.as_tensor(t.segment_offsets_[:-1], device=device)
            logits = g.class_logits[class_idx].to(torch.float64)
            weights = (logits - logits.max()).exp()
            total = torch.zeros(t.n_segments_, dtype=torch.float64, device=device)
            total.index_add_(0, segments, weights)
            cdf = weights.cumsum(0) - (weights.cumsum(0) - weights)[starts][segments]
            # levels of segment s span (s, s + 1] on one increasing axis
            keys = segments + cdf / total[segments]
            u = torch.rand(n, t.n_segments_, generator=rng, device=device, dtype=torch.float64)
            target = torch.arange(t.n_segments_, device=device) + u
            pos = torch.searchsorted(keys, target.contiguous())
            ends = torch.as_tensor(t.segment_offsets_[1:], device=device) - 1
            codes = torch.minimum(pos, ends) - starts
        return cont, codes

    def encoded_rows(self, n, class_idx, rng):
        """``n`` generated rows of one class in the encoded space (as the training rows)."""
        return self.encode(*self.raw_rows(n, class_idx, rng))

    def encode(self, cont, codes):
        """(normal scores, segment codes) -> encoded rows, as ``transformer.transform`` would
        give for the decoded rows (see ``TableTransformer.snap``)."""
        t = self.transformer
        c = t.n_continuous_
        # one array, written in place: no one-hot block to stack
        out = np.zeros((len(cont), c + t.n_discrete_), dtype=np.float32)
        out[:, :c] = t.snap(cont, codes)
        out[np.arange(len(cont))[:, None], c + codes + t.segment_offsets_[:-1]] = 1.0
        return out

    def empty(self):
        """A DataFrame of the training columns and dtypes, with no row."""
        width = self.transformer.n_continuous_ + self.transformer.n_discrete_
        return self.decode(np.zeros((0, width), np.float32), np.random.default_rng(0))

    def decode(self, encoded, rng):
        """Encoded rows -> DataFrame of the training columns and dtypes."""
        t = self.transformer
        cont = encoded[:, : t.n_continuous_]
        onehot = encoded[:, t.n_continuous_ :]
        codes = np.zeros((len(encoded), t.n_segments_), dtype=np.int64)
        if t.n_segments_:
            # position of the 1 within each segment: one argmax per segment, vectorised
            positions = np.arange(t.n_discrete_)[None, :] * onehot
            starts = t.segment_offsets_[:-1]
            codes = np.add.reduceat(positions, starts, axis=1).astype(np.int64) - starts
        return t.inverse_transform(cont, codes, rng)


def _at_copula(generator):
    """Whether a generator is its untrained copula start (a zero head, in eval mode)."""
    head = getattr(generator, "head", None)
    return (
        head is not None
        and not generator.training
        and generator.class_mix.shape[0] > 0
        and not (head.weight.any() or head.bias.any())
    )


def generate(model, screens, n_samples, class_idx, label, seed, chunk=2048, decoded=True):
    """``n_samples`` decoded rows of class ``class_idx`` that passed every screen.

    Yields DataFrames (chunks) holding ``n_samples`` rows in all, so that the
    caller can write each one into its output and let it go: memory stays at
    one chunk's worth whatever ``n_samples`` is; with ``decoded=False``, the
    chunks' encoded rows (arrays) instead.

    Draws, per missing row, the product of the screens' ``draws``
    (each screen keeps its share of what reaches it), applies the screens in
    order and repeats until enough rows passed. After ``_PATIENCE`` chunks in
    a row that each add less than a tenth of their request, it warns with
    the acceptance rate and fills the rest with unscreened candidates, so
    that the requested count holds.
    """
    torch_rng = torch.Generator().manual_seed(seed + class_idx)
    rng = np.random.default_rng(seed + class_idx)
    draws = int(np.prod([s.draws(class_idx) for s in screens]))
    decode = model.decode if decoded else lambda encoded, rng: encoded
    have, drawn, weak = 0, 0, 0
    seen, rejected = np.zeros((2, len(screens)), dtype=np.int64)
    while have < n_samples and weak < _PATIENCE:
        want = min(chunk, n_samples - have)
        batch = Candidates(
            model.encoded_rows(want * draws, class_idx, torch_rng),
            lambda encoded: model.decode(encoded, rng),
        )
        drawn += len(batch)
        for i, screen in enumerate(screens):
            n_in = len(batch)
            batch = screen.apply(batch, class_idx, rng)
            seen[i] += n_in
            rejected[i] += n_in - len(batch)
        accepted = batch.take(slice(0, want))
        n_passed, n_accepted = len(batch), len(accepted)
        rows = (accepted.decoded if decoded else accepted.encoded) if n_accepted else None
        del batch, accepted  # not held while the next chunk is drawn
        if rows is not None:
            yield rows
        del rows
        release_freed_memory()
        have += n_accepted
        weak = weak + 1 if n_passed < want / 10 else 0
    if have < n_samples:
        _warn_exhausted(screens, rejected / np.maximum(seen, 1), have, drawn, n_samples, label)
        yield decode(model.encoded_rows(n_samples - have, class_idx, torch_rng), rng)


def fitted_model(fitted):
    """The candidate source of a fit (a fitted sampler's ``vars``, or a fit in progress)."""
    return Model(
        fitted["generator_"], fitted["transformer_"], fitted["conditions_"], fitted["marginals_"]
    )


def draw_rows(fitted, n_samples, label, seed=None):
    """Chunks of ``n_samples`` rows of class ``label`` from a fit (a fitted sampler's
    ``vars``, or a fit in progress), decoded as the user gets them."""
    class_idx = int(np.searchsorted(fitted["classes_"], label))
    source = fitted.get("candidates_") or fitted_model(fitted)
    seed = fitted["_numpy_seed"] if seed is None else seed
    chunks = generate(source, fitted["screens_"], n_samples, class_idx, label, seed)
    codec = fitted.get("sparse_codec_")
    if codec is None:
        return chunks
    # latent rows of a sparse fit, decoded to sparse rows chunk by chunk
    rng = np.random.default_rng([seed, class_idx])
    return codec.decode_chunks(chunks, class_idx, rng)


@functools.cache
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None


def release_freed_memory():
    """Give the heap pages that freed arrays left behind back to the system (glibc).

    Each chunk allocates and frees arrays of a few MB (candidates, network
    activations, distances), below glibc's mmap threshold: freed, they stay
    in the process's heap, fragmented between longer-lived ones, and resident
    memory grows over the chunks by more than any one chunk holds. Trimming
    after each chunk keeps it at the live rows plus one chunk's work; it takes
    milliseconds. A no-op on other C libraries.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _warn_exhausted(screens, rejection_rates, have, drawn, n_samples, label):
    # the screen that rejected the largest share of what it saw is the bottleneck
    worst = screens[int(np.argmax(rejection_rates))]
    privacy = worst.privacy
    warnings.warn(
        f"Only {have} of {n_samples} synthetic rows of class {show(label)} passed the "
        f"screens ({have / max(drawn, 1):.1%} of {drawn} candidates; most were rejected by "
        f"{type(worst).__name__}). The remaining {n_samples - have} rows are unscreened"
        + (
            ": the table has too few distinct rows to make new ones; check "
            "skgan.metrics.exact_copy_rate before sharing them."
            if privacy
            else ": the generator places few rows of this class where the class lives; "
            "train longer (n_steps) or lower sampling_strategy."
        ),
        PrivacyWarning if privacy else SkganWarning,
        stacklevel=4,
    )


def show(label):
    """repr of a class label without NumPy's scalar wrapper (``1``, not ``np.int64(1)``)."""
    return repr(label.item() if isinstance(label, np.generic) else label)

"""Differential privacy: private column statistics and DP-SGD for the discriminator.

With ``epsilon`` set, every quantity that leaves ``fit`` and depends on the
training rows goes through a differentially private mechanism:

* the encoder's statistics (numeric quantile grids, categorical levels) come
  from one release of Gaussian-noised per-column histograms
  (:class:`ColumnNoise`);
* the discriminator, the only network that sees real rows, is trained with DP-SGD
  (Abadi et al. 2016): Poisson-sampled batches, per-row gradients clipped to
  ``MAX_GRAD_NORM`` (:func:`_clipped_gradients`) and Gaussian noise. The
  generator only sees the discriminator, so it and its samples are post-processing.

Both are Gaussian mechanisms, composed by opacus' RDP accountant
(:func:`plan`): half of delta goes to that composition, the other half to
the release of categorical levels whose domain is not declared (a
stability-based histogram). Class counts are treated as public:
``sampling_strategy_`` and the size of the resampled output reveal them anyway.
"""

import math
import secrets
import warnings
from dataclasses import dataclass

import numpy as np
import torch
from scipy.special import ndtri

from ._training import distributed
from ._transformer import released_columns
from .exceptions import PrivacyWarning

# Share of epsilon calibrating the encoder's histograms (the rest: DP-SGD).
_ENCODER_SHARE = 0.2
# Numeric histograms cover +-40 on the signed log1p scale (values beyond
# +-2e17 are clipped).
_GRID_LIMIT = 40.0
# Chance that any empty bin of any column survives the noise threshold.
_FALSE_BIN_RATE = 0.05
# DP-SGD's per-row gradient clipping bound (a fixed constant: the noise is
# calibrated relative to it, so its scale only sets the learning rate's).
MAX_GRAD_NORM = 1.0
# RDP orders: opacus' defaults stop at 63, too low for small epsilons.
_ALPHAS = [1 + x / 10 for x in range(1, 100)] + list(range(12, 64)) + [2**k for k in range(6, 13)]


def _opacus():
    try:
        from opacus.accountants import RDPAccountant
        from opacus.accountants.utils import get_noise_multiplier
    except ImportError:
        raise ImportError(
            "Differential privacy (epsilon=...) needs opacus for its privacy "
            "accounting: pip install 'skgan[dp]' (or pip install opacus)."
        ) from None
    return RDPAccountant, get_noise_multiplier


def plan(epsilon, delta, sample_rate, steps):
    """Noise multipliers of the encoder release and of DP-SGD, and the accountant.

    The encoder's Gaussian release is calibrated on ``_ENCODER_SHARE`` of
    epsilon; the DP-SGD noise is then the smallest (to 1 %) whose steps,
    composed with that release in one RDP account, stay within ``epsilon``
    at half of delta. The returned accountant holds the encoder release.
    """
    accountant_cls, get_noise_multiplier = _opacus()
    encoder = get_noise_multiplier(
        target_epsilon=_ENCODER_SHARE * epsilon,
        target_delta=delta / 2,
        sample_rate=1.0,
        steps=1,
        accountant="rdp",
        epsilon_tolerance=0.01,
        alphas=_ALPHAS,
    )

    def spent(sgd):
        account = accountant_cls()
        account.history = [(encoder, 1.0, 1), (sgd, sample_rate, steps)]
        return account.get_epsilon(delta / 2, alphas=_ALPHAS)

    low, high = 0.0, 1.0
    while spent(high) > epsilon:
        low, high = high, 2 * high
    while high - low > 0.01 * high:
        middle = (low + high) / 2
        low, high = (middle, high) if spent(middle) > epsilon else (low, middle)
    accountant = accountant_cls()
    accountant.step(noise_multiplier=encoder, sample_rate=1.0)
    return encoder, high, accountant


@dataclass
class PrivateFit:
    """What a private fit needs: the encoder's noise and the discriminator's DP-SGD."""

    delta: float
    column_noise: "ColumnNoise"
    sgd_noise: float
    accountant: object

    def discriminator_update(self, y_idx, class_counts, batch_size, device):
        """The DP-SGD update of the discriminator for these training labels."""
        return DPDiscriminator(
            torch.as_tensor(y_idx, device=device),
            torch.as_tensor(class_counts / len(y_idx), device=device),
            batch_size,
            self.sgd_noise,
            self.accountant,
            self.delta,
            MAX_GRAD_NORM,
        )


def private_fit(epsilon, delta, frame, class_counts, batch_size, n_updates):
    """Split ``epsilon`` between the encoder's statistics and DP-SGD (the one DP set-up).

    ``delta`` None takes ``min(1e-5, 1 / (10 * n_rows))``.
    """
    delta = min(1e-5, 1.0 / (10 * len(frame))) if delta is None else float(delta)
    sample_rate = float(class_rates(batch_size, class_counts).max())
    encoder_noise, sgd_noise, accountant = plan(epsilon, delta, sample_rate, n_updates)
    noise = ColumnNoise(
        encoder_noise, released_columns(frame), delta / 2, np.random.default_rng(secret_seed())
    )
    return PrivateFit(delta, noise, sgd_noise, accountant)


def secret_seed():
    """A seed from the operating system's entropy, for noise nobody can replay.

    DP noise must not derive from ``random_state``: the seed is a public
    parameter (it is in a saved file), and whoever knows it could subtract the noise.
    """
    return secrets.randbits(63)


class ColumnNoise:
    """Gaussian noise for the encoder's per-column histograms.

    Adding or removing one row changes one bin of every column's histogram by
    one, so the concatenated histograms have L2 sensitivity
    ``sqrt(n_columns)``.

    Parameters
    ----------
    noise_multiplier : float
        Noise standard deviation over the L2 sensitivity.
    n_columns : int
        Number of columns whose statistics are released.
    delta : float
        Budget of the level releases (columns without a declared domain).
    rng : numpy.random.Generator
    """

    def __init__(self, noise_multiplier, n_columns, delta, rng):
        n_columns = max(n_columns, 1)
        self.std = noise_multiplier * math.sqrt(n_columns)
        self.n_columns = n_columns
        # A level seen once is released with probability at most delta / n_columns
        # (stability-based histogram): the domain of a free-text-like column stays private.
        self.level_threshold = 1.0 + self.std * ndtri(1.0 - delta / n_columns)
        self.rng = rng

    def quantiles(self, observed, n_quantiles, n_rows, integral=False):
        """Private quantile grid of a numeric column; None when no bin survives the noise.

        Bins lie on the signed log1p scale, with exact zero a bin of its own
        (counts are often zero). Their width depends only on public numbers
        (rows, columns, noise): wide enough that a column spread over ten
        log units fills its bins well above the noise floor, and never finer
        than 0.05 (5 % relative resolution) nor coarser than 1. For integer
        columns the edges fall half-way between integers, so that every value
        decoded from a bin rounds to an integer inside it.
        """
        width = float(np.clip(30.0 * self._floor() / max(n_rows, 1), 0.05, 1.0))
        side = np.arange(1, int(np.ceil(_GRID_LIMIT / width)) + 1) * width
        if integral:
            side = np.log1p(np.unique(np.concatenate([[0.0], np.floor(np.expm1(side))])) + 0.5)
        k = side.size
        edges = np.concatenate([-side[::-1], [0.0, 0.0], side])  # (2k + 2,) edges, 2k + 1 bins
        signed = np.sign(observed) * np.log1p(np.abs(observed))
        signed = np.clip(signed, edges[0], edges[-1])
        counts = np.concatenate(
            [
                np.histogram(signed[signed < 0], edges[: k + 1])[0],
                [np.count_nonzero(signed == 0)],
                np.histogram(signed[signed > 0], edges[k + 1 :])[0],
            ]
        ).astype(np.float64)
        counts += self.rng.normal(0.0, self.std, counts.size)
        counts[counts < self._floor()] = 0.0
        nonzero = np.flatnonzero(counts)
        if nonzero.size == 0:
            return None
        lo, hi = nonzero[0], nonzero[-1] + 1
        cdf = np.concatenate([[0.0], np.cumsum(counts[lo:hi])])
        levels = np.linspace(0.0, cdf[-1], n_quantiles)
        grid = np.interp(levels, cdf, edges[lo : hi + 1])
        return np.sign(grid) * np.expm1(np.abs(grid))

    def _floor(self):
        # One spurious bin far from the data would stretch the column's range:
        # the floor keeps every empty bin of every column out, bar a 5 % chance.
        bins = 2 * int(np.ceil(_GRID_LIMIT / 0.05)) + 1
        return self.std * ndtri(1.0 - _FALSE_BIN_RATE / (bins * self.n_columns))

    def levels(self, column):
        """Levels of a categorical column whose noisy count clears the release threshold."""
        counts = column.value_counts(dropna=True)
        noisy = counts.to_numpy(dtype=np.float64) + self.rng.normal(0.0, self.std, counts.size)
        order = np.argsort(-noisy, kind="stable")
        return [counts.index[i] for i in order if noisy[i] > self.level_threshold]


def class_rates(batch_size, class_counts):
    """Poisson sampling rate of each class: ``batch_size / n_classes`` rows of each expected.

    Balanced batches, as training-by-sampling gives the non-private GAN;
    the accountant charges every row the highest rate.
    """
    counts = torch.as_tensor(class_counts, dtype=torch.float64)
    return (batch_size / (counts.numel() * counts)).clamp(max=1.0).to(torch.float32)


class DPDiscriminator:
    """DP-SGD for the discriminator: Poisson sampling, per-row clipping, Gaussian noise.

    The discriminator is trained with the standard (non-saturating) GAN loss instead
    of WGAN-GP: the gradient penalty's second backward pass defeats cheap
    per-row gradients, and clipping already bounds how much one row moves
    the discriminator. Batches are balanced over the classes (:func:`class_rates`).
    Only the loss on real rows gets noise; the loss on generated rows (a
    fixed-size batch, which depends on no real row) is clipped row by row
    in the same way, so that both sides of the loss weigh alike.

    Parameters
    ----------
    labels : Tensor of shape (n,)
        Class index of every training row, on the training device.
    class_share : Tensor of shape (n_classes,)
        Share of each class among the rows (public).
    batch_size : int
        Expected batch size, split evenly over the classes.
    noise_multiplier : float
        DP-SGD noise standard deviation over ``max_grad_norm``.
    accountant : opacus.accountants.RDPAccountant
        Records every update.
    delta : float
        Delta at which :meth:`spent` converts the accountant's RDP.
    max_grad_norm : float
        Per-row gradient clipping bound.
    """

    def __init__(
        self, labels, class_share, batch_size, noise_multiplier, accountant, delta, max_grad_norm
    ):
        self.labels, self.class_share = labels, class_share
        self.n_classes = class_share.numel()
        self.rates = class_rates(batch_size, class_share * labels.numel())
        self.sample_rate = float(self.rates.max())
        self.batch_size = max(
            1, int(round(float((self.rates * class_share).sum()) * labels.numel()))
        )
        self.noise_multiplier, self.accountant = noise_multiplier, accountant
        self.delta, self.max_grad_norm = delta, max_grad_norm
        # which rows a step sees, and its noise, must stay secret (see secret_seed)
        self.rng = torch.Generator(device=labels.device).manual_seed(secret_seed())

    def spent(self):
        """Epsilon spent so far by the encoder release and the discriminator updates."""
        return float(self.accountant.get_epsilon(self.delta / 2, alphas=_ALPHAS))

    def step(self, run, data, make_fake):
        """One private discriminator update."""
        softplus = torch.nn.functional.softplus
        discriminator, dev = run.discriminator, data.device
        draw = torch.rand(self.labels.numel(), generator=self.rng, device=dev)
        chosen = draw < self.rates[self.labels]
        rows = chosen.nonzero().squeeze(1)
        cond = torch.nn.functional.one_hot(self.labels[rows], self.n_classes).float()
        trace = []
        loss = softplus(-discriminator(data[rows], cond, trace=trace)).sum()
        clipped = _clipped_gradients(loss, trace, self.max_grad_norm)
        classes = torch.multinomial(
            self.rates * self.class_share, self.batch_size, replacement=True, generator=run.rng
        )
        cond = torch.nn.functional.one_hot(classes, self.n_classes).float()
        with torch.no_grad():
            fake = make_fake(cond)
        trace = []
        loss = softplus(discriminator(fake, cond, trace=trace)).sum()
        fake_clipped = _clipped_gradients(loss, trace, self.max_grad_norm)
        std = self.noise_multiplier * self.max_grad_norm
        # parameters() runs layer by layer, weight then bias: the order of the traces
        for p, real, fake in zip(discriminator.parameters(), clipped, fake_clipped):
            noise = torch.randn(p.shape, generator=self.rng, device=dev) * std
            p.grad = (real + noise + fake) / self.batch_size
        run.opt_discriminator.step()
        self.accountant.step(noise_multiplier=self.noise_multiplier, sample_rate=self.sample_rate)


def _clipped_gradients(loss, trace, max_norm):
    """Sum over rows of each row's gradient clipped to ``max_norm`` (weight, bias per layer).

    A row's gradient of a Linear layer is the outer product of the gradient
    at the layer's output and the layer's input, so its norm is the product
    of their norms ("ghost clipping", Goodfellow 2015; Li et al. 2022): no
    per-row gradient is materialised, and the clipped sum is one matrix
    product per layer. Valid because rows do not interact in the discriminator
    (packs of one, no batch statistics).
    """
    inputs = [a for a, _ in trace]
    if inputs[0].shape[0] == 0:  # an empty Poisson batch: the update is noise only
        return [
            t
            for a, z in trace
            for t in (a.new_zeros(z.shape[1], a.shape[1]), a.new_zeros(z.shape[1]))
        ]
    outputs = torch.autograd.grad(loss, [z for _, z in trace])
    squared = sum(g.pow(2).sum(1) * (a.pow(2).sum(1) + 1.0) for a, g in zip(inputs, outputs))
    factor = (max_norm / (squared.sqrt() + 1e-6)).clamp(max=1.0)[:, None]
    return [t for a, g in zip(inputs, outputs) for t in ((factor * g).T @ a, (factor * g).sum(0))]


def check_private_params(params):
    """Refuse, or warn about, parameters that would break the guarantee of ``epsilon``."""

    if params["reject_copies"] is True:
        warnings.warn(
            "reject_copies=True with epsilon: the copy screen compares synthetic rows "
            "with the training rows, a step outside the differential privacy "
            "analysis, so epsilon_ does not describe the output. Leave "
            'reject_copies="auto" for the guarantee.',
            PrivacyWarning,
            stacklevel=5,
        )
    if params["candidates"] != "generator":
        raise ValueError(
            f"candidates={params['candidates']!r} cannot be combined with epsilon: those "
            "candidates are drawn from the training rows themselves. Use "
            'candidates="generator" with epsilon.'
        )
    if params["n_rounds"] not in ("auto", 0):
        warnings.warn(
            f"n_rounds={params['n_rounds']!r} with epsilon: the rounds' discriminators learn "
            "from the training rows, a step outside the differential privacy analysis, "
            'so epsilon_ does not describe the output. Leave n_rounds="auto" for the '
            "guarantee.",
            PrivacyWarning,
            stacklevel=5,
        )
    if params["early_stopping"] is True:
        raise ValueError(
            "early_stopping=True cannot be combined with epsilon: its score compares "
            "synthetic rows with the training rows, which differential privacy "
            "forbids. Use a fixed n_steps."
        )
    if params["reject_copies"] == "near":
        raise ValueError(
            'reject_copies="near" cannot be combined with epsilon: it compares '
            "synthetic rows with the training rows, which differential privacy "
            "forbids. Use one or the other."
        )
    if distributed():
        raise ValueError(
            "epsilon is not supported under torchrun: every process would add its "
            "own noise and sample its own batches, which the privacy accountant "
            "does not model. Train with differential privacy in one process."
        )

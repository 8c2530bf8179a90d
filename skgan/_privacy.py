"""Differential privacy: private column statistics and DP-SGD for the critic.

With ``epsilon`` set, every quantity that leaves ``fit`` and depends on the
training rows goes through a differentially private mechanism:

* the encoder's statistics (numeric quantile grids, categorical levels) come
  from Laplace-noised histograms (:class:`ColumnNoise`), spending
  ``_PREPROCESSING_SHARE`` of epsilon and, for categorical columns without a
  declared domain, half of delta;
* the critic, the only network that sees real rows, is trained with DP-SGD
  (Abadi et al. 2016): Poisson-sampled batches, per-row gradients clipped to
  ``max_grad_norm`` (:func:`_clipped_gradients`), and Gaussian noise
  calibrated by opacus' RDP accountant. The generator only sees the
  critic, so it and its samples are post-processing.

Class counts are treated as public: ``sampling_strategy_`` and the size of the
resampled output reveal them anyway.
"""

import math

import numpy as np
import torch

_PREPROCESSING_SHARE = 0.2
# Numeric histograms live on a fixed, data-independent grid on the signed
# log1p scale: 0.1 wide bins (10 % relative resolution for large counts) up
# to +-40 (values beyond +-2e17 are clipped).
_GRID_WIDTH, _GRID_LIMIT = 0.1, 40.0


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


def split_budget(epsilon, delta):
    """(encoder epsilon, encoder delta), (training epsilon, training delta)."""
    pre = _PREPROCESSING_SHARE * epsilon
    return (pre, delta / 2), (epsilon - pre, delta / 2)


class ColumnNoise:
    """Laplace noise for the encoder's per-column histograms.

    Adding or removing one row changes one bin of every column's histogram by
    one, so the concatenated histograms have L1 sensitivity ``n_columns``.

    Parameters
    ----------
    epsilon, delta : float
        The encoder's share of the budget.
    n_columns : int
        Number of columns whose statistics are released.
    rng : numpy.random.Generator
    """

    def __init__(self, epsilon, delta, n_columns, rng):
        self.scale = max(n_columns, 1) / epsilon
        # A level seen once is released with probability at most delta / n_columns
        # (stability-based histogram): the domain of a free-text-like column stays private.
        self.level_threshold = 1.0 + self.scale * math.log(max(n_columns, 1) / (2.0 * delta))
        self.rng = rng

    def quantiles(self, observed, n_quantiles):
        """Private quantile grid of a numeric column; None when no bin survives the noise."""
        k = int(round(_GRID_LIMIT / _GRID_WIDTH))
        edges = (np.arange(-k, k + 1) + 0.5) * _GRID_WIDTH
        signed = np.clip(np.sign(observed) * np.log1p(np.abs(observed)), edges[0], edges[-1])
        counts = np.histogram(signed, edges)[0] + self.rng.laplace(0.0, self.scale, 2 * k)
        # drop the bins that are most likely noise: fewer than one false bin is expected
        counts[counts < self.scale * math.log(counts.size)] = 0.0
        nonzero = np.flatnonzero(counts)
        if nonzero.size == 0:
            return None
        lo, hi = nonzero[0], nonzero[-1] + 1
        cdf = np.concatenate([[0.0], np.cumsum(counts[lo:hi])])
        levels = np.linspace(0.0, cdf[-1], n_quantiles)
        grid = np.interp(levels, cdf, edges[lo : hi + 1])
        return np.sign(grid) * np.expm1(np.abs(grid))

    def levels(self, column):
        """Levels of a categorical column whose noisy count clears the release threshold."""
        counts = column.value_counts(dropna=True)
        noisy = counts.to_numpy(dtype=np.float64) + self.rng.laplace(0.0, self.scale, counts.size)
        order = np.argsort(-noisy, kind="stable")
        return [counts.index[i] for i in order if noisy[i] > self.level_threshold]


class DPCritic:
    """DP-SGD for the critic: Poisson sampling, per-row clipping, Gaussian noise.

    The critic is trained with the standard (non-saturating) GAN loss instead
    of WGAN-GP: the gradient penalty's second backward pass defeats cheap
    per-row gradients, and clipping already bounds how much one row moves
    the critic. Only the loss
    on real rows is privatised; the loss on generated rows (a fixed-size
    batch whose classes follow the public class counts) depends on no real
    row and keeps its plain gradient.

    Parameters
    ----------
    labels : Tensor of shape (n,)
        Class index of every training row, on the training device.
    class_share : Tensor of shape (n_classes,)
        Share of each class among the rows (public).
    batch_size : int
        Expected batch size; the Poisson sampling rate is ``batch_size / n``.
    steps : int
        Number of critic updates, for calibrating the noise.
    epsilon, delta : float
        The training share of the budget.
    max_grad_norm : float
        Per-row gradient clipping bound.
    """

    loss = "logistic"

    def __init__(self, labels, class_share, batch_size, steps, epsilon, delta, max_grad_norm):
        accountant_cls, get_noise_multiplier = _opacus()
        self.labels, self.class_share = labels, class_share
        self.n_classes = class_share.numel()
        self.sample_rate = min(1.0, batch_size / labels.numel())
        self.batch_size = max(1, int(round(self.sample_rate * labels.numel())))
        self.max_grad_norm = max_grad_norm
        self.noise_multiplier = get_noise_multiplier(
            target_epsilon=epsilon,
            target_delta=delta,
            sample_rate=self.sample_rate,
            steps=steps,
            accountant="rdp",
            epsilon_tolerance=0.05,
        )
        self.accountant = accountant_cls()
        self.delta = delta

    def spent(self):
        """Epsilon spent so far by the critic's updates (at the training delta)."""
        if not self.accountant.history:
            return 0.0
        return float(self.accountant.get_epsilon(self.delta))

    def step(self, ctx, data, make_fake):
        """One private critic update."""
        softplus = torch.nn.functional.softplus
        critic, dev = ctx.critic, data.device
        chosen = torch.rand(self.labels.numel(), generator=ctx.rng, device=dev) < self.sample_rate
        rows = chosen.nonzero().squeeze(1)
        cond = torch.nn.functional.one_hot(self.labels[rows], self.n_classes).float()
        trace = []
        loss = softplus(-critic(data[rows], cond, trace=trace)).sum()
        clipped = _clipped_gradients(loss, trace, self.max_grad_norm)
        classes = torch.multinomial(
            self.class_share, self.batch_size, replacement=True, generator=ctx.rng
        )
        cond = torch.nn.functional.one_hot(classes, self.n_classes).float()
        with torch.no_grad():
            fake = make_fake(cond)
        params = [p for layer in [*critic.hidden, critic.out] for p in (layer.weight, layer.bias)]
        public = torch.autograd.grad(softplus(critic(fake, cond)).mean(), params)
        std = self.noise_multiplier * self.max_grad_norm
        for p, total, plain in zip(params, clipped, public):
            noise = torch.randn(p.shape, generator=ctx.rng, device=dev) * std
            p.grad = (total + noise) / self.batch_size + plain
        ctx.opt_critic.step()
        self.accountant.step(noise_multiplier=self.noise_multiplier, sample_rate=self.sample_rate)


def _clipped_gradients(loss, trace, max_norm):
    """Sum over rows of each row's gradient clipped to ``max_norm`` (weight, bias per layer).

    A row's gradient of a Linear layer is the outer product of the gradient
    at the layer's output and the layer's input, so its norm is the product
    of their norms ("ghost clipping", Goodfellow 2015; Li et al. 2022): no
    per-row gradient is materialised, and the clipped sum is one matrix
    product per layer. Valid because rows do not interact in the critic
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

"""Generator and discriminator networks, and the output activations of the encoded layout.

Both networks take a condition vector ``[class one-hot | level one-hot]`` next to
their input. Every random draw takes an explicit ``torch.Generator`` so that a
fit never reads or changes the global random state.
"""

import math

import torch
from torch import nn


class _Residual(nn.Module):
    """Linear -> BatchNorm -> ReLU, concatenated with its input (width grows)."""

    def __init__(self, d_in, d_out):
        super().__init__()
        self.fc = nn.Linear(d_in, d_out)
        self.bn = nn.BatchNorm1d(d_out)

    def forward(self, x):
        return torch.cat([torch.relu(self.bn(self.fc(x))), x], dim=1)


class Generator(nn.Module):
    """Map noise and a condition vector to raw (pre-activation) encoded rows.

    With ``class_mix`` (one lower-triangular matrix per class), the generator
    is residual around a Gaussian copula of every class: its continuous
    outputs (per-class normal scores, see :mod:`skgan._marginals`) start as
    the first noise columns mixed by ``class_mix[c]``, and its discrete
    logits as ``class_logits[c]``, the log-frequencies of every level within
    class ``c``, while the learned head starts at zero. At initialisation
    every column is then drawn from its class's marginal distribution, with
    the class's rank correlations between continuous columns; training adds
    what a copula cannot hold (dependence between categories and numbers,
    non-linear and multi-modal structure) where the discriminator finds it
    missing.
    """

    def __init__(self, noise_dim, cond_dim, hidden, out_dim, class_mix=None, class_logits=None):
        super().__init__()
        self.config = dict(
            noise_dim=noise_dim, cond_dim=cond_dim, hidden=list(hidden), out_dim=out_dim
        )
        layers, width = [], noise_dim + cond_dim
        for h in hidden:
            layers.append(_Residual(width, h))
            width += h
        self.net = nn.Sequential(*layers)
        self.head = nn.Linear(width, out_dim)
        # buffers, so that they are saved with the weights; empty: not residual
        self.register_buffer("class_mix", _buffer(class_mix, 3))
        self.register_buffer("class_logits", _buffer(class_logits, 2))
        self.config["base_shapes"] = [list(self.class_mix.shape), list(self.class_logits.shape)]

    def forward(self, noise, cond):
        # (B, noise_dim) + (B, cond_dim) -> (B, out_dim)
        if not self.training and not (self.head.weight.any() or self.head.bias.any()):
            # a zero head adds exactly zero (the untrained start, which early
            # stopping often keeps): the hidden layers need not run
            out = noise.new_zeros(noise.shape[0], self.head.out_features)
        else:
            out = self.head(self.net(torch.cat([noise, cond], dim=1)))
        n_classes, n_base, _ = self.class_mix.shape
        if not n_classes:
            return out
        classes = cond[:, :n_classes]
        continuous = noise[:, :n_base]
        if n_base:
            # Every row's noise mixed by every class's factor, (B, n_classes, n_base),
            # then weighted by the row's class: the same linear map as one factor per
            # row, (B, n_base, n_base), which took gigabytes on wide tables.
            mixed = torch.einsum("kij,bj->bki", self.class_mix, continuous)
            continuous = (classes[:, :, None] * mixed).sum(1)
        n_logits = self.class_logits.shape[1]
        base = torch.cat(
            [
                continuous,
                out.new_zeros(out.shape[0], out.shape[1] - n_base - n_logits),
                classes @ self.class_logits,
            ],
            dim=1,
        )
        return out + base


def _buffer(values, ndim):
    if values is None:
        return torch.zeros((0,) * ndim)
    return torch.as_tensor(values, dtype=torch.float32)


class Discriminator(nn.Module):
    """Wasserstein discriminator on packs of ``pac`` rows (PacGAN), with explicit-RNG dropout."""

    def __init__(self, in_dim, hidden, pac, dropout=0.5):
        super().__init__()
        self.pac = pac
        self.dropout = dropout
        widths = [in_dim * pac, *hidden]
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in zip(widths[:-1], widths[1:]))
        self.out = nn.Linear(widths[-1], 1)

    def forward(self, x, cond, generator=None, trace=None):
        # (B, d) + (B, c) -> (B / pac, pac * (d + c)) -> (B / pac,)
        # `trace`, a list, receives (input, output) of every Linear layer.
        h = torch.cat([x, cond], dim=1)
        h = h.reshape(-1, self.pac * h.shape[1])
        for layer in [*self.hidden, self.out]:
            z = layer(h)
            if trace is not None:
                trace.append((h, z))
            if layer is self.out:
                return z.squeeze(1)
            h = nn.functional.leaky_relu(z, 0.2)
            if self.training and self.dropout > 0:
                keep = torch.rand(h.shape, generator=generator, device=h.device) >= self.dropout
                h = h * keep / (1.0 - self.dropout)


def build(module_cls, *args, generator):
    """Construct a network and initialise its Linear layers from ``generator``.

    PyTorch's constructors draw initial weights from the global generator; they
    run inside ``fork_rng`` so the caller's global random state is left as it was.
    """
    with torch.random.fork_rng(devices=[]):
        module = module_cls(*args)
    for layer in module.modules():
        if isinstance(layer, nn.Linear):
            nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5), generator=generator)
            bound = 1.0 / math.sqrt(layer.weight.shape[1])
            nn.init.uniform_(layer.bias, -bound, bound, generator=generator)
    return module


class Activation:
    """Output activations of the encoded layout, vectorised over all segments.

    Parameters
    ----------
    n_continuous : int
        Width of the continuous block (left untouched: normal scores).
    segment_ids : Tensor of shape (n_discrete,)
        Segment index of each one-hot position of the discrete block.
    """

    def __init__(self, n_continuous, segment_ids):
        self.n_continuous = n_continuous
        self.segment_ids = segment_ids
        self.n_segments = int(segment_ids.max()) + 1 if segment_ids.numel() else 0

    def to(self, device):
        return Activation(self.n_continuous, self.segment_ids.to(device))

    def split(self, raw):
        return raw[:, : self.n_continuous], raw[:, self.n_continuous :]

    def _segment_reduce(self, values, reduce):
        # (B, n_discrete) -> (B, n_segments)
        index = self.segment_ids.expand(values.shape[0], -1)
        out = values.new_zeros(values.shape[0], self.n_segments)
        return out.scatter_reduce(1, index, values, reduce=reduce, include_self=False)

    def log_softmax(self, logits):
        """Log-probabilities, normalised within each segment."""
        m = self._segment_reduce(logits, "amax").detach()[:, self.segment_ids]
        shifted = logits - m
        total = self._segment_reduce(shifted.exp(), "sum")
        return shifted - total.log()[:, self.segment_ids]

    def gumbel(self, shape, generator, device):
        u = torch.rand(shape, generator=generator, device=device)
        return -torch.log(-torch.log(u.clamp_(1e-10, 1.0 - 1e-7)))

    def train_output(self, raw, tau, generator):
        """Differentiable output: continuous as is, discrete as Gumbel-softmax."""
        cont, logits = self.split(raw)
        if logits.shape[1] == 0:
            return cont
        noisy = (logits + self.gumbel(logits.shape, generator, logits.device)) / tau
        return torch.cat([cont, self.log_softmax(noisy).exp()], dim=1)

    def sample_codes(self, logits, generator):
        """Draw one level per segment (Gumbel-max); returns positions inside segments."""
        noisy = logits + self.gumbel(logits.shape, generator, logits.device)
        best = self._segment_reduce(noisy, "amax")[:, self.segment_ids]
        hit = (noisy == best).to(torch.float32)
        # position within segment = global position - segment start
        positions = torch.arange(logits.shape[1], device=logits.device, dtype=torch.float32)
        starts = self._segment_reduce(positions.expand(logits.shape[0], -1).contiguous(), "amin")
        chosen = self._segment_reduce(hit * (positions + 1.0), "amax") - 1.0
        return (chosen - starts).long()

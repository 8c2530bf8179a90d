"""Conditional WGAN-GP training with training-by-sampling, as small step functions.

The encoded table, the labels and the sampling index live on the training
device as tensors for the whole fit; a training step performs no host/device
copy and no Python loop over rows.
"""

from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch._utils import _flatten_dense_tensors, _unflatten_dense_tensors

from ._conditions import ConditionSampler
from ._networks import Activation
from .exceptions import TrainingDivergedError


class EncodedRows:
    """The encoded training rows, stored compactly on the training device.

    Holds the continuous block (float32) and one integer code per discrete
    segment instead of the one-hot matrix, which for tables with many
    categories is tens of times larger; indexing builds the dense encoded
    rows of a batch only.

    Parameters
    ----------
    continuous : Tensor of shape (n, n_continuous)
    codes : Tensor of shape (n, n_segments)
        Positions in the discrete block (segment offsets included).
    n_discrete : int
        Width of the discrete block.
    """

    def __init__(self, continuous, codes, n_discrete):
        self.continuous, self.codes, self.n_discrete = continuous, codes, n_discrete

    def __len__(self):
        return self.continuous.shape[0]

    @property
    def device(self):
        return self.continuous.device

    @property
    def shape(self):
        return (len(self), self.continuous.shape[1] + self.n_discrete)

    def __getitem__(self, rows):
        # rows: index tensor/array or slice -> dense (B, n_continuous + n_discrete)
        if isinstance(rows, slice):
            rows = torch.arange(len(self), device=self.continuous.device)[rows]
        rows = torch.as_tensor(rows, device=self.continuous.device)
        cont = self.continuous[rows]
        out = torch.zeros(cont.shape[0], self.shape[1], device=cont.device)
        out[:, : cont.shape[1]] = cont
        hot = cont.shape[1] + self.codes[rows].long()
        out.scatter_(1, hot, 1.0)
        return out


def distributed():
    """Whether this process is one of several (``torchrun``) training together."""
    return dist.is_available() and dist.is_initialized() and dist.get_world_size() > 1


def rank():
    return dist.get_rank() if distributed() else 0


def broadcast_parameters(module):
    """Start every process from rank 0's weights."""
    if distributed():
        for tensor in [*module.parameters(), *module.buffers()]:
            dist.broadcast(tensor.data, src=0)


def average_gradients(module):
    """All-reduce gradients over processes, as DistributedDataParallel does.

    An explicit all-reduce instead of the DDP wrapper: the gradient penalty
    differentiates the discriminator twice, which DDP's autograd hooks do not support.
    """
    if not distributed():
        return
    grads = [p.grad for p in module.parameters() if p.grad is not None]
    flat = _flatten_dense_tensors(grads)
    dist.all_reduce(flat)
    flat /= dist.get_world_size()
    for grad, synced in zip(grads, _unflatten_dense_tensors(flat, grads)):
        grad.copy_(synced)


def gradient_penalty(discriminator, real, fake, cond, generator):
    """WGAN-GP penalty on points between real and fake packs (Gulrajani et al. 2017)."""
    pac = discriminator.pac
    alpha = torch.rand(real.shape[0] // pac, 1, 1, generator=generator, device=real.device)
    alpha = alpha.expand(-1, pac, real.shape[1]).reshape(real.shape)
    mixed = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
    score = discriminator(mixed, cond, generator)
    (grad,) = torch.autograd.grad(score.sum(), mixed, create_graph=True)
    # gradient norm per pack: (B, d) -> (B / pac, pac * d)
    norms = grad.reshape(-1, pac * real.shape[1]).norm(2, dim=1)
    return ((norms - 1.0) ** 2).mean()


@dataclass
class Training:
    """Everything one fit's training loop needs, on the training device.

    ``private`` is the DP-SGD update of the discriminator
    (:class:`skgan._dp.DPDiscriminator`), or None without differential privacy.
    """

    generator: torch.nn.Module
    discriminator: torch.nn.Module
    activation: Activation
    conditions: ConditionSampler
    opt_generator: object  # skgan._optim.Adam, or torch's fused Adam on CUDA
    opt_discriminator: object
    rng: torch.Generator
    noise_dim: int
    batch_size: int
    tau: float = 0.2  # Gumbel-softmax temperature (CTGAN's choice)
    gp_weight: float = 10.0
    private: object = None


def _fake(run, cond):
    noise = torch.randn(cond.shape[0], run.noise_dim, generator=run.rng, device=cond.device)
    raw = run.generator(noise, cond)
    return raw, run.activation.train_output(raw, run.tau, run.rng)


def discriminator_step(run, data):
    """One discriminator update; returns (discriminator loss, gradient penalty) as tensors."""
    rows, cond, _ = run.conditions.draw_training(run.batch_size, run.rng)
    real = data[rows]
    with torch.no_grad():
        _, fake = _fake(run, cond)
    wdist = (
        run.discriminator(real, cond, run.rng).mean()
        - run.discriminator(fake, cond, run.rng).mean()
    )
    penalty = gradient_penalty(run.discriminator, real, fake, cond, run.rng)
    loss = -wdist + run.gp_weight * penalty
    run.opt_discriminator.zero_grad(set_to_none=True)
    loss.backward()
    average_gradients(run.discriminator)
    run.opt_discriminator.step()
    return wdist.detach(), penalty.detach()


def generator_step(run):
    """One generator update: fool the discriminator and honour the condition."""
    _, cond, levels = run.conditions.draw_training(run.batch_size, run.rng)
    raw, fake = _fake(run, cond)
    score = run.discriminator(fake, cond, run.rng)
    private = run.private is not None
    # the private discriminator is trained with the logistic loss (see _dp.DPDiscriminator)
    loss = torch.nn.functional.softplus(-score).mean() if private else -score.mean()
    cond_loss = torch.zeros((), device=raw.device)
    if run.conditions.n_discrete:
        _, logits = run.activation.split(raw)
        logp = run.activation.log_softmax(logits)
        cond_loss = -logp.gather(1, levels[:, None]).mean()
        loss = loss + cond_loss
    run.opt_generator.zero_grad(set_to_none=True)
    loss.backward()
    average_gradients(run.generator)
    run.opt_generator.step()
    return loss.detach(), cond_loss.detach()


_HISTORY_KEYS = (
    "loss_generator",
    "loss_discriminator",
    "wasserstein",
    "gradient_penalty",
    "loss_condition",
)


def train(run, data, n_steps, progress=None, check_every=50, stop=None):
    """Run up to ``n_steps`` generator updates, each after one discriminator update.

    Every ``check_every`` steps the losses are checked and ``stop(step)``, when
    given, is asked whether to end early. Returns the history as a list of
    dicts, one per step run. Raises :class:`~skgan.exceptions.TrainingDivergedError`
    as soon as a loss is not finite.
    """
    record = torch.zeros(n_steps, len(_HISTORY_KEYS), device=data.device)
    private = run.private is not None
    # Under differential privacy the discriminator's losses on real rows are not
    # released (they are not private): those history entries stay NaN.
    wdist = penalty = torch.tensor(float("nan"))
    watched = [0, 4] if private else slice(None)
    run.generator.train()
    run.discriminator.train()
    step = -1  # n_steps=0: the untrained generator (the residual one's class marginals)
    for step in range(n_steps):
        if private:
            run.private.step(run, data, lambda cond: _fake(run, cond)[1])
        else:
            wdist, penalty = discriminator_step(run, data)
        loss_g, loss_c = generator_step(run)
        record[step, 0] = loss_g
        record[step, 1] = -wdist + run.gp_weight * penalty
        record[step, 2] = wdist
        record[step, 3] = penalty
        record[step, 4] = loss_c
        if (step + 1) % check_every == 0 or step + 1 == n_steps:
            _check_finite(record[:, watched], step)
            if progress is not None:
                progress.update(min(check_every, step + 1 - progress.n))
                progress.set_postfix(W=f"{float(wdist):.3f}", G=f"{float(loss_g):.3f}")
            if stop is not None and stop(step + 1):
                break
    rows = record[: step + 1].cpu().numpy()
    return [
        {"step": i + 1, **{k: float(v) for k, v in zip(_HISTORY_KEYS, row)}}
        for i, row in enumerate(rows)
    ]


def _check_finite(record, step):
    window = record[max(0, step - 200) : step + 1]
    if not bool(torch.isfinite(window).all()):
        bad = int(torch.nonzero(~torch.isfinite(record[: step + 1]).all(1))[0]) + 1
        raise TrainingDivergedError(
            f"GAN training diverged at step {bad}: a loss became NaN or infinite. "
            "Try a lower learning_rate, a smaller batch_size, or "
            "check the input for extreme values; the losses so far are in the "
            "error's `history` attribute.",
            history=record[: step + 1].cpu().numpy(),
        )

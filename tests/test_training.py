"""Training (skgan._training): the gradient penalty and the loop."""

import numpy as np
import pytest
import torch

from skgan._networks import Activation, Discriminator, Generator, build
from skgan._training import Training, gradient_penalty, train

from .conftest import make_conditions


def test_gradient_penalty_is_zero_for_a_unit_lipschitz_linear_discriminator():
    d = build(Discriminator, 4, (), 2, 0.0, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        d.out.weight.copy_(torch.ones_like(d.out.weight) / d.out.weight.numel() ** 0.5)
    real, fake, cond = torch.randn(8, 3), torch.randn(8, 3), torch.zeros(8, 1)
    # the gradient w.r.t. the rows of a pack is the weight slice of the rows (not of cond)
    w = d.out.weight.reshape(2, 4)[:, :3]
    expected = ((w.norm() - 1.0) ** 2).item()
    penalty = gradient_penalty(d, real, fake, cond, torch.Generator().manual_seed(0))
    assert penalty.item() == pytest.approx(expected, abs=1e-6)
    with torch.no_grad():
        d.out.weight.mul_(0.0)
    assert gradient_penalty(d, real, fake, cond, torch.Generator()).item() == pytest.approx(1.0)


def test_training_loop_records_history_and_stops_on_divergence():
    from skgan.exceptions import TrainingDivergedError

    sampler, _, _ = make_conditions()
    data = torch.randn(123, 5)
    init = torch.Generator().manual_seed(0)
    gen = build(Generator, 4, 6, (8,), 5, generator=init)
    disc = build(Discriminator, 11, (8,), 2, 0.5, generator=init)
    run = Training(
        generator=gen,
        discriminator=disc,
        activation=Activation(2, torch.tensor([0, 0, 1])),
        conditions=sampler.to("cpu"),
        opt_generator=torch.optim.Adam(gen.parameters(), lr=1e-3),
        opt_discriminator=torch.optim.Adam(disc.parameters(), lr=1e-3),
        rng=torch.Generator().manual_seed(1),
        noise_dim=4,
        batch_size=20,
    )
    history = train(run, data, 7, check_every=3)
    assert [h["step"] for h in history] == list(range(1, 8))
    assert all(np.isfinite(h["loss_discriminator"]) for h in history)
    with torch.no_grad():
        disc.out.weight.fill_(float("nan"))
    with pytest.raises(TrainingDivergedError, match="diverged at step 1"):
        train(run, data, 5, check_every=5)

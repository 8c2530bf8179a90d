"""Training pieces: condition sampler, output activations, gradient penalty, the loop."""

import numpy as np
import pytest
import torch

from skgan._conditions import ConditionSampler
from skgan._networks import Activation, Discriminator, Generator, build
from skgan._training import Training, gradient_penalty, train


def _conditions():
    # 3 classes; one segment of 3 levels; class 2 is rare and only has level 2
    y = np.r_[np.zeros(90, int), np.ones(30, int), np.full(3, 2)]
    levels = np.r_[
        np.zeros(80, int), np.ones(10, int), np.zeros(20, int), np.ones(10, int), np.full(3, 2)
    ]
    return ConditionSampler(levels[:, None], y, 3, 3), y, levels


def test_training_draws_balance_classes_and_honour_conditions():
    sampler, y, levels = _conditions()
    sampler.to("cpu")
    rows, cond, drawn_levels = sampler.draw_training(30_000, torch.Generator().manual_seed(0))
    classes = cond[:, :3].argmax(1).numpy()
    assert np.allclose(np.bincount(classes) / 30_000, 1 / 3, atol=0.02)
    # every drawn row belongs to the drawn class and has the drawn level
    assert (y[rows.numpy()] == classes).all()
    assert (levels[rows.numpy()] == drawn_levels.numpy()).all()
    assert (cond[:, 3:].argmax(1) == drawn_levels).all()
    # training-by-sampling: within class 0, the rare level is drawn more than its 1/9 share
    rare = (drawn_levels.numpy() == 1)[classes == 0].mean()
    assert 1 / 9 < rare < 0.5


def test_sampling_draws_follow_observed_level_frequencies():
    sampler, _, _ = _conditions()
    sampler.to("cpu")
    classes = torch.zeros(20_000, dtype=torch.long)
    _, levels = sampler.draw_sampling(classes, torch.ones(1, 3), torch.Generator().manual_seed(0))
    assert np.isclose((levels.numpy() == 1).mean(), 10 / 90, atol=0.01)
    _, levels = sampler.draw_sampling(classes + 2, torch.ones(1, 3), torch.Generator())
    assert (levels == 2).all()  # a level never seen in a class is never asked for


def test_condition_sampler_state_round_trip_keeps_no_rows():
    sampler, _, _ = _conditions()
    restored = ConditionSampler.from_state(sampler.get_state())
    assert restored.codes is None and restored.keys is None
    assert np.array_equal(restored.level_counts, sampler.level_counts)


def test_activation_normalises_within_each_segment_and_samples_valid_codes():
    segment_ids = torch.tensor([0, 0, 1, 1, 1])
    act = Activation(2, segment_ids)
    logits = torch.randn(64, 5, generator=torch.Generator().manual_seed(0))
    probs = act.log_softmax(logits).exp()
    assert torch.allclose(probs[:, :2].sum(1), torch.ones(64), atol=1e-5)
    assert torch.allclose(probs[:, 2:].sum(1), torch.ones(64), atol=1e-5)
    codes = act.sample_codes(logits, torch.Generator().manual_seed(0))
    assert codes.shape == (64, 2)
    assert codes[:, 0].max() <= 1 and codes[:, 1].max() <= 2 and codes.min() >= 0
    # a dominant logit is always chosen
    logits[:, 4] = 100.0
    assert (act.sample_codes(logits, torch.Generator())[:, 1] == 2).all()
    out = act.train_output(torch.cat([torch.zeros(64, 2), logits], 1), 0.2, torch.Generator())
    assert out.shape == (64, 7) and torch.allclose(out[:, 2:4].sum(1), torch.ones(64))


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

    sampler, _, _ = _conditions()
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

"""Networks (skgan._networks): generator, discriminator, output activations, initialisation."""

import numpy as np
import pytest
import torch

from skgan._networks import Activation, Discriminator, Generator, build


def _seeded(seed=0):
    return torch.Generator().manual_seed(seed)


def _one_hot(classes, width):
    return torch.nn.functional.one_hot(torch.as_tensor(classes), width).float()


# --- generator -----------------------------------------------------------------------------


def test_generator_shapes_and_residual_widths():
    g = build(Generator, 4, 3, (8, 16), 7, generator=_seeded())
    assert g.head.in_features == 4 + 3 + 8 + 16  # every block's input is passed on
    out = g(torch.randn(10, 4), torch.zeros(10, 3))
    assert out.shape == (10, 7)
    assert g.config == dict(
        noise_dim=4, cond_dim=3, hidden=[8, 16], out_dim=7, base_shapes=[[0, 0, 0], [0, 0]]
    )
    # without a copula the output is the learned head alone
    g.eval()
    noise, cond = torch.randn(5, 4), torch.zeros(5, 3)
    torch.testing.assert_close(g(noise, cond), g.head(g.net(torch.cat([noise, cond], 1))))


def test_untrained_residual_generator_outputs_the_marginals():
    logits = np.log(np.array([[0.7, 0.3], [0.1, 0.9]]))
    mix = np.broadcast_to(np.eye(3), (2, 3, 3)).copy()
    g = build(Generator, 4, 4, (8,), 5, mix, logits, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        g.head.weight.zero_()
        g.head.bias.zero_()
    noise = torch.randn(6, 4)
    cond = torch.zeros(6, 4)
    cond[:, 1] = 1.0  # class 1
    out = g.eval()(noise, cond)
    torch.testing.assert_close(out[:, :3], noise[:, :3])
    torch.testing.assert_close(
        out[:, 3:], torch.as_tensor(logits[1], dtype=torch.float32).expand(6, 2)
    )


def _residual(corr, logits, out_dim, noise_dim=4):
    mix = np.linalg.cholesky(corr)
    cond_dim = len(corr) + logits.shape[1]
    g = build(Generator, noise_dim, cond_dim, (8,), out_dim, mix, logits, generator=_seeded())
    with torch.no_grad():
        g.head.weight.zero_()
        g.head.bias.zero_()
    return g.eval(), mix


def test_residual_generator_at_zero_head_draws_each_class_from_its_copula():
    corr = np.array([[[1.0, 0.8], [0.8, 1.0]], [[1.0, -0.5], [-0.5, 1.0]]])
    logits = np.log(np.array([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]]))
    g, mix = _residual(corr, logits, out_dim=2 + 1 + 3)
    n = 20_000
    classes = np.r_[np.zeros(n, int), np.ones(n, int)]
    noise = torch.randn(2 * n, 4, generator=_seeded(1))
    cond = torch.cat([_one_hot(classes, 2), torch.zeros(2 * n, 3)], 1)
    with torch.no_grad():
        out = g(noise, cond)
    # each row's continuous outputs: its class's factor times its first noise columns
    expected = torch.einsum(
        "bij,bj->bi", torch.as_tensor(mix, dtype=torch.float32)[classes], noise[:, :2]
    )
    torch.testing.assert_close(out[:, :2], expected, rtol=1e-5, atol=1e-5)
    for k in (0, 1):
        rows = out[torch.as_tensor(classes == k), :2].numpy()
        np.testing.assert_allclose(np.corrcoef(rows.T)[0, 1], corr[k, 0, 1], atol=0.02)
        np.testing.assert_allclose(rows.std(0), 1.0, atol=0.02)  # standard normal marginals
    assert (out[:, 2] == 0).all()  # a column neither continuous base nor logit
    torch.testing.assert_close(out[:n, 3:], torch.as_tensor(logits[0]).float().expand(n, 3))
    torch.testing.assert_close(out[n:, 3:], torch.as_tensor(logits[1]).float().expand(n, 3))


def test_copula_mix_per_class_matches_one_factor_per_row():
    # the (B, c, c) formula of skgan <= 0.4, one factor per row, against the
    # per-class mix that replaced it (O(B c + classes c^2) memory)
    rng = np.random.default_rng(0)
    n_classes, c, n = 3, 7, 64
    mix = np.tril(rng.normal(size=(n_classes, c, c)))
    g = Generator(c + 2, n_classes, (8,), c, mix, np.zeros((n_classes, 0)))
    g.eval()
    noise = torch.randn(n, c + 2, generator=_seeded(3))
    classes = rng.integers(0, n_classes, n)
    for cond in (_one_hot(classes, n_classes), torch.rand(n, n_classes, generator=_seeded(4))):
        with torch.no_grad():
            out = g(noise, cond)
            head = g.head(g.net(torch.cat([noise, cond], 1)))
        factors = (cond @ g.class_mix.reshape(n_classes, -1)).reshape(-1, c, c)
        old = (factors @ noise[:, :c, None]).squeeze(2)
        torch.testing.assert_close(out - head, old, rtol=1e-5, atol=1e-5)


def test_residual_generator_keeps_its_copula_in_the_state_dict():
    corr = np.eye(2)[None].repeat(2, 0)
    g, _ = _residual(corr, np.zeros((2, 3)), out_dim=5)
    state = g.state_dict()
    assert state["class_mix"].shape == (2, 2, 2) and state["class_logits"].shape == (2, 3)
    assert g.config["base_shapes"] == [[2, 2, 2], [2, 3]]
    again = Generator(4, 5, (8,), 5, np.zeros((2, 2, 2)), np.zeros((2, 3)))
    again.load_state_dict(state)
    assert torch.equal(again.class_mix, g.class_mix)


# --- discriminator -------------------------------------------------------------------------


def test_discriminator_scores_packs_of_consecutive_rows():
    d = build(Discriminator, 5 + 2, (16, 8), 4, 0.0, generator=_seeded()).eval()
    x, cond = torch.randn(12, 5, generator=_seeded(1)), _one_hot([0, 1] * 6, 2)
    trace = []
    scores = d(x, cond, trace=trace)
    assert scores.shape == (3,)
    assert [h.shape[1] for h, _ in trace] == [4 * 7, 16, 8]  # one entry per Linear layer
    changed = x.clone()
    changed[5] += 1.0  # a row of the second pack
    moved = d(changed, cond) != scores
    assert moved.tolist() == [False, True, False]


def test_discriminator_dropout_draws_from_the_given_generator_only():
    d = build(Discriminator, 6, (32,), 1, 0.5, generator=_seeded())
    x, cond = torch.randn(50, 4), torch.zeros(50, 2)
    d.train()
    first, again = d(x, cond, _seeded(7)), d(x, cond, _seeded(7))
    assert torch.equal(first, again)
    assert not torch.equal(first, d(x, cond, _seeded(8)))
    d.eval()
    assert torch.equal(d(x, cond, _seeded(1)), d(x, cond, _seeded(2)))  # no dropout in eval
    without = build(Discriminator, 6, (32,), 1, 0.0, generator=_seeded()).train()
    torch.testing.assert_close(without(x, cond), d(x, cond))


# --- initialisation ------------------------------------------------------------------------


def test_build_initialises_from_its_generator_and_leaves_the_global_rng():
    state = torch.get_rng_state()
    a = build(Generator, 4, 3, (8,), 5, generator=_seeded(0))
    assert torch.equal(torch.get_rng_state(), state)
    b = build(Generator, 4, 3, (8,), 5, generator=_seeded(0))
    c = build(Generator, 4, 3, (8,), 5, generator=_seeded(1))
    for (name, pa), pb, pc in zip(a.named_parameters(), b.parameters(), c.parameters()):
        assert torch.equal(pa, pb), name
        if name.endswith("weight") and pa.ndim == 2:
            assert not torch.equal(pa, pc), name


# --- output activations --------------------------------------------------------------------


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


def test_sampled_codes_follow_the_softmax_of_each_segment():
    act = Activation(1, torch.tensor([0, 0, 1, 1, 1]))
    p0, p1 = torch.tensor([0.8, 0.2]), torch.tensor([0.1, 0.3, 0.6])
    logits = torch.cat([p0.log(), p1.log()]).expand(40_000, -1).contiguous()
    codes = act.sample_codes(logits, _seeded(0)).numpy()
    np.testing.assert_allclose(np.bincount(codes[:, 0]) / 40_000, p0, atol=0.01)
    np.testing.assert_allclose(np.bincount(codes[:, 1]) / 40_000, p1, atol=0.01)


def test_log_softmax_is_stable_and_tables_without_categories_pass_through():
    act = Activation(0, torch.tensor([0, 0, 1]))
    logits = torch.tensor([[1e4, 0.0, -1e4], [-1e4, 1e4, 3.0]])
    probs = act.log_softmax(logits).exp()
    assert torch.isfinite(probs).all()
    torch.testing.assert_close(probs, torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]))
    plain = Activation(3, torch.zeros(0, dtype=torch.long))
    assert plain.n_segments == 0
    raw = torch.randn(4, 3)
    assert torch.equal(plain.train_output(raw, 0.2, _seeded()), raw)


@pytest.mark.parametrize("tau", [0.2, 1.0])
def test_gumbel_softmax_output_is_a_distribution_per_segment(tau):
    act = Activation(2, torch.tensor([0, 0, 0, 1, 1]))
    raw = torch.randn(32, 7, generator=_seeded(0))
    out = act.train_output(raw, tau, _seeded(1))
    torch.testing.assert_close(out[:, :2], raw[:, :2])  # continuous block untouched
    assert (out[:, 2:] >= 0).all()
    torch.testing.assert_close(out[:, 2:5].sum(1), torch.ones(32))
    torch.testing.assert_close(out[:, 5:].sum(1), torch.ones(32))

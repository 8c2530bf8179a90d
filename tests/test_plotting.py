import numpy as np
import pandas as pd
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from skgan.plotting import (  # noqa: E402
    REAL_COLOR,
    SYNTHETIC_COLOR,
    plot_comparison,
    plot_embedding,
    plot_history,
    plot_marginals,
)

from .conftest import make_mixed_frame  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def tables():
    real, _ = make_mixed_frame(n=200, seed=0)
    synthetic, _ = make_mixed_frame(n=150, seed=1)
    return real, synthetic


def _colors(ax):
    return {to_hex(p.get_facecolor(), keep_alpha=False) for p in ax.patches}


def test_marginals_one_panel_per_column_with_consistent_colours(tables):
    real, synthetic = tables
    fig = plot_marginals(real, synthetic)
    assert [ax.get_title() for ax in fig.axes] == list(real.columns)
    for ax in fig.axes:
        assert _colors(ax) == {REAL_COLOR, SYNTHETIC_COLOR}
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["real", "synthetic"]


def test_marginals_log_axis_for_heavy_tails_and_bars_for_categories(tables):
    real, synthetic = tables
    fig = plot_marginals(real, synthetic, columns=["followers", "score", "lang"])
    followers, score, lang = fig.axes
    assert followers.get_xscale() == "log" and "log scale" in followers.get_xlabel()
    assert score.get_xscale() == "linear"
    labels = [t.get_text() for t in lang.get_xticklabels()]
    assert labels[:2] == ["en", "es"]  # most frequent real levels first
    # The missing-value note appears where values are missing.
    ratio = plot_marginals(real, synthetic, columns=["ratio"]).axes[0]
    assert any("missing" in t.get_text() for t in ratio.texts)


def test_marginals_by_class(tables):
    real, synthetic = tables
    y_real = np.arange(len(real)) % 2
    fig = plot_marginals(real, synthetic, columns=["score"], by=(y_real, np.ones(len(synthetic))))
    assert [ax.get_title() for ax in fig.axes] == ["score | class=0", "score | class=1"]
    assert any("no synthetic rows" in t.get_text() for t in fig.axes[0].texts)
    with_col = plot_marginals(real, synthetic, by="verified", max_columns=2)
    assert len(with_col.axes) == 4
    assert all("verified" not in ax.get_title().split(" | ")[0] for ax in with_col.axes)


def test_marginals_errors(tables):
    real, synthetic = tables
    with pytest.raises(ValueError, match="same columns"):
        plot_marginals(real, synthetic.iloc[:, 1:])
    with pytest.raises(ValueError, match="not in the tables"):
        plot_marginals(real, synthetic, columns=["nope"])


def test_embedding(tables):
    real, synthetic = tables
    fig = plot_embedding(real, synthetic)
    ax = fig.axes[0]
    real_pts, synth_pts = ax.collections
    assert len(real_pts.get_offsets()) == len(real)
    assert len(synth_pts.get_offsets()) == len(synthetic)
    assert to_hex(real_pts.get_facecolor()[0], keep_alpha=False) == REAL_COLOR
    assert to_hex(synth_pts.get_facecolor()[0], keep_alpha=False) == SYNTHETIC_COLOR
    assert ax.get_xlabel().startswith("PC 1")
    small = plot_embedding(real, synthetic, max_points=50, method="tsne")
    assert len(small.axes[0].collections[0].get_offsets()) == 50
    with pytest.raises(ValueError, match="method"):
        plot_embedding(real, synthetic, method="umap")


def test_history_from_sampler_smooths_curves(mixed_data, fast_params):
    from skgan import GANSampler

    X, y = mixed_data
    sampler = GANSampler(**dict(fast_params, n_steps=40)).fit(X, y)
    fig = plot_history(sampler, window=10)
    assert len(fig.axes) == 4
    losses = fig.axes[0]
    raw, smooth = losses.lines[0].get_ydata(), losses.lines[1].get_ydata()
    assert len(raw) == 40
    np.testing.assert_allclose(raw, [h["loss_generator"] for h in sampler.history_])
    np.testing.assert_allclose(smooth[-1], np.mean(raw[-8:]))  # window shortened to 40 // 5
    with pytest.raises(ValueError, match="empty"):
        plot_history([])
    with pytest.raises(ValueError, match="lacks"):
        plot_history([{"step": 1, "loss_generator": 0.0}])


def test_comparison_boxes_per_sampler_and_classifier():
    rng = np.random.default_rng(0)
    results = pd.DataFrame(
        [
            {"sampler": s, "classifier": c, "repeat": 0, "fold": f, "metric": m, "value": v}
            for s in ("none", "smote", "gan")
            for c in ("LR", "HGB")
            for f in range(4)
            for m, v in (("f1", rng.random()), ("average_precision", rng.random()))
        ]
    )
    fig = plot_comparison(results, metric=["f1", "average_precision"])
    assert len(fig.axes) == 4
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["none", "smote", "gan"]
    assert ax.get_title() == "LR: f1"
    assert "(4 splits)" in fig.get_suptitle()
    dots = np.concatenate([c.get_offsets()[:, 1] for c in ax.collections])
    expected = results.query("classifier == 'LR' and metric == 'f1'")["value"]
    np.testing.assert_allclose(np.sort(dots), np.sort(expected))
    with pytest.raises(ValueError, match="not in results"):
        plot_comparison(results, metric="recall")

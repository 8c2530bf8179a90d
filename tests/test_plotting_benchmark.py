"""Figures of ``skgan benchmark``: scores side by side, and the synthetic rows' measures."""

import numpy as np
import pandas as pd
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from skgan.plotting import plot_comparison, plot_synthetic_quality  # noqa: E402

SAMPLERS = ["none", "class_weight", "SMOTENC", "GANSampler"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def results():
    rng = np.random.default_rng(0)
    rows = [
        {"sampler": s, "classifier": "HGB", "fold": f, "metric": m, "value": rng.random()}
        for s in SAMPLERS
        for f in range(3)
        for m in ("balanced_accuracy", "f1", "average_precision")
    ]
    return pd.DataFrame(rows)


@pytest.fixture
def synthetic():
    return pd.DataFrame(
        {
            "sampler": ["SMOTENC"] * 3 + ["GANSampler"] * 3,
            "fold": [0, 1, 2] * 2,
            "exact_copy_rate": [0.1, 0.2, 0.15, 0.0, 0.0, 0.0],
            "dcr_ratio": [0.5, 0.6, 9.0, 1.0, 1.2, 1.1],
            "detection_auc": [0.6, 0.55, 0.58, 0.9, 0.92, 0.88],
            "fit_time_sampler": [0.1, 0.1, 0.1, 10.0, 11.0, 12.0],
        }
    )


def test_comparison_metrics_side_by_side(results):
    fig = plot_comparison(
        results, metric=["balanced_accuracy", "f1", "average_precision"], ncols=3
    )
    assert len(fig.axes) == 3
    assert [ax.get_title() for ax in fig.axes] == [
        "HGB: balanced_accuracy",
        "HGB: f1",
        "HGB: average_precision",
    ]
    # Each panel keeps its own y axis and label when metrics share a row.
    assert [ax.get_ylabel() for ax in fig.axes] == ["balanced accuracy", "f1", "average precision"]
    assert len({ax.get_position().y0 for ax in fig.axes}) == 1
    assert len(plot_comparison(results, metric=["f1", "balanced_accuracy"], ncols=1).axes) == 2
    with pytest.raises(ValueError, match="ncols must be a positive integer or None, got 0"):
        plot_comparison(results, ncols=0)


def test_synthetic_quality_panels_medians_and_colours(results, synthetic):
    fig = plot_synthetic_quality(synthetic, samplers=SAMPLERS)
    assert len(fig.axes) == 4
    copies, distance, detection, _ = fig.axes
    assert [t.get_text() for t in copies.get_xticklabels()] == ["SMOTENC", "GANSampler"]
    heights = [bar.get_height() for bar in distance.patches]
    assert heights == pytest.approx([0.6, 1.1])  # medians: the 9.0 fold does not dominate
    assert detection.lines[0].get_ydata()[0] == 0.5  # the ideal generator's line
    assert distance.get_yscale() == "log"
    assert [bar.get_height() for bar in fig.axes[3].patches] == pytest.approx([0.1, 11.0])
    # The same colour per sampler as in the score figure of the same comparison.
    boxes = plot_comparison(results, metric="f1")
    box_colors = [to_hex(p.get_facecolor(), keep_alpha=False) for p in boxes.axes[0].patches]
    bar_colors = [to_hex(p.get_facecolor(), keep_alpha=False) for p in copies.patches]
    assert bar_colors == box_colors[2:]
    assert len(plot_synthetic_quality(synthetic.drop(columns="fit_time_sampler")).axes) == 3
    with pytest.raises(ValueError, match="must have a 'sampler' column"):
        plot_synthetic_quality(synthetic[["sampler"]])


@pytest.fixture
def dots():
    return pd.DataFrame(
        {"SMOTENC": [0.6, 0.7, np.nan], "GANSampler": [0.65, 0.72, 0.8], "ROS": [0.5, 0.6, 0.7]},
        index=["table_a", "table_b", "table_c"],
    )


def test_dot_plot_one_row_per_table_one_marker_per_sampler(dots):
    from skgan.plotting import plot_dots

    fig = plot_dots(dots, xlabel="minority F1", title="F1")
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["table_a", "table_b", "table_c"]
    # one line of markers per sampler, its missing table left out (the rest: row rules)
    marks = [line for line in ax.lines if not line.get_label().startswith("_")]
    assert [line.get_label() for line in marks] == ["SMOTENC", "GANSampler", "ROS"]
    assert [len(line.get_xdata()) for line in marks] == [2, 3, 3]
    assert list(marks[1].get_xdata()) == [0.65, 0.72, 0.8]
    # samplers side by side within a row; different colours and markers
    assert len({round(line.get_ydata()[0], 6) for line in marks}) == 3
    assert len({line.get_marker() for line in marks}) == 3
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # the first table on top
    assert ax.get_xlabel() == "minority F1" and ax.get_title() == "F1"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["SMOTENC", "GANSampler", "ROS"]


def test_dot_plot_floor_reference_and_log_axis(dots):
    from skgan.plotting import plot_dots

    floor = pd.Series({"table_a": 0.55, "table_c": 0.52})
    fig = plot_dots(dots, floor=floor, floor_label="real vs real", reference=0.5, log=True)
    (ax,) = fig.axes
    (floors,) = ax.collections
    assert floors.get_offsets()[:, 0].tolist() == [0.55, 0.52]  # table_b has no floor
    assert floors.get_offsets()[:, 1].tolist() == [0, 2]
    assert ax.get_xscale() == "log"
    assert "real vs real" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(list(line.get_xdata()) == [0.5, 0.5] for line in ax.lines)  # reference line
    # a sampler without values keeps its slot: the next one's marker does not change
    fig = plot_dots(dots.assign(SMOTENC=np.nan))
    marks = [line for line in fig.axes[0].lines if not line.get_label().startswith("_")]
    assert [line.get_label() for line in marks] == ["GANSampler", "ROS"]
    assert [line.get_marker() for line in marks] == ["s", "D"]
    with pytest.raises(TypeError, match="must be a DataFrame"):
        plot_dots(dots["ROS"])
    with pytest.raises(ValueError, match="at least one table"):
        plot_dots(dots.iloc[:0])

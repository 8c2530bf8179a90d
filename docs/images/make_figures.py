"""Draw the figures of the user guide's "How the GAN works" page.

Run from the repository root after changing the model or this script, and
commit the PNGs (the docs build does not run it)::

    .venv/bin/python docs/images/make_figures.py
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from scipy.special import ndtr, ndtri

HERE = Path(__file__).resolve().parent
DATA, NET, LOSS, COND = "#dbe9f6", "#fde2c8", "#f4d4d4", "#dff0d8"


def box(ax, xy, wh, text, color, size=8.5, bold_first=True):
    x, y = xy
    w, h = wh
    ax.add_patch(
        FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle="round,pad=0.012,rounding_size=0.02",
            fc=color,
            ec="#555555",
            lw=0.9,
        )
    )
    lines = text.split("\n")
    if bold_first:
        ax.text(
            x + w / 2,
            y + h - 0.018,
            lines[0],
            ha="center",
            va="top",
            fontsize=size + 0.5,
            weight="bold",
        )
        ax.text(
            x + w / 2,
            y + h / 2 - 0.012 * (len(lines) > 2),
            "\n".join(lines[1:]),
            ha="center",
            va="center",
            fontsize=size,
            linespacing=1.35,
        )
    else:
        ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=size)
    return (x, y, w, h)


def arrow(ax, start, end, text=None, rad=0.0, offset=(0, 0.012)):
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=11,
            lw=1.0,
            color="#333333",
            connectionstyle=f"arc3,rad={rad}",
        )
    )
    if text:
        mx, my = (start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1]
        ax.text(mx, my, text, ha="center", va="bottom", fontsize=7.5, style="italic")


def architecture():
    """One training step: encoding (top), the generator (middle), the losses (bottom)."""
    fig, ax = plt.subplots(figsize=(11, 6.4))
    ax.set(xlim=(-0.005, 0.985), ylim=(0, 1))
    ax.axis("off")
    _encoding_row(ax)
    _generator_row(ax)
    _discriminator_row(ax)
    ax.text(
        0.5,
        0.02,
        "Each generator step follows one discriminator step (Adam, both at "
        "learning_rate); n_steps generator steps in all.\n"
        "Sampling class k: ask the generator for k, decode scores through the stored "
        "quantiles and draw one level per group; copies of training rows are redrawn.",
        ha="center",
        va="bottom",
        fontsize=8.2,
        color="#333333",
    )
    fig.savefig(HERE / "gan_architecture.png", dpi=110, bbox_inches="tight")
    plt.close(fig)


def _encoding_row(ax):
    box(
        ax,
        (0.01, 0.80),
        (0.17, 0.16),
        "Real table\ncounts, ratios, dates,\ncategories, booleans,\nmissing values",
        DATA,
    )
    box(
        ax,
        (0.24, 0.80),
        (0.30, 0.16),
        "Encode (fitted once)\nnumeric: empirical CDF -> normal score\n"
        "categorical: one-hot group\nnumeric with NaN: + (observed | missing) group",
        DATA,
    )
    box(ax, (0.60, 0.80), (0.17, 0.16), "Encoded rows\n[normal scores |\none-hot groups]", DATA)
    box(
        ax,
        (0.80, 0.80),
        (0.17, 0.16),
        "Condition sampler\nclass k: uniform\nlevel of one group:\n~ log-frequency in k",
        COND,
    )
    arrow(ax, (0.18, 0.88), (0.24, 0.88))
    arrow(ax, (0.54, 0.88), (0.60, 0.88))


def _generator_row(ax):
    box(ax, (0.01, 0.51), (0.12, 0.14), "Noise\nz ~ N(0, I)\n128 values", COND)
    box(
        ax,
        (0.18, 0.46),
        (0.20, 0.26),
        "Generator\nresidual layers\n(Linear, BatchNorm, ReLU)\ngenerator_dim",
        NET,
    )
    box(
        ax,
        (0.43, 0.46),
        (0.20, 0.18),
        "Output activations\nscores: as they are\neach one-hot group:\nGumbel-softmax",
        NET,
    )
    box(
        ax,
        (0.80, 0.50),
        (0.17, 0.15),
        "Condition vector c\n[class one-hot |\nlevel one-hot]",
        COND,
    )
    arrow(ax, (0.13, 0.58), (0.18, 0.58))
    arrow(ax, (0.38, 0.55), (0.43, 0.55))
    arrow(ax, (0.885, 0.80), (0.885, 0.65))
    arrow(ax, (0.80, 0.62), (0.38, 0.69), "c", offset=(0.0, 0.0))


def _discriminator_row(ax):
    box(
        ax,
        (0.01, 0.12),
        (0.30, 0.21),
        "Discriminator loss: -W + 10 x gradient penalty\n"
        "W = mean discriminator(real) - mean discriminator(fake)\n\n"
        "Generator loss: -mean discriminator(fake)\n+ cross-entropy of the asked level",
        LOSS,
        bold_first=False,
    )
    box(
        ax,
        (0.37, 0.12),
        (0.25, 0.21),
        "Discriminator (PacGAN)\npacks of 10 rows + their c\nLinear, LeakyReLU, dropout\n"
        "discriminator_dim",
        NET,
    )
    box(
        ax,
        (0.68, 0.12),
        (0.29, 0.21),
        "Real rows that match c\ntraining-by-sampling:\nrows of class k that hold\n"
        "the asked level",
        DATA,
    )
    arrow(ax, (0.53, 0.46), (0.50, 0.33), "fake rows", offset=(0.05, 0.0))
    arrow(ax, (0.72, 0.80), (0.72, 0.33), "rows", offset=(0.025, 0.0))
    arrow(ax, (0.885, 0.50), (0.885, 0.33))
    arrow(ax, (0.68, 0.22), (0.62, 0.22), "real", offset=(0.0, 0.005))
    arrow(ax, (0.37, 0.22), (0.31, 0.22))


def cdf_normalisation():
    """A zero-inflated, heavy-tailed count through its empirical CDF and back."""
    rng = np.random.default_rng(0)
    n = 2000
    counts = np.where(rng.random(n) < 0.35, 0, np.round(rng.lognormal(2.0, 1.3, n)))
    quantiles = np.quantile(counts, np.linspace(0, 1, 1000))
    refs = np.linspace(0, 1, 1000)
    up = np.interp(counts, quantiles, refs)
    down = -np.interp(-counts, -quantiles[::-1], -refs[::-1])
    scores = ndtri(np.clip(0.5 * (up + down), ndtr(-5), ndtr(5)))
    decoded = np.round(np.interp(ndtr(rng.normal(size=n)), refs, quantiles))

    fig, axes = plt.subplots(1, 3, figsize=(11, 3.0), layout="constrained")
    axes[0].hist(counts + 1, bins=np.geomspace(1, counts.max() + 1, 40), color="#1f77b4")
    axes[0].set(xscale="log", title="Real column: likes + 1 (log axis)", ylabel="rows")
    axes[1].hist(scores, bins=60, color="#1f77b4")
    axes[1].set(title="Encoded: normal scores", xlabel="score")
    axes[1].annotate(
        "the 35 % zeros: one point mass,\ndecoded back to exactly 0",
        xy=(scores[counts == 0][0], 700),
        xytext=(0.3, 650),
        fontsize=8,
        arrowprops={"arrowstyle": "->"},
    )
    axes[2].hist(decoded + 1, bins=np.geomspace(1, counts.max() + 1, 40), color="#ff7f0e")
    axes[2].set(xscale="log", title="Decoded from N(0, 1) noise")
    for ax in axes:
        ax.spines[["top", "right"]].set_visible(False)
    fig.savefig(HERE / "cdf_normalisation.png", dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    architecture()
    cdf_normalisation()

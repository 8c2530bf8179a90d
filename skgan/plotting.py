"""Figures for synthetic tables, GAN training and sampler comparisons (needs matplotlib).

Every function returns a :class:`matplotlib.figure.Figure`. Real data is
always drawn in :data:`REAL_COLOR` and synthetic data in
:data:`SYNTHETIC_COLOR`, so figures read alike side by side.
"""

import numpy as np
import pandas as pd

from ._validation import is_categorical_dtype, to_frame

__all__ = [
    "REAL_COLOR",
    "SYNTHETIC_COLOR",
    "plot_comparison",
    "plot_dots",
    "plot_embedding",
    "plot_history",
    "plot_marginals",
    "plot_synthetic_quality",
]

REAL_COLOR = "#1f77b4"  # matplotlib's tab:blue
SYNTHETIC_COLOR = "#ff7f0e"  # tab:orange

_MAX_LEVELS = 15  # categories shown per bar chart; the rest are pooled as "(other)"
_MISSING = "(missing)"


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "skgan.plotting needs matplotlib; install it with: pip install skgan[plot]"
        ) from exc
    return plt


def _grid(plt, n_panels, n_cols, panel_size=(3.4, 2.6)):
    n_cols = max(1, min(n_cols, n_panels))
    n_rows = int(np.ceil(n_panels / n_cols))
    fig, axes = plt.subplots(
        n_rows,
        n_cols,
        figsize=(panel_size[0] * n_cols, panel_size[1] * n_rows),
        squeeze=False,
        layout="constrained",
    )
    for ax in axes.flat[n_panels:]:
        ax.remove()
    return fig, axes.flat[:n_panels]


def _is_discrete(values):
    """Categorical dtype, or a numeric column with few distinct values (weekday, hour)."""
    return is_categorical_dtype(values.dtype) or values.nunique() <= 12


def _heavy_tailed(values):
    # Counts (followers, likes) are non-negative with a long right tail: on a linear
    # axis every bar but the first is invisible.
    v = values.dropna().to_numpy(dtype=float)
    return v.size > 0 and v.min() >= 0 and np.quantile(v, 0.99) > 10 * (np.median(v) + 1)


def _bar_panel(ax, real, synthetic):
    r = real.astype(object).where(real.notna(), _MISSING).astype(str)
    s = synthetic.astype(object).where(synthetic.notna(), _MISSING).astype(str)
    levels = r.value_counts().index.tolist()
    shown = levels[:_MAX_LEVELS]
    r = r.where(r.isin(shown), "(other)")
    s = s.where(s.isin(shown), "(other)")
    order = shown + [lvl for lvl in ("(other)",) if (r == lvl).any() or (s == lvl).any()]
    order += sorted(set(s) - set(order))  # levels the generator invented
    freq_r = r.value_counts(normalize=True).reindex(order, fill_value=0)
    freq_s = s.value_counts(normalize=True).reindex(order, fill_value=0)
    x = np.arange(len(order))
    ax.bar(x - 0.2, freq_r, width=0.4, color=REAL_COLOR, label="real")
    ax.bar(x + 0.2, freq_s, width=0.4, color=SYNTHETIC_COLOR, label="synthetic")
    ax.set_xticks(x, order, rotation=45 if len(order) > 4 else 0, ha="right", fontsize=8)
    ax.set_ylabel("share of rows")


def _hist_panel(ax, real, synthetic, bins, name):
    r = real.dropna().to_numpy(dtype=float)
    s = synthetic.dropna().to_numpy(dtype=float)
    both = np.concatenate([r, s])
    if both.size == 0:
        ax.text(0.5, 0.5, "all missing", ha="center", va="center", transform=ax.transAxes)
        return
    log = _heavy_tailed(real)
    if log:
        # Shift by one so that zero counts stay on the log axis.
        r, s, both = r + 1, s[s >= 0] + 1, both[both >= 0] + 1
        edges = np.geomspace(both.min(), both.max(), bins + 1)
        ax.set_xscale("log")
        ax.set_xlabel(f"{name} + 1 (log scale)")
    else:
        edges = np.histogram_bin_edges(both, bins=bins)
        ax.set_xlabel(str(name))
    # Shares of rows per bin rather than densities: comparable between tables of different
    # sizes, and not distorted by the unequal widths of log-spaced bins.
    for values, color, label in ((r, REAL_COLOR, "real"), (s, SYNTHETIC_COLOR, "synthetic")):
        if values.size:
            weights = np.full(values.size, 1.0 / values.size)
            ax.hist(values, bins=edges, weights=weights, color=color, alpha=0.35, label=label)
            ax.hist(values, bins=edges, weights=weights, color=color, histtype="step", lw=1.2)
    ax.set_ylabel("share of rows")


def _split_by(real, synthetic, by):
    """[(title suffix, real part, synthetic part)] for each class in ``by``."""
    if by is None:
        return [("", real, synthetic)]
    if isinstance(by, str):
        y_real, y_synth = real.pop(by), synthetic.pop(by)
        name = by
    else:
        y_real, y_synth = (pd.Series(np.asarray(v)) for v in by)
        name = "class"
        if len(y_real) != len(real) or len(y_synth) != len(synthetic):
            raise ValueError(
                "by=(y_real, y_synthetic) must have one label per row of real and synthetic."
            )
    # dict.fromkeys, not pd.unique: it keeps real's label type (1, not 1.0 from a float array).
    labels = list(dict.fromkeys([*y_real.tolist(), *y_synth.tolist()]))
    return [
        (
            f" | {name}={label}",
            real[(y_real == label).to_numpy()],
            synthetic[(y_synth == label).to_numpy()],
        )
        for label in labels
    ]


def plot_marginals(real, synthetic, *, columns=None, by=None, max_columns=12, bins=30, n_cols=4):
    """Real and synthetic distributions of each column, side by side.

    Numeric columns are drawn as overlaid histograms of row shares, on a log axis
    for heavy-tailed counts; categorical columns and numeric ones with at
    most 12 distinct values as bar charts of relative frequencies (missing
    values are a bar of their own). Panels note the share of missing values
    when a table has any.

    Parameters
    ----------
    real : DataFrame or array-like of shape (n_real, n_features)
        Real rows.

    synthetic : DataFrame or array-like of shape (n_synthetic, n_features)
        Synthetic rows with the same columns.

    columns : list of str or int, default=None
        Columns to draw; by default the first ``max_columns`` columns.

    by : str or tuple of array-like, default=None
        Draw each class separately: a column name present in both tables
        (it is not drawn itself), or a pair ``(y_real, y_synthetic)`` of
        labels, one per row. Each column then gets one panel per class.

    max_columns : int, default=12
        Most columns drawn when ``columns`` is None.

    bins : int, default=30
        Histogram bins of numeric columns.

    n_cols : int, default=4
        Panels per row of the figure.

    Returns
    -------
    fig : matplotlib.figure.Figure
        The figure, with one legend for real and synthetic.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np, pandas as pd
    >>> from skgan.plotting import plot_marginals
    >>> rng = np.random.default_rng(0)
    >>> real = pd.DataFrame({
    ...     "likes": rng.lognormal(3, 2, 200),
    ...     "type": rng.choice(["a", "b"], 200)})
    >>> synthetic = real.sample(frac=1.0, replace=True, random_state=0)
    >>> fig = plot_marginals(real, synthetic)
    >>> [ax.get_title() for ax in fig.axes]
    ['likes', 'type']
    """
    plt = _pyplot()
    real, synthetic = to_frame(real), to_frame(synthetic)
    if list(real.columns) != list(synthetic.columns):
        raise ValueError(
            "real and synthetic must have the same columns in the same order; got "
            f"{list(real.columns)} and {list(synthetic.columns)}."
        )
    groups = _split_by(real.copy(), synthetic.copy(), by)
    drawn = [c for c in groups[0][1].columns]
    if columns is None:
        columns = drawn[:max_columns]
    else:
        unknown = [c for c in columns if c not in drawn]
        if unknown:
            raise ValueError(f"columns {unknown} are not in the tables: {drawn}.")
    fig, axes = _grid(plt, len(columns) * len(groups), n_cols)
    panels = iter(axes)
    for column in columns:
        for suffix, r_part, s_part in groups:
            ax = next(panels)
            r, s = r_part[column], s_part[column]
            if _is_discrete(real[column]):
                _bar_panel(ax, r, s)
            else:
                _hist_panel(ax, r, s, bins, column)
            ax.set_title(f"{column}{suffix}", fontsize=10)
            notes = [] if len(s) else ["no synthetic rows"]
            if r.isna().any() or s.isna().any():
                shares = [
                    f"{p.isna().mean():.0%} {n}" for p, n in ((r, "real"), (s, "synth.")) if len(p)
                ]
                notes.append("missing: " + ", ".join(shares))
            if notes:
                ax.text(
                    0.98,
                    0.95,
                    "\n".join(notes),
                    ha="right",
                    va="top",
                    fontsize=7,
                    transform=ax.transAxes,
                )
            ax.spines[["top", "right"]].set_visible(False)
    from matplotlib.patches import Patch

    handles = [
        Patch(color=REAL_COLOR, label="real"),
        Patch(color=SYNTHETIC_COLOR, label="synthetic"),
    ]
    fig.legend(handles=handles, loc="outside upper right", ncols=2, frameon=False)
    fig.suptitle("Real vs synthetic marginals")
    return fig


def plot_embedding(real, synthetic, *, method="pca", max_points=2000, random_state=0, ax=None):
    """Real and synthetic rows in two dimensions.

    Rows are encoded as the logistic regression of
    :func:`~skgan.experiments.default_classifiers` sees them: numeric
    columns median-imputed, signed-log1p transformed and standardised,
    categoricals one-hot, all fitted on ``real``. Synthetic rows that fill
    the real cloud, without leaving it or piling onto single real points,
    are what a good generator gives.

    Parameters
    ----------
    real : DataFrame or array-like of shape (n_real, n_features)
        Real rows.

    synthetic : DataFrame or array-like of shape (n_synthetic, n_features)
        Synthetic rows with the same columns.

    method : {"pca", "tsne"}, default="pca"
        ``"pca"`` projects on the real data's two principal axes (fast,
        faithful to distances); ``"tsne"`` embeds both tables together with
        :class:`~sklearn.manifold.TSNE` (shows clusters; slower).

    max_points : int, default=2000
        Most rows drawn from each table (a random subset beyond that).

    random_state : int, default=0
        Seeds the subsets and t-SNE.

    ax : matplotlib Axes, default=None
        Axes to draw on; a new figure when None.

    Returns
    -------
    fig : matplotlib.figure.Figure
        The figure holding the scatter plot.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np, pandas as pd
    >>> from skgan.plotting import plot_embedding
    >>> rng = np.random.default_rng(0)
    >>> real = pd.DataFrame(rng.normal(size=(100, 3)), columns=["a", "b", "c"])
    >>> fig = plot_embedding(real, real + 0.1)
    >>> fig.axes[0].get_xlabel()[:4]
    'PC 1'
    """
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE

    from ._columns import one_hot_encoder, split_columns

    plt = _pyplot()
    if method not in ("pca", "tsne"):
        raise ValueError(f"method must be 'pca' or 'tsne', got {method!r}.")
    real, synthetic = to_frame(real), to_frame(synthetic)
    rng = np.random.default_rng(random_state)

    def subset(frame):
        if len(frame) <= max_points:
            return frame
        return frame.iloc[np.sort(rng.choice(len(frame), max_points, replace=False))]

    real, synthetic = subset(real), subset(synthetic)
    encoder = one_hot_encoder(*split_columns(real)).fit(real)
    enc_real, enc_synth = encoder.transform(real), encoder.transform(synthetic)
    if hasattr(enc_real, "toarray"):
        enc_real, enc_synth = enc_real.toarray(), enc_synth.toarray()
    if method == "pca":
        pca = PCA(n_components=2, random_state=random_state).fit(enc_real)
        xy_real, xy_synth = pca.transform(enc_real), pca.transform(enc_synth)
        ratio = pca.explained_variance_ratio_
        labels = (f"PC 1 ({ratio[0]:.0%} of variance)", f"PC 2 ({ratio[1]:.0%})")
    else:
        both = np.vstack([enc_real, enc_synth])
        perplexity = min(30.0, max(2.0, (len(both) - 1) / 3))
        xy = TSNE(perplexity=perplexity, random_state=random_state).fit_transform(both)
        xy_real, xy_synth = xy[: len(enc_real)], xy[len(enc_real) :]
        labels = ("t-SNE 1", "t-SNE 2")
    if ax is None:
        fig, ax = plt.subplots(figsize=(5.5, 4.5), layout="constrained")
    else:
        fig = ax.figure
    size = 14 if len(xy_real) + len(xy_synth) < 1000 else 6
    ax.scatter(*xy_real.T, s=size, color=REAL_COLOR, alpha=0.55, label=f"real ({len(real)})")
    ax.scatter(
        *xy_synth.T,
        s=size,
        color=SYNTHETIC_COLOR,
        alpha=0.55,
        marker="^",
        label=f"synthetic ({len(synthetic)})",
    )
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_title(f"{'PCA' if method == 'pca' else 't-SNE'} of encoded rows")
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


_HISTORY_PANELS = (
    ("Losses", ("loss_generator", "loss_discriminator"), ("generator", "discriminator")),
    ("Wasserstein estimate", ("wasserstein",), ("discriminator's estimate",)),
    ("Gradient penalty", ("gradient_penalty",), ("penalty",)),
    ("Condition loss", ("loss_condition",), ("cross-entropy",)),
)


def plot_history(history, *, window=50):
    """Training curves of a :class:`~skgan.GANSampler`.

    Each panel shows the raw per-step values faintly and their rolling mean
    over ``window`` steps. A Wasserstein estimate that swings around a small
    value and a condition loss that has stopped falling are what healthy
    training looks like; a discriminator loss that keeps falling while the
    generator's climbs means the discriminator is winning (see the user guide's
    page on training curves).

    Parameters
    ----------
    history : list of dict, DataFrame or fitted GANSampler
        ``GANSampler.history_``, or the sampler itself: one record per step
        with ``step``, ``loss_generator``, ``loss_discriminator``, ``wasserstein``,
        ``gradient_penalty`` and ``loss_condition``.

    window : int, default=50
        Steps in the rolling mean (shortened for short histories).

    Returns
    -------
    fig : matplotlib.figure.Figure
        Four panels: losses, Wasserstein estimate, gradient penalty and
        condition loss.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from skgan.plotting import plot_history
    >>> history = [{"step": i + 1, "loss_generator": 1 / (i + 1), "loss_discriminator": -1.0,
    ...             "wasserstein": 1.0, "gradient_penalty": 0.1, "loss_condition": 0.5}
    ...            for i in range(100)]
    >>> [ax.get_title() for ax in plot_history(history).axes]
    ['Losses', 'Wasserstein estimate', 'Gradient penalty', 'Condition loss']
    """
    plt = _pyplot()
    history = getattr(history, "history_", history)
    frame = pd.DataFrame(history)
    if frame.empty:
        raise ValueError("history is empty: fit the sampler first.")
    keys = [k for _, ks, _ in _HISTORY_PANELS for k in ks]
    missing = sorted(set(keys) - set(frame.columns))
    if missing:
        raise ValueError(f"history lacks {missing}; expected GANSampler.history_ records.")
    steps = frame["step"] if "step" in frame else pd.Series(np.arange(1, len(frame) + 1))
    window = max(1, min(window, len(frame) // 5))
    smooth = frame[keys].rolling(window, min_periods=1).mean()
    fig, axes = _grid(plt, len(_HISTORY_PANELS), 2, panel_size=(4.8, 3.0))
    colors = ("#2ca02c", "#d62728")
    for ax, (title, ks, labels) in zip(axes, _HISTORY_PANELS):
        for key, label, color in zip(ks, labels, colors):
            ax.plot(steps, frame[key], color=color, alpha=0.2, lw=0.8)
            ax.plot(steps, smooth[key], color=color, lw=1.6, label=label)
        ax.set_title(title)
        ax.set_xlabel("generator step")
        ax.spines[["top", "right"]].set_visible(False)
        if len(ks) > 1:
            ax.legend(frameon=False)
    fig.suptitle(f"GAN training ({len(frame)} steps, rolling mean over {window})")
    return fig


def _sampler_colors(plt, samplers):
    # Not tab10: its blue and orange mean real and synthetic in the other figures.
    palette = plt.get_cmap("Set2")
    return {s: palette(i % 8) for i, s in enumerate(samplers)}


def _tidy_axes(ax):
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)


def plot_comparison(results, *, metric="f1", classifiers=None, ncols=None):
    """Box plots of cross-validated scores per sampler, one panel per classifier.

    Parameters
    ----------
    results : DataFrame
        The output of :func:`skgan.experiments.compare_samplers`.

    metric : str or list of str, default="f1"
        Metric(s) to draw; one row of panels each.

    classifiers : list of str, default=None
        Classifiers to draw (columns of panels); all by default.

    ncols : int, default=None
        Panels per row. By default one column per classifier and one row
        per metric, with a shared y axis per row; any other value fills the
        rows with (metric, classifier) panels in turn, each with its own y
        axis (``ncols=3`` puts three metrics of one classifier side by side).

    Returns
    -------
    fig : matplotlib.figure.Figure
        Boxes over the splits, with every split's score as a dot; samplers
        keep the same colour in every panel.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from skgan.plotting import plot_comparison
    >>> results = pd.DataFrame({
    ...     "sampler": ["none"] * 3 + ["gan"] * 3, "classifier": "LR", "fold": [0, 1, 2] * 2,
    ...     "metric": "f1", "value": [0.5, 0.6, 0.55, 0.6, 0.65, 0.7]})
    >>> plot_comparison(results).axes[0].get_title()
    'LR'
    """
    plt = _pyplot()
    metrics = [metric] if isinstance(metric, str) else list(metric)
    missing = sorted(set(metrics) - set(results["metric"]))
    if missing:
        raise ValueError(f"metric(s) {missing} not in results: {sorted(set(results.metric))}.")
    all_classifiers = list(dict.fromkeys(results["classifier"]))
    classifiers = all_classifiers if classifiers is None else list(classifiers)
    if ncols is not None and (not isinstance(ncols, int) or ncols < 1):
        raise ValueError(f"ncols must be a positive integer or None, got {ncols!r}.")
    samplers = list(dict.fromkeys(results["sampler"]))
    colors = _sampler_colors(plt, samplers)
    panels = [(m, clf) for m in metrics for clf in classifiers]
    grid = ncols is None or ncols == len(classifiers)
    ncols = len(classifiers) if grid else min(ncols, len(panels))
    nrows = -(-len(panels) // ncols)
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(max(4.5, 0.75 * len(samplers) + 1.5) * ncols, 3.4 * nrows),
        squeeze=False,
        sharey="row" if grid else False,
        layout="constrained",
    )
    rng = np.random.default_rng(0)  # jitter of the dots only
    for i, (m, clf) in enumerate(panels):
        ax = axes.flat[i]
        part = results[(results["metric"] == m) & (results["classifier"] == clf)]
        _box_panel(ax, part, samplers, colors, rng)
        ax.set_title(clf if len(metrics) == 1 else f"{clf}: {m}")
        if i % ncols == 0 or not grid:
            ax.set_ylabel(m.replace("_", " "))
    for ax in axes.flat[len(panels) :]:
        ax.remove()
    split = [c for c in ("repeat", "fold") if c in results]
    detail = f" ({len(results[split].drop_duplicates())} splits)" if split else ""
    fig.suptitle(f"Cross-validated scores per sampler{detail}", fontsize=11)
    return fig


def _box_panel(ax, part, samplers, colors, rng):
    """Boxes of ``part``'s values per sampler, with every value as a jittered dot."""
    values = [part.loc[part["sampler"] == s, "value"].dropna() for s in samplers]
    boxes = ax.boxplot(
        values, patch_artist=True, widths=0.6, showfliers=False, medianprops={"c": "k"}
    )
    for patch, s in zip(boxes["boxes"], samplers):
        patch.set(facecolor=colors[s], alpha=0.45)
    for i, v in enumerate(values):
        x = i + 1 + rng.uniform(-0.12, 0.12, len(v))
        ax.scatter(x, v, s=12, color=colors[samplers[i]], edgecolor="k", lw=0.3, zorder=3)
    ax.set_xticks(np.arange(1, len(samplers) + 1), samplers, rotation=30, ha="right")
    _tidy_axes(ax)


# column of the synthetic table -> (panel title, reference line, what the line means)
_QUALITY_PANELS = {
    "exact_copy_rate": ("Exact copies of training rows", 0.0, "none copied"),
    "dcr_ratio": ("Closest-record distance, ratio to new rows", 1.0, "as far as new real rows"),
    "detection_auc": ("Detection AUC (synthetic vs real)", 0.5, "indistinguishable"),
    "fit_time_sampler": ("Fit time per fold (s; bar: mean)", None, None),
}


def plot_synthetic_quality(synthetic, *, samplers=None):
    """Bars of the synthetic rows' copy rate, distance ratio, detectability and fit time.

    Parameters
    ----------
    synthetic : DataFrame
        The second output of :func:`skgan.experiments.benchmark_samplers`:
        one row per sampler and split.

    samplers : list of str, default=None
        Every sampler of the comparison, in order, so that colours match
        :func:`plot_comparison` on the same results (samplers that add no rows,
        such as ``"none"``, take a colour but no bar); the samplers of
        ``synthetic`` by default.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One panel per measure present (``exact_copy_rate``, ``dcr_ratio``,
        ``detection_auc``, ``fit_time_sampler``): the median over splits as a
        bar (robust to a split whose few held-out rows make a distance ratio
        explode; the mean for the fit time), every split as a dot, and a
        dashed line at the value of an ideal generator (no copies, distance
        ratio 1, AUC 0.5). The distance ratio has a log scale when all its
        values are positive.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from skgan.plotting import plot_synthetic_quality
    >>> synthetic = pd.DataFrame({"sampler": ["SMOTE", "SMOTE", "gan", "gan"],
    ...     "exact_copy_rate": [0.1, 0.2, 0.0, 0.0], "dcr_ratio": [0.5, 0.4, 1.0, 1.1],
    ...     "detection_auc": [0.7, 0.8, 0.6, 0.65], "fit_time_sampler": [0.01, 0.01, 9, 10]})
    >>> [ax.get_title() for ax in plot_synthetic_quality(synthetic).axes][:2]
    ['Exact copies of training rows', 'Closest-record distance, ratio to new rows']
    """
    plt = _pyplot()
    columns = [c for c in _QUALITY_PANELS if c in synthetic.columns]
    if "sampler" not in synthetic.columns or not columns:
        raise ValueError(
            "synthetic must have a 'sampler' column and at least one of "
            f"{list(_QUALITY_PANELS)}; got columns {list(synthetic.columns)}."
        )
    samplers = list(dict.fromkeys(synthetic["sampler"])) if samplers is None else list(samplers)
    colors = _sampler_colors(plt, samplers)
    shown = [s for s in samplers if s in set(synthetic["sampler"])]
    fig, axes = _grid(plt, len(columns), len(columns), panel_size=(3.2, 3.0))
    rng = np.random.default_rng(0)
    for ax, column in zip(axes, columns):
        title, ideal, meaning = _QUALITY_PANELS[column]
        for i, s in enumerate(shown):
            values = synthetic.loc[synthetic["sampler"] == s, column].dropna()
            # Costs add up over folds (mean); the measures of rows are robust medians.
            centre = values.mean() if column == "fit_time_sampler" else values.median()
            ax.bar(i, centre if len(values) else np.nan, color=colors[s], alpha=0.6)
            x = i + rng.uniform(-0.15, 0.15, len(values))
            ax.scatter(x, values, s=12, color=colors[s], edgecolor="k", lw=0.3, zorder=3)
        ratios = synthetic[column].dropna()
        if column == "dcr_ratio" and len(ratios) and (ratios > 0).all():
            ax.set_yscale("log")  # a ratio: 0.5 and 2 are as far from 1
        if ideal is not None:
            ax.axhline(ideal, color="k", ls="--", lw=0.8, label=meaning)
            ax.legend(fontsize=7, loc="best", frameon=False)
        ax.set_xticks(np.arange(len(shown)), shown, rotation=30, ha="right")
        ax.set_title(title, fontsize=9)
        _tidy_axes(ax)
    fig.suptitle(
        "Synthetic rows against the real rows of their class (bars: medians over splits)",
        fontsize=11,
    )
    return fig


_DOT_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "<", ">", "*")


def plot_dots(
    values,
    *,
    floor=None,
    floor_label="floor",
    reference=None,
    xlabel=None,
    title=None,
    log=False,
):
    """A dot plot: one row per table on the y axis, one marker per sampler.

    Reads at a glance where a wide table does not: which sampler is ahead on
    which table, and by how much. Samplers keep one colour and marker across
    the figures of a page when they come in the same column order.

    Parameters
    ----------
    values : DataFrame
        One value per table (index, the rows of the figure, top to bottom)
        and sampler (columns, the legend, in order); missing values are not
        drawn, and a sampler without any value is left out of the legend
        but keeps its colour and marker slot.

    floor : Series or None, default=None
        A value per table (same index) drawn as a grey bar, e.g. the
        real-vs-real floor of a detection AUC; tables without one get none.

    floor_label : str, default="floor"
        The floor's legend entry.

    reference : float or None, default=None
        A dotted vertical line, e.g. 0.5 for a detection AUC.

    xlabel, title : str or None
        The x-axis label and the title.

    log : bool, default=False
        Logarithmic x axis (seconds spanning several orders of magnitude).

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes; its y tick labels are the tables.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.plotting import plot_dots
    >>> values = pd.DataFrame({"SMOTE": [0.6, 0.7], "GANSampler": [0.65, 0.72]},
    ...                       index=["table_a", "table_b"])
    >>> fig = plot_dots(values, xlabel="minority F1")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['table_a', 'table_b']
    """
    if not isinstance(values, pd.DataFrame):
        raise TypeError(f"values must be a DataFrame, got {type(values).__name__}.")
    if values.empty or values.shape[1] == 0:
        raise ValueError("values must have at least one table (row) and sampler (column).")
    plt = _pyplot()
    n_tables, n = values.shape
    fig, ax = plt.subplots(
        figsize=(7.5, 0.45 * n_tables * max(1, n / 6) + 1.6), layout="constrained"
    )
    # Samplers side by side within a row, so that equal values stay visible.
    spread = min(0.7, 0.12 * n)
    if floor is not None:
        _draw_floor(ax, pd.Series(floor).reindex(values.index), spread, floor_label)
    _draw_dots(ax, values, _sampler_colors(plt, list(values.columns)), spread)
    if reference is not None:
        ax.axvline(reference, color="0.3", linestyle=":", linewidth=1, zorder=0)
    if log:
        ax.set_xscale("log")
    _style_dot_axes(ax, list(values.index), xlabel, title)
    return fig


def _draw_floor(ax, floor, spread, label):
    """A grey bar per table at its floor value; tables without one get none."""
    floor = floor.astype(float).to_numpy()
    shown = np.isfinite(floor)
    if shown.any():
        ax.scatter(
            floor[shown],
            np.arange(len(floor))[shown],
            marker="|",
            s=900 * max(spread, 0.3),
            color="0.45",
            linewidths=2.5,
            zorder=1,
            label=label,
        )


def _draw_dots(ax, values, colors, spread):
    """One marker per sampler and table, samplers offset within a table's row."""
    n = values.shape[1]
    rows = np.arange(len(values))
    offsets = np.linspace(-spread / 2, spread / 2, n) if n > 1 else np.zeros(1)
    for i, sampler in enumerate(values.columns):
        column = pd.to_numeric(values[sampler], errors="coerce").to_numpy(dtype=float)
        keep = np.isfinite(column)
        if not keep.any():  # keeps its colour and marker, so figures of a page match
            continue
        ax.plot(
            column[keep],
            rows[keep] + offsets[i],
            linestyle="none",
            marker=_DOT_MARKERS[i % len(_DOT_MARKERS)],
            markersize=7,
            markeredgecolor="0.2",
            markeredgewidth=0.5,
            color=colors[sampler],
            label=str(sampler),
            zorder=2,
        )


def _style_dot_axes(ax, tables, xlabel, title):
    """Tables as y tick labels, first on top, thin separators, the legend outside."""
    rows = np.arange(len(tables))
    ax.set_yticks(rows, [str(t) for t in tables])
    ax.set_ylim(len(tables) - 0.5, -0.5)
    for y in rows[:-1] + 0.5:
        ax.axhline(y, color="0.9", linewidth=0.8, zorder=0)
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    if xlabel:
        ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
        fontsize=8,
        handletextpad=0.3,
    )

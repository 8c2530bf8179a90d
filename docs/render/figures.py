"""Every figure of the benchmark pages, drawn from the JSON results (matplotlib, Agg)."""

from pathlib import Path

import numpy as np
import pandas as pd

from ._records import METRICS, SMOTE_NAME, order


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path, dpi=110):
    fig.savefig(path, dpi=dpi)
    _pyplot().close(fig)


def _heat_panel(fig, ax, comp, ref):
    sub = comp[comp["reference"] == ref]
    grid = sub.pivot_table(
        index=["dataset", "classifier"], columns="metric", values="mean_difference", sort=False
    )
    grid = grid[[m for m in METRICS if m in grid.columns]]
    im = ax.imshow(grid.to_numpy(), cmap="RdBu", vmin=-0.2, vmax=0.2, aspect="auto")
    ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(grid.shape[0]), [f"{d} / {c}" for d, c in grid.index], fontsize=7)
    marks = sub.set_index(["dataset", "classifier", "metric"])["result"]
    # a loop over the heat map's cells (at most 30 x 4), not over data rows
    for i, idx in enumerate(grid.index):
        for j, metric in enumerate(grid.columns):
            r = marks.get((*idx, metric), "")
            ax.text(j, i, {"win": "+", "loss": "-"}.get(r, ""), ha="center", va="center")
    ax.set_title(f"GANSampler - {ref} (mean; +/- significant)", fontsize=9)
    fig.colorbar(im, ax=ax, shrink=0.6)


def quality_figure(payload, path):
    """Heat map of GANSampler minus each reference, per table, classifier and metric."""
    comp = pd.DataFrame(payload["comparisons"])
    if comp.empty:
        return None
    refs = order(comp["reference"])
    fig, axes = _pyplot().subplots(
        1, len(refs), figsize=(5.5 * len(refs), 0.35 * 30 + 1.5), squeeze=False
    )
    for ax, ref in zip(axes[0], refs):
        _heat_panel(fig, ax, comp, ref)
    fig.tight_layout()
    _save(fig, path)
    return path


def _perf_panels(axes, perf):
    frame = pd.DataFrame(perf)
    for ax, col, title in zip(
        axes,
        ("transformer_s", "train_rows_per_s", "sample_rows_per_s"),
        ("encoder fit+transform (s)", "training rows/s", "sampling rows/s"),
    ):
        for lib, marker in (("skgan", "o"), ("ctgan", "s")):
            sub = frame[frame.library == lib]
            ax.loglog(sub["rows"], sub[col], marker=marker, label=lib)
        ax.set_title(title)
        ax.set_xlabel("table rows")
        ax.legend()


def speed_figure(result, path):
    """Encoder, training and sampling against CTGAN, and the scaling of fit_resample."""
    n = (3 if result.get("perf") else 0) + (1 if result.get("scaling") else 0)
    if not n:
        return None
    fig, axes = _pyplot().subplots(1, n, figsize=(4.2 * n, 3.4), squeeze=False)
    axes = list(axes[0])
    if result.get("perf"):
        _perf_panels(axes[:3], result["perf"])
        axes = axes[3:]
    if result.get("scaling"):
        sc = pd.DataFrame(result["scaling"])
        ax = axes[0]
        ax.loglog(sc["rows"], sc["fit_resample_s"], marker="o", label="time (s)")
        ax.loglog(sc["rows"], sc["peak_rss_mb"], marker="s", label="peak RSS (MB)")
        ax.set_title("GANSampler.fit_resample scaling")
        ax.set_xlabel("rows")
        ax.legend()
    env = result["environment"]
    fig.suptitle(
        f"{env['cpu_count']} cores, load {env['load_before'][0]:.1f} before run", fontsize=9
    )
    fig.tight_layout()
    _save(fig, path)
    return path


def _dp_label(epsilon):
    # the sampler names benchmarks/dp.py gives its fits
    return "GANSampler" if epsilon is None else f"GANSampler(eps={epsilon:g})"


def dp_figure(dp, path):
    """Downstream scores and detection AUC of GANSampler per epsilon, SMOTE(NC) dotted."""
    table, real = pd.DataFrame(dp["downstream"]), pd.DataFrame(dp["realism"])
    epsilons = dp["args"]["epsilons"]
    fig, axes = _pyplot().subplots(1, 2, figsize=(10, 3.8))
    xs = np.arange(len(epsilons) + 1)
    gan = [_dp_label(e) for e in epsilons] + [_dp_label(None)]
    for name in order(table["dataset"]):
        rows = table[table["dataset"] == name].set_index("sampler")
        for metric, style in (("f1", "-o"), ("average_precision", "--s")):
            line = axes[0].plot(xs, rows.loc[gan, metric], style, label=f"{name} {metric}")
            axes[0].axhline(
                rows.loc[SMOTE_NAME, metric], color=line[0].get_color(), lw=0.8, ls=":"
            )
        det = real[real["dataset"] == name].set_index("sampler")
        axes[1].plot(xs, det.loc[gan, "detection_auc"], "-o", label=name)
    axes[0].set_title("downstream (mean of LR/RF/HGB); dotted: SMOTE(NC)", fontsize=9)
    axes[1].set_title("detection AUC of synthetic minority (0.5 = realistic)", fontsize=9)
    for ax in axes:
        ax.set_xticks(xs, [f"{e:g}" for e in epsilons] + ["no DP"])
        ax.set_xlabel("epsilon")
        ax.legend(fontsize=7)
    fig.tight_layout()
    _save(fig, path)
    return path


def _score_dots(results, tables, samplers):
    """{key: (values, xlabel)} of the minority F1 and PR-AUC dot plots."""
    ok = results[results["error"].isna()] if "error" in results else results
    classifiers = ", ".join(order(ok["classifier"]))
    out = {}
    for metric, label in (("f1", "minority F1"), ("average_precision", "PR-AUC")):
        part = ok[ok["metric"] == metric]
        if len(part):
            values = part.pivot_table(index="table", columns="sampler", values="value")
            values = values.reindex(index=tables, columns=samplers)
            out[metric] = (values, f"{label}, mean over {classifiers} and folds")
    return out


def _fit_dots(results, tables, samplers):
    fit = results.drop_duplicates(["table", "sampler", "repeat", "fold"])
    values = fit.pivot_table(index="table", columns="sampler", values="fit_time_sampler")
    values = values.reindex(index=tables, columns=samplers)
    values = values.where(values > 0)
    values.loc[:, [s for s in values if s == "none"]] = float("nan")  # nothing to fit
    return values


def ablation_figures(payload, docs):
    """The dot plots of the ablation page, written into ``docs``: {section: file name}.

    One figure per measure (minority F1, PR-AUC, detection AUC with its
    real-vs-real floor, sampler fit seconds): tables on the y axis, one
    marker per sampler (:func:`skgan.plotting.plot_dots`).
    """
    from skgan.plotting import plot_dots

    results = pd.DataFrame(payload["results"])
    tables, samplers = order(results["table"]), order(results["sampler"])
    figures = {}

    def save(key, values, **kwargs):
        figures[key] = f"ablation_{key}.png"
        _save(plot_dots(values, **kwargs), Path(docs) / figures[key], dpi=100)

    for key, (values, xlabel) in _score_dots(results, tables, samplers).items():
        save(key, values, xlabel=xlabel)
    values = _fit_dots(results, tables, samplers)
    if values.notna().any().any():
        save("fit", values, xlabel="sampler fit seconds per fold (log scale)", log=True)
    realism = pd.DataFrame(payload["realism"])
    if len(realism):
        values = realism.pivot_table(index="table", columns="sampler", values="detection_auc")
        columns = samplers + [s for s in values if s not in samplers]
        values = values.reindex(index=order(realism["table"]), columns=columns)
        floor = realism.groupby("table")["floor_auc"].first() if "floor_auc" in realism else None
        save(
            "detection",
            values,
            floor=floor,
            floor_label="real vs real (floor)",
            reference=0.5,
            xlabel="detection AUC against held-out real minority rows (0.5 = indistinguishable)",
        )
    return figures

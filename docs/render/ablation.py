"""The ablation page (``docs/benchmarks/ablation.rst``) from ablation.json.

Every table has samplers as rows and at most ``MAX_COLUMNS`` columns; the
dot plots of :func:`render.figures.ablation_figures` sit above them.
"""

import pandas as pd

from ._records import order
from ._rst import chunked, heading, image, list_table, record_header

FLOOR = "real vs real (floor)"
METHODS = (
    "Every method over-samples the same training folds (repeated stratified "
    "{folds}-fold × {repeats}, grouped where the table has groups); "
    "``marginals + screen`` and ``SMOTE + screen`` are "
    ":class:`~skgan.experiments.ScreenedSampler`: GANSampler's own screens, "
    "adversarial rounds, marginal hold and generation loop on candidates that need "
    "no training (a product of per-class marginals; SMOTE within the class). "
    "``GANSampler, T rounds`` plays exactly T adversarial rounds (the default, "
    '``GANSampler``, decides with ``n_rounds="auto"``), ``GANSampler unscreened`` is '
    "the default with ``n_neighbors=None`` and ``copula + screens`` (in runs before "
    "0.5's default) the generator's untrained start (``n_steps=0``) through every "
    "stage. GANSampler parameters: "
    "``{params}``.\n"
)
REALISM = (
    "On each table *as it is* (without the 10 % cut, so that hundreds of real "
    "minority rows are held out), every sampler learns from one stratified half "
    "and is asked for as many synthetic minority rows as that half has real ones; "
    "they are told from the other half's real minority rows "
    "(:func:`skgan.metrics.detection_auc`; 0.5 = indistinguishable). "
)


def _figure(figures, key):
    return [image(figures[key])] if key in figures else []


def score_sections(payload, figures):
    results = pd.DataFrame(payload["results"])
    samplers = order(results["sampler"])
    ok = results[results["error"].isna()]
    cells = ok.pivot_table(
        index=["table", "classifier", "metric"], columns="sampler", values="value"
    )
    out = []
    for metric, title in (("f1", "Minority F1"), ("average_precision", "PR-AUC")):
        out += [heading(title, "-"), *_figure(figures, metric)]
        out.append(
            "Means over folds, one table per classifier: samplers as rows, tables as columns.\n"
        )
        part = cells.xs(metric, level="metric")
        tables = [t for t in order(results["table"]) if t in part.index.get_level_values(0)]
        for classifier in [c for c in order(results["classifier"]) if c in part.index.levels[1]]:
            wide = part.xs(classifier, level="classifier").reindex(tables).T.reindex(samplers)
            wide = wide.rename_axis("sampler").reset_index()
            for i, piece in enumerate(chunked(wide, "sampler")):
                out.append(list_table(piece, classifier + (f" ({i + 1})" if i else "")))
    fit = results.drop_duplicates(["table", "sampler", "repeat", "fold"])
    fit = fit.pivot_table(index="sampler", columns="table", values="fit_time_sampler")
    fit = fit.reindex(index=samplers, columns=order(results["table"]))
    fit = fit.rename_axis("sampler").reset_index()
    out += [heading("Sampler fit seconds per fold", "-"), *_figure(figures, "fit")]
    return out + [list_table(piece) for piece in chunked(fit, "sampler")]


def _worst_columns(realism, samplers, tables):
    worst = realism.assign(
        cell=[
            f"{c} {a:.2f}" if isinstance(c, str) else "n/a"
            for c, a in zip(realism["worst_column"], realism["worst_column_auc"])
        ]
    ).pivot(index="sampler", columns="table", values="cell")
    rows = [s for s in samplers if s in worst.index]
    worst = worst.reindex(index=rows, columns=tables).rename_axis("sampler").reset_index()
    return [
        "The column that alone tells the rows apart best "
        "(:func:`skgan.metrics.column_detection`) and its AUC:\n",
        *[list_table(piece) for piece in chunked(worst, "sampler", 3)],
    ]


def realism_section(payload, figures, samplers):
    realism = pd.DataFrame(payload["realism"])
    tables = order(realism["table"])
    table = realism.pivot_table(index="sampler", columns="table", values="detection_auc")
    rows = [s for s in samplers if s in table.index] + [
        s for s in table.index if s not in samplers
    ]
    table = table.reindex(index=rows, columns=tables)
    floors = "floor_auc" in realism
    if floors:  # runs before held_out_realism had floors have none
        table.loc[FLOOR] = realism.groupby("table")["floor_auc"].first()
    table = table.rename_axis("sampler").reset_index()
    floor_note = (
        f"``{FLOOR}``: the same detector telling two random halves of the "
        "held-out real minority rows apart, what two real samples of that size score."
        if floors
        else "This run predates the real-vs-real floors."
    )
    out = [
        heading("Detection AUC against held-out real minority rows", "-"),
        *_figure(figures, "detection"),
        REALISM + floor_note + "\n",
        *[list_table(piece) for piece in chunked(table, "sampler")],
    ]
    if "worst_column_auc" in realism:
        out += _worst_columns(realism, list(table["sampler"]), tables)
    return out + _more_realism(realism, list(table["sampler"]), tables)


MORE_REALISM = (
    ("detection_auc_random_forest", "Detection AUC, random forest", "{:.3f}"),
    (
        "dcr_median_ratio",
        "Distance-to-closest-record ratio (synthetic over held-out real; 1: as close as "
        "unseen real rows, well below 1: near-copies)",
        "{:.2f}",
    ),
    ("exact_copy_rate", "Share of synthetic rows that copy a training row", "{:.1%}"),
    ("membership_inference_auc", "Membership-inference AUC (0.5: no leakage)", "{:.3f}"),
    ("missing_difference_max", "Largest difference in a column's missing share", "{:.3f}"),
)


def _more_realism(realism, samplers, tables):
    """The second detector family and the privacy measures, when the run recorded them."""
    out = []
    for column, title, number in MORE_REALISM:
        if column not in realism:
            continue
        wide = realism.pivot_table(index="sampler", columns="table", values=column)
        wide = wide.reindex(index=[s for s in samplers if s in wide.index], columns=tables)
        wide = wide.map(lambda v, fmt=number: "n/a" if pd.isna(v) else fmt.format(v))
        wide = wide.rename_axis("sampler").reset_index()
        out += [f"{title}:\n", *[list_table(piece) for piece in chunked(wide, "sampler")]]
    return out


def page(payload, figures):
    """The ablation page; ``figures``: the dot plots' file names by section."""
    figures = figures if isinstance(figures, dict) else {}
    args = payload["args"]
    out = [heading("Ablation: what each part of GANSampler adds", "=")]
    out += record_header(payload["environment"])
    out.append(
        METHODS.format(
            folds=args["folds"], repeats=args["repeats"], params=args["gan_params"] or "defaults"
        )
    )
    if payload["environment"].get("relabelled"):
        out.append(payload["environment"]["relabelled"] + "\n")
    out.append(heading("Share of cells where GANSampler is at least as good", "-"))
    out.append(list_table(pd.DataFrame(payload["targets"])))
    out += score_sections(payload, figures)
    if len(payload["realism"]):
        samplers = order(pd.DataFrame(payload["results"])["sampler"])
        out += realism_section(payload, figures, samplers)
    return "\n".join(out)

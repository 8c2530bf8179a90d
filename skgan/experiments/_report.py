"""The pages of a benchmark run: results table, summary paragraph, Markdown and HTML.

What ``skgan benchmark`` writes. Pure functions of the results; the
Markdown and HTML pieces come from ``_markup`` (shared with the quality
page of ``skgan report``, in ``_quality_page``).
"""

import html
import os

import numpy as np
import pandas as pd

from ._markup import definition_list, html_figures, html_page, html_table, to_markdown
from ._registry import ROUNDS_OFF, reference_sampler
from ._statistics import mean_scores, paired_comparison

# Metric name in results -> column heading in the benchmark table (the first is the headline).
BENCHMARK_METRICS = {
    "balanced_accuracy": "bal. acc.",
    "f1": "F1",
    "average_precision": "PR-AUC",
    "geometric_mean": "G-mean",
}
# Metric name -> words for the summary paragraph.
METRIC_NAMES = {
    "balanced_accuracy": "balanced accuracy",
    "f1": "minority F1",
    "average_precision": "PR-AUC",
    "geometric_mean": "G-mean",
}
PAIRED_TEST_NOTE = (
    "Nadeau–Bengio corrected resampled t-test, two-sided, alpha = 0.05 "
    "(mean difference = method minus reference)."
)

_DASH = "–"

# Measures of the synthetic rows -> column heading in the results table.
SYNTHETIC_HEADINGS = {
    "exact_copy_rate": "copies",
    "dcr_ratio": "DCR ratio",
    "detection_auc": "detection AUC",
}


# --------------------------------------------------------------------- tables
def _seconds(value):
    if not np.isfinite(value):
        return _DASH
    return f"{value:.2f}" if value < 10 else f"{value:.0f}"


def results_table(results, synthetic, metrics):
    """One display row per sampler: scores (mean ± std), fit time, synthetic-row measures.

    Parameters
    ----------
    results, synthetic : DataFrame
        The outputs of :func:`benchmark_samplers`.
    metrics : dict of str to str
        Metric name in ``results`` -> column heading, in display order.

    Returns
    -------
    table : DataFrame of str
        ``sampler``, one column per metric, ``fit s`` (mean seconds to fit
        the sampler on a training fold) and the :data:`SYNTHETIC_HEADINGS`
        columns (medians over splits); a dash where a method adds no rows.
    """
    grouped = results.groupby(["sampler", "metric"], sort=False)["value"]
    cells = grouped.mean().map("{:.3f}".format) + " ± " + grouped.std().map("{:.3f}".format)
    table = cells.unstack("metric").reindex(columns=list(metrics))
    table = table.reindex(list(dict.fromkeys(results["sampler"]))).fillna(_DASH)
    table.columns = list(metrics.values())
    per_split = results.drop_duplicates(["sampler", "repeat", "fold"])
    resamples = per_split.groupby("sampler", sort=False)["n_synthetic"].max() > 0
    fit = per_split.groupby("sampler", sort=False)["fit_time_sampler"].mean()
    table["fit s"] = [_seconds(fit[s]) if resamples[s] else _DASH for s in table.index]
    # Medians: one fold with few held-out rows can make a distance ratio explode.
    quality = synthetic.groupby("sampler", sort=False)[list(SYNTHETIC_HEADINGS)].median()
    for column, heading in SYNTHETIC_HEADINGS.items():
        values = quality[column].reindex(table.index)
        style = "{:.1%}" if column == "exact_copy_rate" else "{:.2f}"
        table[heading] = [_DASH if pd.isna(v) else style.format(v) for v in values]
    return table.rename_axis("sampler").reset_index()


# A page's tables fit a laptop-width window (1,280 px): at most this many columns each.
MAX_TABLE_COLUMNS = 8


def page_tables(table):
    """The results table as a page shows it: ``[(title, frame)]``, each narrow enough.

    The scores and fit seconds (samplers as rows; split into several tables
    of at most :data:`MAX_TABLE_COLUMNS` columns when there are many
    metrics), then the measures of the synthetic rows for the samplers that
    add rows. The rows of the score tables are those of ``table``, so the
    bold cells of :func:`best_cells` keep their places.
    """
    synthetic = [h for h in SYNTHETIC_HEADINGS.values() if h in table]
    scores = [c for c in table.columns if c != "sampler" and c not in synthetic]
    step = MAX_TABLE_COLUMNS - 1
    parts = [scores[i : i + step] for i in range(0, len(scores), step)] or [[]]
    out = [
        (
            "Scores" + (f" ({i + 1} of {len(parts)})" if len(parts) > 1 else ""),
            table[["sampler", *p]],
        )
        for i, p in enumerate(parts)
    ]
    adds = table[synthetic].ne(_DASH).any(axis=1) if synthetic else pd.Series(False, table.index)
    if adds.any():
        out.append(
            ("Synthetic rows", table.loc[adds, ["sampler", *synthetic]].reset_index(drop=True))
        )
    return out


# --------------------------------------------------------------------- summary
def summary_paragraph(
    results, synthetic, *, headline="balanced_accuracy", names=None, comparison=None
):
    """A plain paragraph saying who won, by how much, and what the synthetic rows looked like.

    Every number comes from ``results``, ``synthetic`` and ``comparison``
    (``(reference, paired_comparison output)`` or None); ``names`` maps
    metric names to words (default: the names with spaces).
    """
    names = names or {}
    word = names.get(headline, headline.replace("_", " "))
    scored = results[results["metric"] == headline].dropna(subset=["value"])
    means = scored.groupby("sampler", sort=False)["value"].mean().sort_values(ascending=False)
    if means.empty:
        return f"No method produced a {word} score: see the errors below."
    best = means.index[0]
    text = f"{best} had the best {word}, {means[best]:.3f}"
    if len(means) > 1:
        second = means.index[1]
        test = paired_comparison(scored, second, metric=headline)
        row = test[test["sampler"] == best].iloc[0]
        verdict = "significant" if row["result"] != "tie" else "not significant"
        text += (
            f", {means[best] - means[second]:.3f} above the runner-up {second} "
            f"({means[second]:.3f}; the difference is {verdict}: corrected paired t-test, "
            f"p = {row['p_value']:.2f})"
        )
        text += ". In order: " + ", ".join(f"{s} {v:.3f}" for s, v in means.items())
    sentences = [text + "."]
    sentences += _other_metrics_sentence(results, best, headline, names)
    if comparison is not None:
        sentences.append(_significance_sentence(*comparison, names))
    sentences += _generator_sentence(scored, means, word)
    sentences += _rounds_sentence(scored, means, word, synthetic)
    sentences += _synthetic_sentences(synthetic)
    return " ".join(sentences)


def _generator_sentence(scored, means, word):
    """What training adds: GANSampler against the same screens on untrained candidates."""
    gan, screened = "GANSampler", "ScreenedSampler"
    if gan not in means or screened not in means:
        return []
    row = paired_comparison(scored, screened, metric=scored["metric"].iloc[0])
    row = row[row["sampler"] == gan].iloc[0]
    verdict = "within noise" if row["result"] == "tie" else f"a significant {row['result']}"
    return [
        f"The trained generator against the same screens on untrained candidates "
        f"({screened}): {word} {means[gan] - means[screened]:+.3f} ({verdict}, "
        f"p = {row['p_value']:.2f})."
    ]


def _rounds_sentence(scored, means, word, synthetic):
    """What the adversarial rounds add: GANSampler against itself without them."""
    gan, off = "GANSampler", ROUNDS_OFF
    if gan not in means or off not in means:
        return []
    row = paired_comparison(scored, off, metric=scored["metric"].iloc[0])
    row = row[row["sampler"] == gan].iloc[0]
    verdict = "within noise" if row["result"] == "tie" else f"a significant {row['result']}"
    text = (
        f"The adversarial rounds ({gan} against {off}): {word} "
        f"{means[gan] - means[off]:+.3f} ({verdict}, p = {row['p_value']:.2f})"
    )
    if not synthetic.empty and {gan, off} <= set(synthetic["sampler"]):
        auc = synthetic.groupby("sampler")["detection_auc"].median()
        text += f"; detection AUC of its rows {auc[gan]:.2f} against {auc[off]:.2f} without them"
    return [text + "."]


def _other_metrics_sentence(results, best, headline, names):
    others = [m for m in dict.fromkeys(results["metric"]) if m != headline]
    means = mean_scores(results, metrics=others).reindex(columns=others)
    parts = []
    for metric in others:
        column = means[metric].dropna()
        if len(column) and column.idxmax() != best:
            name = names.get(metric, metric.replace("_", " "))
            parts.append(f"{name} {column.idxmax()} ({column.max():.3f} vs {column[best]:.3f})")
    return [f"Other metrics had other winners: {'; '.join(parts)}."] if parts else []


def _significance_sentence(reference, comparison, names):
    significant = comparison[comparison["result"] != "tie"]
    if significant.empty:
        return (
            f"No method differed significantly from {reference} on any metric "
            "(corrected paired t-test, alpha 0.05)."
        )
    parts = [
        f"{row.sampler} {names.get(row.metric, row.metric)} {row.mean_difference:+.3f} "
        f"({row.result}, p = {row.p_value:.3f})"
        for row in significant.itertuples()
    ]
    return (
        f"Significant differences from {reference} (corrected paired t-test, alpha 0.05): "
        + "; ".join(parts)
        + "; every other difference is within noise."
    )


def _synthetic_sentences(synthetic):
    if synthetic.empty:
        return []
    grouped = synthetic.groupby("sampler", sort=False)
    medians = grouped[["exact_copy_rate", "dcr_ratio", "detection_auc"]].median()
    rows = [
        f"{s} {m.exact_copy_rate:.0%} exact copies, DCR ratio {m.dcr_ratio:.2f}, "
        f"detection AUC {m.detection_auc:.2f}"
        for s, m in medians.iterrows()
    ]
    times = [f"{s} {_seconds(t)} s" for s, t in grouped["fit_time_sampler"].mean().items()]
    return [
        "Synthetic rows against the real rows of their class, median over folds (ideal: 0% "
        f"copies, DCR ratio 1, detection AUC 0.5): {'; '.join(rows)}.",
        f"Fitting the sampler took, per training fold: {', '.join(times)}.",
    ]


def best_cells(table, means, higher_better):
    """(row, column) of the best mean per score column of ``table`` (for bold cells)."""
    cells = []
    for metric, heading in higher_better.items():
        column = means[metric].reindex(table["sampler"]).to_numpy()
        if np.isfinite(column).any():
            cells.append((int(np.nanargmax(column)), heading))
    return cells


# --------------------------------------------------------------------- benchmark pages
def benchmark_parts(results, synthetic):
    """What both benchmark pages show, computed once.

    Returns a dict of ``table`` (:func:`results_table`), ``comparison``
    (:func:`benchmark_comparison`), ``summary`` (:func:`summary_paragraph`),
    ``errors`` (one line per sampler and error) and ``best`` (the bold cells
    of the HTML table).
    """
    table = results_table(results, synthetic, BENCHMARK_METRICS)
    comparison = benchmark_comparison(results)
    errors = results.dropna(subset=["error"]).drop_duplicates(["sampler", "error"])
    means = mean_scores(results, metrics=list(BENCHMARK_METRICS)).reindex(
        columns=list(BENCHMARK_METRICS)
    )
    return {
        "table": table,
        "comparison": comparison,
        "summary": summary_paragraph(
            results, synthetic, names=METRIC_NAMES, comparison=comparison
        ),
        "errors": [f"{row.sampler}: {row.error}" for row in errors.itertuples()],
        "best": best_cells(table, means, BENCHMARK_METRICS),
    }


def benchmark_comparison(results):
    """Paired tests against SMOTE(NC), else no resampling; None when there is nothing to test."""
    scored = results.dropna(subset=["value"])
    present = list(dict.fromkeys(scored["sampler"]))
    reference = reference_sampler(present)
    if reference is None or len(present) < 2:
        return None
    comparison = paired_comparison(scored, reference, metric=list(BENCHMARK_METRICS))
    return reference, comparison.drop(columns="classifier").round(3)


def _comparison_table(frame):
    """The paired tests with the metric headings of the results table."""
    return frame.assign(metric=frame["metric"].map(BENCHMARK_METRICS))


def _column_notes(run):
    """What each column of the results table means, for the Markdown and HTML pages."""
    return {
        "scores": f"mean ± standard deviation over the {run['splits']} test folds, which are "
        "never resampled; higher is better; the HTML report shows each column's best in bold.",
        "fit s": "seconds to fit the sampler on one training fold (mean over folds; folds "
        "run in parallel processes, one thread each).",
        "copies": "share of synthetic rows identical to a real training row of their class "
        "(0% is best: a copy hands out a real record).",
        "DCR ratio": "median distance from each synthetic row to its closest real training "
        "row of its class, over the same for the test fold's real rows of that class: about "
        "1 means no closer to the training rows than new real rows are; well below 1 means "
        "near-copies (skgan.metrics.distance_to_closest_record).",
        "detection AUC": "how well gradient boosting tells the synthetic rows from the real "
        "training rows of their class, cross-validated: 0.5 means indistinguishable, 1 means "
        "every synthetic row is recognisable (skgan.metrics.detection_auc).",
        "synthetic-row columns": f"each training fold's synthetic rows against that fold's "
        f"real rows; the median over the {run['splits']} folds (a fold with few held-out rows "
        "can make a distance ratio explode); a dash where a method adds no rows.",
    }


def run_sentence(run):
    """One sentence of the table, classifier, CV, seed and wall time of a benchmark run."""
    sentence = f"{run['dataset']}: {run['rows']} rows, {run['features']} features, classes "
    sentence += run["classes"] + (f" ({run['note']})" if run["note"] else "") + ". "
    return sentence + (
        f"Classifier {run['classifier']}; {run['cv']}; seed {run['seed']}; "
        f"{run['seconds']:.0f} s wall time."
    )


def benchmark_markdown(run, parts, figures, out):
    """``summary.md`` of a benchmark run; figure links relative to the folder ``out``."""
    lines = [f"# skgan benchmark: {run['dataset']}", "", run_sentence(run), ""]
    lines += [parts["summary"], ""]
    for title, frame in page_tables(parts["table"]):
        lines += [f"## {title}", "", to_markdown(frame), ""]
    lines += [f"- **{term}**: {text}" for term, text in _column_notes(run).items()]
    if parts["comparison"] is not None:
        reference, frame = parts["comparison"]
        lines += ["", f"## Against {reference}", "", PAIRED_TEST_NOTE, ""]
        lines.append(to_markdown(_comparison_table(frame), floatfmt="{:.3f}"))
    if parts["errors"]:
        lines += ["", "## Errors", "", *(f"- {e}" for e in parts["errors"])]
    if figures:
        lines += ["", "## Figures", ""]
        lines += [f"![{name}]({os.path.relpath(path, out)})" for name, path in figures]
    return "\n".join(lines) + "\n"


def benchmark_html(run, parts, figures, footer):
    """``report.html`` of a benchmark run, with ``footer`` (markup) at the bottom."""
    body = [
        f"<p>{html.escape(run_sentence(run))}</p>",
        f"<p class=summary>{html.escape(parts['summary'])}</p>",
        "<h2>Results</h2>",
    ]
    for title, frame in page_tables(parts["table"]):
        body += [
            f"<h3>{html.escape(title)}</h3>",
            html_table(frame, best=parts["best"] if title.startswith("Scores") else ()),
        ]
    body.append(definition_list(_column_notes(run)))
    if figures:
        body += ["<h2>Figures</h2>", html_figures(figures)]
    if parts["comparison"] is not None:
        reference, frame = parts["comparison"]
        body += [f"<h2>Against {html.escape(reference)}</h2>", f"<p>{PAIRED_TEST_NOTE}</p>"]
        body.append(html_table(_comparison_table(frame)))
    if parts["errors"]:
        body.append("<h2>Errors</h2><ul>")
        body += [f"<li>{html.escape(e)}</li>" for e in parts["errors"]] + ["</ul>"]
    body.append(f"<footer>{footer}</footer>")
    return html_page(f"skgan benchmark: {run['dataset']}", "".join(body))

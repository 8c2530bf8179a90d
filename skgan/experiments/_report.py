"""Tables and pages of results: Markdown, a summary paragraph and self-contained HTML.

What ``skgan benchmark`` and ``skgan report`` write, and :func:`to_markdown`
for the benchmarks and the docs. Pure functions of the results: no printing,
no files except the figures' bytes read for embedding. The HTML pages are
self-contained (inline CSS, figures as base64 PNG) so that they open offline
in any browser.
"""

import base64
import html
import os
from pathlib import Path

import numpy as np
import pandas as pd

from ._registry import reference_sampler
from ._statistics import paired_comparison

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

# Measures of the synthetic rows -> column heading in the results table.
SYNTHETIC_HEADINGS = {
    "exact_copy_rate": "copies",
    "dcr_ratio": "DCR ratio",
    "detection_auc": "detection AUC",
}

_DASH = "–"


# --------------------------------------------------------------------- tables
def score_means(results, metrics):
    """Mean score per sampler (rows, in order) and metric (columns), over the splits."""
    scored = results[results["metric"].isin(list(metrics))]
    means = scored.pivot_table(
        index="sampler", columns="metric", values="value", aggfunc="mean", sort=False
    )
    return means.reindex(columns=list(metrics))


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


def _other_metrics_sentence(results, best, headline, names):
    others = [m for m in dict.fromkeys(results["metric"]) if m != headline]
    means = score_means(results, others)
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


# --------------------------------------------------------------------- html
_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:72rem;"
    "margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}"
    "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}"
    ".summary{background:#f6f8fa;border-left:4px solid #4c72b0;padding:.8rem 1rem}"
    ".scroll{overflow-x:auto}"
    "table{border-collapse:collapse;margin:1rem 0;font-variant-numeric:tabular-nums}"
    "th,td{padding:.3rem .7rem;border-bottom:1px solid #ddd;text-align:right;"
    "white-space:nowrap}th:first-child,td:first-child{text-align:left}"
    "th{background:#f4f4f4}td.best{font-weight:700}"
    "figure{margin:1.5rem 0}img{max-width:100%;height:auto}"
    "figcaption{color:#555;font-size:.9rem}dt{font-weight:600}dd{margin:0 0 .5rem 1.2rem}"
    "footer{margin-top:2rem;color:#666;font-size:.85rem}"
)


def html_table(frame, best=()):
    """An HTML table of ``frame`` (no index); cells at ``(row, column)`` in ``best`` bold."""
    best = set(best)

    def cell(value):
        if value is None or (not isinstance(value, str) and pd.isna(value) is True):
            return ""
        return f"{value:.4g}" if isinstance(value, float | np.floating) else str(value)

    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for i, values in enumerate(frame.itertuples(index=False)):
        tds = "".join(
            f"<td{' class=best' if (i, c) in best else ''}>{html.escape(cell(v))}</td>"
            for c, v in zip(frame.columns, values)
        )
        rows.append(f"<tr>{tds}</tr>")
    return (
        f"<div class=scroll><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def html_figures(figures):
    """``<figure>`` elements embedding the PNG files of ``[(caption, path), ...]``."""
    return "".join(
        f'<figure><img alt="{html.escape(name)}" src="data:image/png;base64,'
        f'{base64.b64encode(Path(path).read_bytes()).decode("ascii")}">'
        f"<figcaption>{html.escape(name)}</figcaption></figure>"
        for name, path in figures
    )


def html_page(title, body):
    """A complete, self-contained HTML document around the ``body`` markup."""
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{body}</body></html>\n"
    )


def best_cells(table, means, higher_better):
    """(row, column) of the best mean per score column of ``table`` (for bold cells)."""
    cells = []
    for metric, heading in higher_better.items():
        column = means[metric].reindex(table["sampler"]).to_numpy()
        if np.isfinite(column).any():
            cells.append((int(np.nanargmax(column)), heading))
    return cells


def definition_list(items):
    """``<dl>`` of ``{term: explanation}``."""
    body = "".join(
        f"<dt>{html.escape(term)}</dt><dd>{html.escape(text)}</dd>" for term, text in items.items()
    )
    return f"<dl>{body}</dl>"


def to_markdown(frame, *, floatfmt="{:.3g}", index=False):
    """A GitHub-flavoured Markdown table of a DataFrame (no ``tabulate`` needed).

    Parameters
    ----------
    frame : DataFrame
        The table; column labels become the header.

    floatfmt : str, default="{:.3g}"
        :meth:`str.format` pattern of float cells; missing values (NaN,
        None, ``pd.NA``) are empty cells.

    index : bool, default=False
        Write the index as the first column(s).

    Returns
    -------
    table : str
        Header, rule and one line per row; ``|`` in cells is escaped.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.experiments import to_markdown
    >>> print(to_markdown(pd.DataFrame({"sampler": ["none", "a|b"], "f1": [0.61234, None]})))
    | sampler | f1 |
    |---|---|
    | none | 0.612 |
    | a\\|b |  |
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"to_markdown needs a DataFrame, got {type(frame).__name__}.")
    if index:
        frame = frame.reset_index()

    def cell(value):
        if value is None or (not isinstance(value, str) and pd.isna(value) is True):
            return ""
        if isinstance(value, float | np.floating):
            return floatfmt.format(value)
        return str(value).replace("|", "\\|")

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(False)]
    return "\n".join([header, rule, *rows])


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
    means = score_means(results, BENCHMARK_METRICS)
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
    lines += [parts["summary"], "", to_markdown(parts["table"]), ""]
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
        html_table(parts["table"], best=parts["best"]),
        definition_list(_column_notes(run)),
    ]
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


# --------------------------------------------------------------------- quality pages
_DETECTION_HEADING = "Detection by column and pair"
_DETECTION_NOTE = (
    "ROC AUC of a classifier that sees one column (or one pair) only, telling synthetic "
    "rows from real ones: 0.5 gives nothing away, 1.0 gives every row away. pair_gain is "
    "what a pair gives away beyond its better column (below about 0.03 is noise)."
)


def quality_markdown(title, intro, report, columns, figures, folder, detection=None):
    """The Markdown quality report; figure links relative to ``folder``.

    ``detection``, a :func:`skgan.metrics.column_detection` table, adds a section.
    """
    parts = [f"# {title}", "", intro, "", "## Summary", "", to_markdown(report, floatfmt="{:.4g}")]
    parts += ["", "## Columns", "", to_markdown(columns, floatfmt="{:.4g}")]
    if detection is not None:
        parts += ["", f"## {_DETECTION_HEADING}", "", _DETECTION_NOTE, ""]
        parts += [to_markdown(detection, floatfmt="{:.4g}")]
    if figures:
        parts += ["", "## Figures", ""]
        parts += [f"![{name}]({os.path.relpath(path, folder)})" for name, path in figures]
    return "\n".join(parts) + "\n"


def quality_html(title, intro, report, columns, figures, detection=None):
    """The self-contained HTML quality report (``detection`` as in :func:`quality_markdown`)."""
    body = (
        f"<p>{html.escape(intro)}</p><h2>Summary</h2>{html_table(report)}"
        f"<h2>Columns</h2>{html_table(columns)}"
    )
    if detection is not None:
        body += (
            f"<h2>{_DETECTION_HEADING}</h2><p>{html.escape(_DETECTION_NOTE)}</p>"
            f"{html_table(detection)}"
        )
    if figures:
        body += f"<h2>Figures</h2>{html_figures(figures)}"
    return html_page(title, body)

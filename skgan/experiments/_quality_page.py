"""The quality page of a synthetic table, in Markdown and HTML: what ``skgan report`` writes.

It lays out the tables of :func:`skgan.metrics.quality_report`,
:func:`skgan.metrics.column_fidelity` and :func:`skgan.metrics.column_detection`;
the metrics compute, this module only renders (and imports no metric).
"""

import html
import os

from ._markup import html_figures, html_page, html_table, to_markdown

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

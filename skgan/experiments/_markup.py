"""Markdown and self-contained HTML of result tables: the pieces every page is made of.

Pure functions: no printing, no files except the figures' bytes read for
embedding. The HTML pages are self-contained (inline CSS, figures as base64
PNG) so that they open offline in any browser.
"""

import base64
import html
from pathlib import Path

import numpy as np
import pandas as pd

_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:72rem;"
    "margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}"
    "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}"
    ".summary{background:#f6f8fa;border-left:4px solid #4c72b0;padding:.8rem 1rem}"
    ".scroll{max-width:100%;overflow-x:auto}"
    "table{border-collapse:collapse;margin:1rem 0;font-variant-numeric:tabular-nums;"
    "max-width:100%}code{overflow-wrap:anywhere}"
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

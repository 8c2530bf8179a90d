"""reStructuredText pieces of the benchmark pages: tables, headings, the record's header."""

import math

import pandas as pd

import skgan
from skgan.experiments._report import MAX_TABLE_COLUMNS

from ._records import command, load_mark, skgan_version

# Tables of a docs page stay narrow enough for a laptop-width page (1,280 px): at most
# this many columns, the first included (the rule of ``skgan benchmark``'s pages too),
# and fewer where the headings are table names.
MAX_COLUMNS = MAX_TABLE_COLUMNS
TABLES_PER_ROW = 4


def fmt(value, digits=3):
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return "n/a"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.{digits}g}" if abs(value) >= 1 else f"{value:.{digits}f}"
    return str(value)


def list_table(frame, title=None, digits=3):
    lines = [f".. list-table:: {title}" if title else ".. list-table::", "   :header-rows: 1", ""]
    for i, row in enumerate([list(frame.columns), *frame.itertuples(index=False)]):
        cells = [fmt(v, digits) if i else str(v) for v in row]
        lines.append("   * - " + (cells[0] or " "))
        lines += ["     - " + (c or " ") for c in cells[1:]]
    return "\n".join(lines) + "\n"


def chunked(frame, first, per_table=TABLES_PER_ROW):
    """``frame`` (first column ``first``) in pieces of at most ``per_table`` more columns."""
    rest = [c for c in frame.columns if c != first]
    return [frame[[first, *rest[i : i + per_table]]] for i in range(0, len(rest), per_table)]


def heading(text, char):
    return f"{text}\n{char * len(text)}\n"


def image(name):
    return f".. image:: {name}\n   :width: 100%\n"


def _loads(load):
    return "n/a" if not load else " / ".join(f"{a:.2f}" for a in load)


def environment_block(env):
    v = env["versions"]
    commit = env.get("commit") or ""
    commit = f"; commit ``{commit[:12]}``" + (" (uncommitted changes)" if env.get("dirty") else "")
    lines = [
        f"- Date: {env['date']}; command ``{command(env)}``"
        + (commit if env.get("commit") else ""),
        f"- Machine: {env['cpu_model']}, {env['cpu_count']} cores, torch threads "
        f"{env['torch_threads']}",
        f"- Load average (1 / 5 / 15 min): {_loads(env['load_before'])} before, "
        f"{_loads(env.get('load_after'))} after. A load above the core count means other "
        "processes shared the CPU and the timings are inflated.",
        f"- Python {env['python']}; "
        + ", ".join(f"{k} {val}" for k, val in v.items() if val is not None),
        f"- Seeds: {env['seeds']}; wall time {env.get('wall_seconds')} s",
    ]
    return "\n".join(lines) + "\n"


def _release(version):
    """``"0.4"`` of ``"0.4.0.dev0"``: results of the same release count as current."""
    return ".".join(str(version).split(".")[:2])


def is_historical(env):
    return _release(skgan_version(env)) != _release(skgan.__version__)


def version_note(env, what="These results"):
    """A note naming the older skgan release a record measured, or "" for the current one."""
    if not is_historical(env):
        return ""
    return (
        f".. note::\n\n   **Historical.** {what} were measured with skgan "
        f"{skgan_version(env)} ({env['date'][:10]}) and not rerun since; the current version "
        f"is {skgan.__version__}. Read them as that release's numbers, not this one's.\n"
    )


def busy_warning(env):
    mark = load_mark(env)
    if mark:
        return (
            f".. warning::\n\n   **{mark[0].upper() + mark[1:]}.** Other processes shared the "
            "CPU (1-min load average above the core count, before or after the run, here or "
            "in the run whose scores it reuses); the README quotes no timing of this record.\n"
        )
    load = max(env["load_before"][0], (env.get("load_after") or [0])[0])
    cores = env.get("cpu_affinity") or env["cpu_count"]
    if load > 0.5 * cores:
        return (
            ".. warning::\n\n   These numbers were measured while the machine was busy "
            f"(load average up to {load:.1f} on {cores} usable cores). Read them as a "
            "test of the scripts, not as the library's speed.\n"
        )
    return ""


def record_header(env, what="These results"):
    """What every page opens with: warnings on load and version, then the environment."""
    note = version_note(env, what)
    return [busy_warning(env), *([note] if note else []), environment_block(env)]

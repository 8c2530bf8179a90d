"""CSV files of the command line: dates stored as text, and columns left out.

A CSV holds dates as text, which the sampler would take for categories (and
refuse as identifiers, every timestamp being distinct). :func:`read_csv`
turns them into datetimes, which the sampler learns as numbers;
:func:`write_csv` writes them back as text in the style they were read in, so
the output of ``skgan resample`` reads like its input.
"""

import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pandas.tseries.api import guess_datetime_format

__all__ = ["TWITTER_FORMAT", "parses_as_dates", "read_csv", "write_csv"]

#: ``created_at`` of the Twitter API: ``Fri Apr 06 10:58:22 +0000 2007``.
TWITTER_FORMAT = "%a %b %d %H:%M:%S %z %Y"

# What automatic detection takes for a date: ISO 8601 as pandas, databases and
# most exports write it, a date with an optional time, fraction and offset or
# zone. Requiring the dashes and two-digit fields keeps numbers ("2007") and
# short codes out.
_ISO_LIKE = (
    r"\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?: ?(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?)?"
)


@dataclass(frozen=True)
class DateText:
    """How a date column was written, to write it back alike.

    Attributes
    ----------
    format : str or None
        strftime pattern of the input text, or None where pandas' own ISO
        writing matches it better (``2007-04-06 10:58:22+00:00``).
    offset : {"%z", ":", "Z"}
        How a pattern that ends in ``%z`` writes the offset: as strftime does
        (``+0200``), with a colon (``+02:00``), or UTC as ``Z``.
    whole_seconds : bool
        No input value had a fraction of a second: synthetic values are
        floored to seconds so that none gains one.
    """

    format: str | None
    offset: str
    whole_seconds: bool

    def render(self, values):
        """Datetimes ``values`` (a Series) as text in this style; missing stays missing."""
        if self.whole_seconds:
            values = values.dt.floor("s")
        if self.format is None:
            return values  # to_csv writes it
        text = values.dt.strftime(self.format)
        if self.offset == ":":
            text = text.str.replace(r"([+-]\d\d)(\d\d)$", r"\1:\2", regex=True)
        elif self.offset == "Z":
            text = text.str.replace(r"\+0000$", "Z", regex=True)
        return text


def read_csv(path, what="input", parse_dates=(), drop=(), detect_dates=True):
    """Read a CSV as a user has it: dates parsed, unwanted columns left out.

    Text columns whose every value looks like an ISO 8601 date become
    datetimes (unless ``detect_dates`` is False); so do the columns of
    ``parse_dates``, in any format pandas infers or in :data:`TWITTER_FORMAT`.
    Dates with differing offsets (summer and winter time) are held in UTC.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    what : str, default="input"
        What the file is, for the error messages.
    parse_dates : list of str, default=()
        Columns to parse as dates whatever their format; one that does not
        parse raises an error naming its failing values.
    drop : list of str, default=()
        Columns to leave out.
    detect_dates : bool, default=True
        Whether text columns of ISO 8601 dates become datetimes. Commands
        whose metrics cannot take datetimes read them as text.

    Returns
    -------
    frame : DataFrame
        The table, without the dropped columns.
    dates : dict
        Column name -> :class:`DateText` of every column read as dates.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{what} file not found: {path}")
    frame = pd.read_csv(path)
    for option, names in (("--drop", drop), ("--parse-dates", parse_dates)):
        unknown = [name for name in names if name not in frame.columns]
        if unknown:
            raise ValueError(
                f"{option} columns {unknown} are not in {path}; its columns are "
                f"{list(frame.columns)}."
            )
    frame = frame.drop(columns=list(drop))
    dates = {}
    for name in frame.columns:
        column = frame[name]
        if not _is_text(column):
            if name in parse_dates and not pd.api.types.is_datetime64_any_dtype(column):
                raise ValueError(
                    f"--parse-dates column {name!r} holds {column.dtype} values, not dates "
                    "written as text."
                )
            continue
        if name in parse_dates:
            frame[name], dates[name] = _parse_named(column, name)
        elif detect_dates:
            parsed = _parse_iso_like(column)
            if parsed is not None:
                frame[name], dates[name] = parsed
    return frame, dates


def write_csv(frame, path, dates):
    """Write ``frame`` to ``path``, its date columns as text in the style they were read.

    Parameters
    ----------
    frame : DataFrame
        The table to write.
    path : str or Path
        The CSV file; its folder is created if needed.
    dates : dict
        Column name -> :class:`DateText`, from :func:`read_csv`; columns
        not in ``frame`` are ignored.
    """
    out = frame.copy(deep=False)
    for name, text in dates.items():
        if name not in out.columns:
            continue
        out[name] = text.render(out[name])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, index=False)


def _is_text(column):
    return pd.api.types.is_string_dtype(column) or column.dtype == object


def _parse_iso_like(column):
    """(datetimes, DateText) when every value looks like an ISO date, else None."""
    values = column.dropna().astype(str).str.strip()
    if values.empty or not values.str.fullmatch(_ISO_LIKE).all():
        return None
    parsed, fmt, failed = _parse(column, _formats(values, "ISO8601"))
    if failed.any():  # shaped like dates, but not all are (month 13, say): keep the text
        return None
    return parsed, _date_text(column, parsed, fmt)


def parses_as_dates(column):
    """Whether ``--parse-dates`` would read every value of this text column as a date."""
    return _is_text(column) and column.notna().any() and not _parse_any(column)[2].any()


def _parse_any(column):
    """(datetimes, format, failed) in the formats ``--parse-dates`` tries."""
    values = column.dropna().astype(str).str.strip()
    return _parse(column, _formats(values, "ISO8601", TWITTER_FORMAT))


def _parse_named(column, name):
    """(datetimes, DateText) of a --parse-dates column; an error names what fails."""
    parsed, fmt, failed = _parse_any(column)
    if failed.any():
        values = column.dropna()
        bad = column[failed].drop_duplicates()
        shown = ", ".join(repr(v) for v in bad.iloc[:5])
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        raise ValueError(
            f"--parse-dates column {name!r}: {int(failed.sum())} of {len(values)} values "
            "are not dates in the format pandas infers from the first, in ISO 8601 or in "
            f"Twitter's {TWITTER_FORMAT!r}: {shown}{more}. Fix or blank those values, or "
            f"leave the column out with --drop {name}."
        )
    return parsed, _date_text(column, parsed, fmt)


def _formats(values, *fallbacks):
    """Formats to try: pandas' guess from the first value, then the fallbacks."""
    guessed = guess_datetime_format(values.iloc[0]) if len(values) else None
    return [fmt for fmt in (guessed, *fallbacks) if fmt is not None]


def _parse(column, formats):
    """(datetimes, format, failed) of the first format that parses every value.

    ``failed`` marks the non-missing values left unparsed; when no format
    parses them all, the result of the format with the fewest failures.
    """
    text = column.astype("string").str.strip()
    best = None
    for fmt in formats:
        try:
            with warnings.catch_warnings():
                # pandas warns (and will raise) on offsets that differ: treat both alike
                warnings.simplefilter("error", FutureWarning)
                parsed = pd.to_datetime(text, format=fmt, errors="coerce")
        except (ValueError, FutureWarning):
            # Offsets that differ (summer and winter time): one column needs one
            # zone, so the dates are held in UTC.
            parsed = pd.to_datetime(text, format=fmt, errors="coerce", utc=True)
        failed = (parsed.isna() & text.notna()).to_numpy()
        if best is None or failed.sum() < best[2].sum():
            best = (parsed, fmt, failed)
        if not failed.any():
            break
    return best


def _date_text(column, parsed, fmt):
    """The :class:`DateText` that writes ``parsed`` back as ``column`` had it.

    Of the styles the format allows, the one whose text has the shape of the
    input on most rows: the same characters where the input has neither digits
    nor letters. Shapes, not the text itself, because dates with differing
    offsets are held in UTC and cannot come back with their own.
    """
    observed = parsed.notna()
    original = column[observed].astype(str).str.strip()
    values = parsed[observed]
    whole = bool((values.dt.microsecond.eq(0) & values.dt.nanosecond.eq(0)).all())
    offsets = ("%z", ":", "Z") if fmt.endswith("%z") else ("%z",)
    patterns = [] if fmt == "ISO8601" else [DateText(fmt, o, whole) for o in offsets]
    styles = [*patterns, DateText(None, "%z", whole)]
    target = _shape(original)
    matches = [_shape(style.render(values).astype(str)).eq(target).sum() for style in styles]
    return styles[matches.index(max(matches))]


def _shape(text):
    """Text with every digit as 0 and every letter as a: its layout, not its value."""
    return text.str.replace(r"\d", "0", regex=True).str.replace(r"[^\W\d_]", "a", regex=True)

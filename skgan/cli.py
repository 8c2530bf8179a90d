"""Command line: ``skgan benchmark``, ``skgan resample`` and ``skgan report``.

Every command is a thin layer over the library: :mod:`skgan.experiments`,
:class:`skgan.GANSampler`, :mod:`skgan.metrics` and :mod:`skgan.plotting`.
:func:`main` returns the exit status instead of exiting, so tests call it
directly: 0 success, 1 runtime error (message on stderr, no traceback unless
``--debug``), 2 usage error.
"""

import argparse
import contextlib
import html
import json
import sys
import textwrap
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from . import __version__
from .experiments._registry import SAMPLER_NAMES, check_sampler_names

# The metric headings and notes of the benchmark pages live with the pages; still
# importable from here.
from .experiments._report import BENCHMARK_METRICS
from .experiments._report import METRIC_NAMES as METRIC_NAMES
from .experiments._report import PAIRED_TEST_NOTE as PAIRED_TEST_NOTE

__all__ = ["main"]


TFIDF_FEATURES = 500  # words of the _text datasets' TF-IDF matrix


class UsageError(Exception):
    """A bad argument value found after parsing; exits with status 2."""


# --------------------------------------------------------------------- helpers
def _progress(args, message):
    if not args.quiet:
        print(f"skgan: {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def _threads(n):
    """Limit torch and BLAS/OpenMP threads for the command, then restore them."""
    import torch
    from threadpoolctl import threadpool_limits

    previous = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        with threadpool_limits(n):
            yield
    finally:
        torch.set_num_threads(previous)


def _read_csv(path, what="input"):
    """The CSV as written, dates as text: the metrics and most samplers take no datetimes."""
    from ._csv import read_csv

    return read_csv(path, what, detect_dates=False)[0]


def _split_list(text):
    return [item.strip() for item in text.split(",") if item.strip()]


def _steps(text):
    return "auto" if text == "auto" else _positive_int(text)


def _fraction(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number in (0, 1], got {text!r}") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"expected a number in (0, 1], got {value}")
    return value


def _positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value


def _save(fig, path):
    import matplotlib.pyplot as plt

    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _use_agg():
    # Files only: never open windows, and work on headless servers.
    import matplotlib

    matplotlib.use("Agg")


# --------------------------------------------------------------------- benchmark
def _load_table(args):
    """(X, y, groups, fraction) of --dataset; a _posN name comes with its rows kept."""
    from .datasets import load_variant, parse_variant

    column = None if args.groups in ("auto", "none") else args.groups
    if args.dataset.endswith(".csv"):
        if not args.target:
            raise UsageError("--target is required when --dataset is a CSV file.")
        X = _read_csv(args.dataset, "dataset")
        if args.target not in X.columns:
            raise ValueError(f"--target {args.target!r} is not a column of {args.dataset}.")
        y, groups, fraction = X.pop(args.target), None, None
    else:
        try:
            parse_variant(args.dataset)
        except ValueError as exc:
            raise UsageError(f"--dataset {exc}") from None
        kwargs = {"target": args.target} if args.target else {}
        bunch = load_variant(args.dataset, path=args.data_path, random_state=args.seed, **kwargs)
        X, y, fraction = bunch.data.copy(), bunch.target, bunch.fraction
        groups = bunch.get("groups") if args.groups == "auto" else None
        if bunch.get("text_column"):
            X = _tfidf(X[bunch.text_column])
    if column is not None:
        if not hasattr(X, "columns") or column not in X.columns:
            raise ValueError(f"--groups {column!r} is not a column of {args.dataset}.")
        groups = X.pop(column)
    return X, y, groups, fraction


def _tfidf(texts):
    """The TF-IDF matrix (scipy CSR) of a text column: the ``_text`` datasets' features.

    Fitted on every row, so the vocabulary and the IDF weights see the test
    folds (no label does): the samplers and classifiers then compare on the
    same sparse matrix, which GANSampler and SMOTE take as it is.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(max_features=TFIDF_FEATURES).fit_transform(texts)


def _load_benchmark_data(args):
    """(X, y, groups, note): the labelled rows, subsampled as asked, and a sentence saying how."""
    from .datasets import subsample_class

    X, y, groups, fraction = _load_table(args)
    note = "" if fraction is None else f"keeping a seeded {fraction:.0%} of class 1"
    keep = y.notna().to_numpy()
    if fraction is None and args.subsample_minority is not None:
        label = y[keep].value_counts().index[-1]
        # The positions subsample_class keeps; the same seed keeps the same rows.
        rows, _ = subsample_class(
            np.flatnonzero(keep),
            y[keep],
            label=label,
            fraction=args.subsample_minority,
            random_state=args.seed,
        )
        keep = np.isin(np.arange(len(y)), rows)
        note = f"keeping a seeded {args.subsample_minority:.0%} of class {label}"
    X = X[np.flatnonzero(keep)] if sparse.issparse(X) else X[keep].reset_index(drop=True)
    y = y[keep].reset_index(drop=True)
    if groups is not None:
        groups = np.asarray(groups)[keep]
    return X, y, groups, note


def _sampler_names(args):
    try:
        return check_sampler_names(_split_list(args.samplers))
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _benchmark(args):
    from .experiments import benchmark_samplers, default_classifiers, make_cv, make_samplers

    names = _sampler_names(args)
    X, y, groups, note = _load_benchmark_data(args)
    gan_params = {"n_steps": args.gan_steps}
    samplers = make_samplers(names, X, random_state=args.seed, gan_params=gan_params)
    counts = y.value_counts()
    classifier = args.classifier.upper()
    run = {
        "dataset": args.dataset,
        "rows": len(y),
        "features": X.shape[1],
        "classes": ", ".join(f"{k}: {v}" for k, v in counts.items()),
        "note": note,
        "classifier": classifier,
        "cv": _cv_text(args, groups),
        "seed": args.seed,
        "argv": args.argv,
    }
    _progress(args, f"{args.dataset}: {len(y)} rows, {X.shape[1]} columns, {run['classes']}")
    _progress(
        args,
        f"{run['cv']}: {len(samplers)} methods ({', '.join(samplers)}) with {classifier}, "
        f"{args.n_jobs} job(s)...",
    )
    start = time.perf_counter()
    with _threads(args.threads):
        results, synthetic = benchmark_samplers(
            X,
            y,
            samplers=samplers,
            classifiers=default_classifiers(X, names=(classifier,), random_state=args.seed),
            cv=make_cv(
                args.folds, args.repeats, grouped=groups is not None, random_state=args.seed
            ),
            groups=groups,
            scoring=tuple(BENCHMARK_METRICS),
            n_jobs=args.n_jobs,
            random_state=args.seed,
            verbose=0 if args.quiet else 5,
            checkpoint=args.checkpoint,
        )
    run["seconds"] = time.perf_counter() - start
    _progress(args, f"done in {run['seconds']:.1f} s")
    _write_benchmark(args, run, results, synthetic)
    return 0


def _cv_text(args, groups):
    text = f"{args.folds}-fold stratified CV"
    if args.repeats > 1:
        text += f" x {args.repeats}"
    if groups is not None:
        text += f", grouped ({len(pd.unique(groups))} groups)"
    return text


def _write_benchmark(args, run, results, synthetic):
    """Print the table and summary; write CSVs, figures, summary.md and report.html."""
    from .experiments import _report

    run["splits"] = len(results.drop_duplicates(["repeat", "fold"]))
    parts = _report.benchmark_parts(results, synthetic)
    print(
        f"{run['dataset']} ({run['rows']} rows; {run['classes']}), {run['classifier']}, "
        f"{run['cv']}; mean ± std over splits"
    )
    print(parts["table"].to_string(index=False))
    print()
    print(textwrap.fill(parts["summary"], width=100))
    out = Path(args.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    results.to_csv(out / "results.csv", index=False)
    synthetic.to_csv(out / "synthetic.csv", index=False)
    figures = [] if args.no_plots else _benchmark_figures(results, synthetic, out)
    markdown = _report.benchmark_markdown(run, parts, figures, out)
    (out / "summary.md").write_text(markdown, encoding="utf-8")
    footer = f"skgan {__version__} · <code>skgan {html.escape(' '.join(run['argv']))}</code>"
    page = _report.benchmark_html(run, parts, figures, footer)
    (out / "report.html").write_text(page, encoding="utf-8")
    written = "results.csv, synthetic.csv, summary.md, report.html" + (
        "" if args.no_plots else " and figures"
    )
    _progress(args, f"wrote {written} to {out}; open {out / 'report.html'} in a browser")


def _benchmark_figures(results, synthetic, out):
    """[(caption, path)] of the score and synthetic-row figures."""
    from .plotting import plot_comparison, plot_synthetic_quality

    _use_agg()
    figures = [
        (
            "Scores on each test fold (boxes: quartiles; dots: folds)",
            _save(
                plot_comparison(results, metric=list(BENCHMARK_METRICS)[:3], ncols=3),
                out / "scores.png",
            ),
        )
    ]
    if not synthetic.empty:
        samplers = list(dict.fromkeys(results["sampler"]))
        figure = plot_synthetic_quality(synthetic, samplers=samplers)
        caption = "Synthetic rows per training fold (bars: medians; dots: folds)"
        figures.append((caption, _save(figure, out / "synthetic_quality.png")))
    return figures


# --------------------------------------------------------------------- resample
def _strategy(text, labels):
    """'auto', 'minority', ..., a float, or a JSON dict of label -> count."""
    if text in ("auto", "minority", "not minority", "not majority", "all"):
        return text
    try:
        return float(text)
    except ValueError:
        pass
    try:
        mapping = json.loads(text)
    except json.JSONDecodeError:
        raise UsageError(
            f"--strategy {text!r} is not 'auto', 'minority', 'not minority', 'not majority', "
            "'all', a float or a JSON object such as '{\"1\": 500}'."
        ) from None
    if not isinstance(mapping, dict):
        raise UsageError(f"--strategy JSON must be an object of label to count, got {text!r}.")
    # JSON keys are strings; match them to the labels as read from the CSV.
    by_text = {str(label): label for label in labels}
    unknown = sorted(set(mapping) - set(by_text))
    if unknown:
        raise UsageError(f"--strategy labels {unknown} are not in the target: {sorted(by_text)}.")
    return {by_text[key]: int(count) for key, count in mapping.items()}


def _resample(args):
    from ._csv import read_csv, write_csv
    from ._sampler import GANSampler
    from ._validation import RefusedColumnsError

    drop, parse_dates = _split_list(args.drop or ""), _split_list(args.parse_dates or "")
    if args.target in drop:
        raise UsageError(f"--target {args.target!r} cannot also be in --drop.")
    frame, dates = read_csv(args.input, parse_dates=parse_dates, drop=drop)
    if args.target not in frame.columns:
        raise ValueError(
            f"--target {args.target!r} is not a column of {args.input}; columns are "
            f"{list(frame.columns)}."
        )
    y = frame[args.target]
    if y.isna().any():
        raise ValueError(f"the target column {args.target!r} has missing values; drop them.")
    X = frame.drop(columns=args.target)
    categorical = "auto"
    if args.categorical:
        categorical = _split_list(args.categorical)
        missing = sorted(set(categorical) - set(X.columns))
        if missing:
            raise ValueError(f"--categorical columns {missing} are not in {args.input}.")
    sampler = GANSampler(
        sampling_strategy=_strategy(args.strategy, y.unique()),
        categorical_features=categorical,
        n_steps=args.steps,
        random_state=args.seed,
        device=args.device,
        verbose=int(not args.quiet),
    )
    _progress(args, f"training on {len(X)} rows, classes {y.value_counts().to_dict()}")
    try:
        with _threads(args.threads):
            X_res, y_res = sampler.fit_resample(X, y)
    except RefusedColumnsError as exc:
        raise ValueError(_refusal(exc, X, drop, parse_dates)) from None
    out = X_res.copy()
    out.insert(frame.columns.get_loc(args.target), args.target, np.asarray(y_res))
    if args.only_synthetic:
        out = out.iloc[len(frame) :]
    write_csv(out, args.output, dates)
    n_new = len(X_res) - len(frame)
    _progress(args, f"wrote {len(out)} rows ({n_new} synthetic) to {args.output}")
    return 0


def _refusal(exc, X, drop, parse_dates):
    """The sampler's refusal in the command's terms: the columns, why, and the option."""
    from ._csv import parses_as_dates

    # The sampler's own message tells a Python user to drop the column from X; here
    # the fix is an option, and text dates (each one distinct) want --parse-dates.
    why = " ".join(f"Column {name!r} {reason}." for name, reason in exc.reasons.items())
    dates = [name for name in exc.reasons if parses_as_dates(X[name])]
    others = [name for name in exc.reasons if name not in dates]
    fixes = []
    if others:
        them = "it" if len(others) == 1 else "them"
        fixes.append(f"Leave {them} out with --drop {','.join(drop + others)}")
        if set(exc.free_text) & set(others):
            fixes[-1] += " (or turn the text into numbers before skgan resample)"
    if dates:
        one = len(dates) == 1
        fixes.append(
            f"Column{'' if one else 's'} {', '.join(map(repr, dates))} "
            f"hold{'s' if one else ''} dates: read {'it' if one else 'them'} with "
            f"--parse-dates {','.join(parse_dates + dates)}"
        )
    return f"{why} {'. '.join(fixes)}."


# --------------------------------------------------------------------- report
def _report(args):
    from .experiments import _quality_page as _report
    from .metrics import column_detection, column_fidelity, quality_report

    real = _read_csv(args.real, "real")
    synthetic = _read_csv(args.synthetic, "synthetic")
    holdout = _read_csv(args.holdout, "holdout") if args.holdout else None
    tables = [t for t in (real, synthetic, holdout) if t is not None]
    if list(synthetic.columns) != list(real.columns):
        raise ValueError(
            f"{args.synthetic} and {args.real} must have the same columns; got "
            f"{list(synthetic.columns)} and {list(real.columns)}."
        )
    if args.target:
        if args.target not in real.columns:
            raise ValueError(f"--target {args.target!r} is not a column of {args.real}.")
        # A class label is categorical whatever its dtype in the CSV.
        for table in tables:
            table[args.target] = table[args.target].astype(str).astype("category")
    fmt = args.format or ("html" if str(args.output or "").endswith(".html") else "markdown")
    output = Path(args.output or ("report.html" if fmt == "html" else "report.md"))
    _progress(args, f"scoring {len(synthetic)} synthetic rows against {len(real)} real rows")
    with _threads(args.threads):
        report = quality_report(real, synthetic, holdout=holdout, random_state=args.seed)
        columns = column_fidelity(real, synthetic)
        # which columns and pairs give the rows away (at most 30 pairs: bounded cost)
        detection = column_detection(real, synthetic, pairs=True, random_state=args.seed)
    figures = _report_figures(args, real, synthetic, output)
    title = f"skgan quality report: {Path(args.synthetic).name} vs {Path(args.real).name}"
    intro = (
        f"{len(real)} real rows, {len(synthetic)} synthetic rows"
        + (f", {len(holdout)} holdout rows" if holdout is not None else "")
        + f", {real.shape[1]} columns."
    )
    if fmt == "markdown":
        text = _report.quality_markdown(
            title, intro, report, columns, figures, output.parent, detection=detection
        )
    else:
        text = _report.quality_html(title, intro, report, columns, figures, detection=detection)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    _progress(args, f"wrote {output}")
    summary = report.set_index("metric")["value"]
    print(f"{title}\n{intro}")
    print(summary.to_string(float_format="{:.4f}".format))
    return 0


def _report_figures(args, real, synthetic, output):
    """Draw the marginals and the embedding; [(title, path)], or [] without plots."""
    if args.no_plots:
        return []
    try:
        _use_agg()
    except ImportError:
        warnings.warn("matplotlib is not installed: the report has no figures.", stacklevel=2)
        return []
    from .plotting import plot_embedding, plot_marginals

    plots_dir = Path(args.plots_dir) if args.plots_dir else output.parent / f"{output.stem}_plots"
    plots_dir.mkdir(parents=True, exist_ok=True)
    by = args.target if args.target else None
    return [
        ("Marginals", _save(plot_marginals(real, synthetic, by=by), plots_dir / "marginals.png")),
        ("Embedding", _save(plot_embedding(real, synthetic), plots_dir / "embedding.png")),
    ]


# --------------------------------------------------------------------- parser
def build_parser():
    """The argument parser of the ``skgan`` command (exposed for the docs)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    common.add_argument(
        "--threads",
        type=_positive_int,
        default=1,
        help="torch and BLAS threads per process (default: 1; small networks gain little "
        "from more, and shared machines lose much)",
    )
    common.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    common.add_argument("--debug", action="store_true", help="show tracebacks on errors")

    parser = argparse.ArgumentParser(
        prog="skgan",
        description="GAN-based over-sampling for imbalanced, mixed-type tables.",
    )
    parser.add_argument("--version", action="version", version=f"skgan {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_add_benchmark, _add_resample, _add_report):
        add(commands, common)
    return parser


def _add_benchmark(commands, common):
    bench = commands.add_parser(
        "benchmark",
        parents=[common],
        help="cross-validate samplers on a dataset",
        description="Cross-validate over-samplers and class weighting with one classifier; "
        "print mean ± std scores, each sampler's fit time and how its synthetic rows compare "
        "with the real ones (exact copies, distance-to-closest-record ratio, detection AUC), "
        "and a summary; write results.csv, synthetic.csv, summary.md, figures and a "
        "self-contained report.html.",
    )
    bench.add_argument(
        "--dataset",
        default="youtube_spam_pos10",
        help="a skgan.datasets name, optionally with a _posN suffix that keeps a seeded N%% "
        "of class 1 (e.g. youtube_spam_pos10; skgan.datasets.load_variant), or a CSV file; "
        "youtube_spam_text (_posN) is the comments' text as a sparse TF-IDF matrix of 500 "
        "words (vocabulary fitted on all rows) (default: youtube_spam_pos10)",
    )
    bench.add_argument("--data-path", help="folder or file of a dataset skgan does not bundle")
    bench.add_argument("--target", help="label column (default: the dataset's)")
    bench.add_argument(
        "--groups",
        default="auto",
        metavar="{auto,none,COLUMN}",
        help="keep rows of a group in one fold: auto uses the dataset's advised groups (e.g. "
        "copies of a YouTube comment), none disables, or name a column, which is then not a "
        "feature (default: auto)",
    )
    bench.add_argument(
        "--samplers",
        default="none,class_weight,smote,screened,gan_no_rounds,gan",
        help=f"comma-separated, from {','.join(SAMPLER_NAMES)}; class_weight trains the "
        "classifier with class_weight='balanced' instead of resampling "
        "(default: none,class_weight,smote,screened,gan_no_rounds,gan)",
    )
    bench.add_argument("--classifier", choices=("hgb", "lr", "rf"), default="hgb")
    bench.add_argument(
        "--checkpoint",
        metavar="FILE",
        default=None,
        help="append every finished split to FILE as it ends; run the same command again "
        "with the same FILE to resume an interrupted benchmark (default: none)",
    )
    bench.add_argument("--folds", type=_positive_int, default=5, help="CV folds (default: 5)")
    bench.add_argument("--repeats", type=_positive_int, default=1, help="CV repeats (default: 1)")
    bench.add_argument(
        "--gan-steps", type=_steps, default="auto", help="GANSampler n_steps (default: auto)"
    )
    bench.add_argument("--n-jobs", type=int, default=1, help="parallel tasks (default: 1)")
    bench.add_argument("--output-dir", default="skgan-output", help="(default: skgan-output)")
    bench.add_argument("--no-plots", action="store_true", help="skip the PNG figures")
    bench.add_argument(
        "--subsample-minority",
        type=_fraction,
        metavar="FRACTION",
        help="keep only this fraction of the rarest class (e.g. 0.1), seeded by --seed; "
        "ignored with a _posN dataset name",
    )
    bench.set_defaults(run=_benchmark)


def _add_resample(commands, common):
    res = commands.add_parser(
        "resample",
        parents=[common],
        help="add GAN-made rows to a CSV",
        description="Train a GANSampler on a CSV and write the original rows followed by "
        "the synthetic ones. Text columns of ISO 8601 dates (2007-04-06 10:58:22+00:00), and "
        "those of --parse-dates, are learned as dates and written back as they were read; "
        "columns of --drop are left out of training and of the output.",
    )
    res.add_argument("input", metavar="IN.csv")
    res.add_argument("--target", required=True, help="label column")
    res.add_argument("-o", "--output", required=True, metavar="OUT.csv")
    res.add_argument(
        "--strategy",
        default="auto",
        help="sampling_strategy: auto, minority, not minority, not majority, all, a float, "
        "or JSON such as '{\"1\": 500}' (default: auto)",
    )
    res.add_argument("--categorical", help="comma-separated categorical columns (default: auto)")
    res.add_argument(
        "--drop",
        metavar="COLS",
        help="comma-separated columns to leave out: identifiers (ids, screen names) and free "
        "text, which the sampler refuses; they are not in the output either",
    )
    res.add_argument(
        "--parse-dates",
        metavar="COLS",
        help="comma-separated columns of dates in another format than ISO 8601: any format "
        "pandas infers, or Twitter's 'Fri Apr 06 10:58:22 +0000 2007' (text columns of ISO "
        "dates are parsed without it); the output writes them back in the same format",
    )
    res.add_argument("--steps", type=_steps, default="auto", help="n_steps (default: auto)")
    res.add_argument("--device", default="auto", help="auto, cpu or cuda (default: auto)")
    res.add_argument("--only-synthetic", action="store_true", help="write the new rows only")
    res.set_defaults(run=_resample)


def _add_report(commands, common):
    rep = commands.add_parser(
        "report",
        parents=[common],
        help="fidelity and privacy report of a synthetic CSV",
        description="Compare a synthetic CSV with the real one (skgan.metrics) and write a "
        "Markdown or self-contained HTML report: summary metrics, per-column distances, "
        "per-column and per-pair detection AUC, and figures.",
    )
    rep.add_argument("real", metavar="REAL.csv")
    rep.add_argument("synthetic", metavar="SYNTH.csv")
    rep.add_argument("--holdout", metavar="HOLDOUT.csv", help="real rows not used in training")
    rep.add_argument("--target", help="label column: categorical, and splits the marginals")
    rep.add_argument("--format", choices=("markdown", "html"), help="(default: from -o)")
    rep.add_argument("-o", "--output", help="(default: report.md or report.html)")
    rep.add_argument("--plots-dir", help="where the PNGs go (default: next to the report)")
    rep.add_argument("--no-plots", action="store_true", help="skip the figures")
    rep.set_defaults(run=_report)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    # One line per warning, without the source line: users of a command need no code.
    print(f"skgan: {category.__name__}: {message}", file=sys.stderr)


def main(argv=None):
    """Run the ``skgan`` command line.

    Parameters
    ----------
    argv : list of str, default=None
        Arguments without the program name; ``sys.argv[1:]`` when None.

    Returns
    -------
    status : int
        0 on success, 1 on a runtime error (message on stderr), 2 on a usage
        error.

    Examples
    --------
    >>> from skgan.cli import main
    >>> main(["--version"])
    skgan 0.5.0.dev0
    0
    """
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0)
    args.argv = argv
    try:
        with warnings.catch_warnings():
            if not args.debug:
                warnings.showwarning = _show_warning
            return args.run(args)
    except UsageError as exc:
        if args.debug:
            raise
        parser.print_usage(sys.stderr)
        print(f"skgan {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("skgan: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(f"skgan {args.command}: error: {exc}", file=sys.stderr)
        return 1

"""Command line: ``skgan benchmark``, ``skgan resample`` and ``skgan report``.

Every command is a thin layer over the library: :mod:`skgan.experiments`,
:class:`skgan.GANSampler`, :mod:`skgan.metrics` and :mod:`skgan.plotting`.
:func:`main` returns the exit status instead of exiting, so tests call it
directly: 0 success, 1 runtime error (message on stderr, no traceback unless
``--debug``), 2 usage error.
"""

import argparse
import base64
import contextlib
import html
import json
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from . import __version__

__all__ = ["main"]

SAMPLER_NAMES = ("none", "ros", "smote", "adasyn", "borderline", "gan")

# Metric name in results -> column heading in the printed summary.
BENCHMARK_METRICS = {
    "f1": "F1",
    "average_precision": "PR-AUC",
    "balanced_accuracy": "bal. acc.",
    "geometric_mean": "G-mean",
}


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
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{what} file not found: {path}")
    return pd.read_csv(path)


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


def _markdown_table(frame, floatfmt="{:.4g}"):
    """A GitHub-flavoured Markdown table (no dependency on ``tabulate``)."""

    def cell(value):
        if isinstance(value, float | np.floating):
            return "" if np.isnan(value) else floatfmt.format(value)
        return str(value).replace("|", "\\|")

    header = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.to_numpy()]
    return "\n".join([header, rule, *rows])


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
def _load_benchmark_data(args):
    from .datasets import load_dataset, subsample_class

    if args.dataset.endswith(".csv"):
        if not args.target:
            raise UsageError("--target is required when --dataset is a CSV file.")
        X = _read_csv(args.dataset, "dataset")
        if args.target not in X.columns:
            raise ValueError(f"--target {args.target!r} is not a column of {args.dataset}.")
        y = X.pop(args.target)
    else:
        kwargs = {"target": args.target} if args.target else {}
        X, y = load_dataset(args.dataset, path=args.data_path, return_X_y=True, **kwargs)
    if y.isna().any():
        X, y = X[y.notna().to_numpy()], y[y.notna()]
    counts = y.value_counts()
    if args.subsample_minority is not None:
        X, y = subsample_class(
            X,
            y,
            label=counts.index[-1],
            fraction=args.subsample_minority,
            random_state=args.seed,
        )
        counts = y.value_counts()
    return X, y, counts


def _make_samplers(names, X, args):
    from imblearn.over_sampling import (
        ADASYN,
        SMOTE,
        SMOTENC,
        BorderlineSMOTE,
        RandomOverSampler,
    )

    from ._sampler import GANSampler
    from .experiments import ImputedSampler, _split_columns

    categorical, _ = _split_columns(X)
    seed = args.seed
    if categorical:
        smote = SMOTENC(categorical_features=categorical, random_state=seed)
    else:
        smote = SMOTE(random_state=seed)
    # The interpolating samplers reject NaN; ImputedSampler fills them per training fold.
    needs_filling = X.isna().to_numpy().any()

    def classic(sampler):
        return ImputedSampler(sampler) if needs_filling else sampler

    factories = {
        "none": lambda: None,
        "ros": lambda: RandomOverSampler(random_state=seed),
        "smote": lambda: classic(smote),
        "adasyn": lambda: classic(ADASYN(random_state=seed)),
        "borderline": lambda: classic(BorderlineSMOTE(random_state=seed)),
        "gan": lambda: GANSampler(random_state=seed, n_steps=args.gan_steps),
    }
    if categorical and {"adasyn", "borderline"} & set(names):
        raise UsageError(
            f"adasyn and borderline need numeric columns, but {categorical} are categorical; "
            "use smote (SMOTENC), ros or gan."
        )
    display = {"smote": "SMOTENC" if categorical else "SMOTE"}
    return {display.get(name, name): factories[name]() for name in names}


def _benchmark(args):
    from sklearn.model_selection import RepeatedStratifiedKFold, StratifiedKFold

    from .experiments import compare_samplers, default_classifiers, paired_comparison, summarize

    names = _split_list(args.samplers)
    unknown = sorted(set(names) - set(SAMPLER_NAMES))
    if unknown or not names:
        raise UsageError(
            f"unknown sampler(s) {unknown or names}; choose from {', '.join(SAMPLER_NAMES)}."
        )
    X, y, counts = _load_benchmark_data(args)
    _progress(
        args,
        f"{args.dataset}: {len(y)} rows, {X.shape[1]} columns, classes "
        + ", ".join(f"{k}: {v}" for k, v in counts.items()),
    )
    samplers = _make_samplers(names, X, args)
    classifier = args.classifier.upper()
    classifiers = default_classifiers(X, names=(classifier,), random_state=args.seed)
    if args.repeats > 1:
        cv = RepeatedStratifiedKFold(
            n_splits=args.folds, n_repeats=args.repeats, random_state=args.seed
        )
    else:
        cv = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
    _progress(
        args,
        f"{args.folds}-fold CV x {args.repeats}: {len(samplers)} samplers "
        f"({', '.join(samplers)}) with {classifier}, {args.n_jobs} job(s)...",
    )
    start = time.perf_counter()
    with _threads(args.threads):
        results = compare_samplers(
            X,
            y,
            samplers=samplers,
            classifiers=classifiers,
            cv=cv,
            scoring=tuple(BENCHMARK_METRICS),
            n_jobs=args.n_jobs,
            verbose=0 if args.quiet else 5,
        )
    elapsed = time.perf_counter() - start
    _progress(args, f"done in {elapsed:.1f} s")

    table = summarize(results, wide=True).drop(columns="classifier")
    table = table.rename(columns=BENCHMARK_METRICS)
    print(
        f"{args.dataset} ({len(y)} rows), {classifier}, {args.folds}-fold CV"
        + (f" x {args.repeats}" if args.repeats > 1 else "")
        + ", mean ± std over splits"
    )
    print(table.to_string(index=False))

    out = Path(args.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    results.to_csv(out / "results.csv", index=False)
    lines = [
        f"# skgan benchmark: {args.dataset}",
        "",
        f"{len(y)} rows, {X.shape[1]} features, classes "
        + ", ".join(f"{k}: {v}" for k, v in counts.items())
        + f". Classifier {classifier}; {args.folds}-fold stratified CV"
        + (f" repeated {args.repeats} times" if args.repeats > 1 else "")
        + f", seed {args.seed}; {elapsed:.0f} s. Mean ± standard deviation over splits.",
        "",
        _markdown_table(table),
    ]
    scored = results.dropna(subset=["value"])
    reference = next((s for s in ("SMOTENC", "SMOTE", "none") if s in set(scored.sampler)), None)
    if reference is not None and scored["sampler"].nunique() > 1:
        comparison = paired_comparison(scored, reference, metric=list(BENCHMARK_METRICS))
        comparison = comparison.drop(columns="classifier")
        lines += [
            "",
            f"## Against {reference}",
            "",
            "Nadeau–Bengio corrected resampled t-test, two-sided, alpha = 0.05 "
            "(mean difference = sampler minus reference).",
            "",
            _markdown_table(comparison, floatfmt="{:.3f}"),
        ]
    errors = results.dropna(subset=["error"]).drop_duplicates(["sampler", "error"])
    if len(errors):
        lines += ["", "## Errors", ""]
        lines += [f"- {row.sampler}: {row.error}" for row in errors.itertuples()]
    if not args.no_plots:
        from .plotting import plot_comparison

        _use_agg()
        lines += ["", "## Figures", ""]
        for metric in ("f1", "average_precision"):
            name = f"comparison_{metric}.png"
            _save(plot_comparison(results, metric=metric), out / name)
            lines.append(f"![{BENCHMARK_METRICS[metric]}]({name})")
    (out / "summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _progress(args, f"wrote results.csv, summary.md and figures to {out}")
    return 0


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
    from ._sampler import GANSampler

    frame = _read_csv(args.input)
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
    with _threads(args.threads):
        X_res, y_res = sampler.fit_resample(X, y)
    out = X_res.copy()
    out.insert(frame.columns.get_loc(args.target), args.target, np.asarray(y_res))
    if args.only_synthetic:
        out = out.iloc[len(frame) :]
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(args.output, index=False)
    n_new = len(X_res) - len(frame)
    _progress(args, f"wrote {len(out)} rows ({n_new} synthetic) to {args.output}")
    return 0


# --------------------------------------------------------------------- report
def _report(args):
    from .metrics import column_fidelity, quality_report

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
    figures = _report_figures(args, real, synthetic, output)
    title = f"skgan quality report: {Path(args.synthetic).name} vs {Path(args.real).name}"
    intro = (
        f"{len(real)} real rows, {len(synthetic)} synthetic rows"
        + (f", {len(holdout)} holdout rows" if holdout is not None else "")
        + f", {real.shape[1]} columns."
    )
    if fmt == "markdown":
        parts = [
            f"# {title}",
            "",
            intro,
            "",
            "## Summary",
            "",
            _markdown_table(report),
            "",
            "## Columns",
            "",
            _markdown_table(columns),
        ]
        if figures:
            parts += ["", "## Figures", ""]
            parts += [
                f"![{name}]({os.path.relpath(path, output.parent)})" for name, path in figures
            ]
        text = "\n".join(parts) + "\n"
    else:
        text = _html_report(title, intro, report, columns, figures)
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


def _html_report(title, intro, report, columns, figures):
    def table(frame):
        return frame.to_html(index=False, float_format="{:.4g}".format, na_rep="", border=0)

    images = "".join(
        f'<figure><img alt="{html.escape(name)}" src="data:image/png;base64,'
        f'{base64.b64encode(Path(path).read_bytes()).decode("ascii")}">'
        f"<figcaption>{html.escape(name)}</figcaption></figure>"
        for name, path in figures
    )
    style = (
        "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;color:#222}"
        "table{border-collapse:collapse;margin:1rem 0}"
        "th,td{padding:.3rem .7rem;border-bottom:1px solid #ddd;text-align:left}"
        "th{background:#f4f4f4}img{max-width:100%}"
    )
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{style}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p>{html.escape(intro)}</p>"
        f"<h2>Summary</h2>{table(report)}<h2>Columns</h2>{table(columns)}"
        + (f"<h2>Figures</h2>{images}" if images else "")
        + "</body></html>\n"
    )


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

    bench = commands.add_parser(
        "benchmark",
        parents=[common],
        help="cross-validate samplers on a dataset",
        description="Cross-validate over-samplers with one classifier; print mean ± std "
        "scores and write results.csv, summary.md and figures.",
    )
    bench.add_argument(
        "--dataset",
        default="facebook_metrics",
        help="a skgan.datasets name or a CSV file (default: facebook_metrics)",
    )
    bench.add_argument("--data-path", help="folder or file of a dataset skgan does not bundle")
    bench.add_argument("--target", help="label column (default: the dataset's)")
    bench.add_argument(
        "--samplers",
        default="none,smote,gan",
        help=f"comma-separated, from {','.join(SAMPLER_NAMES)} (default: none,smote,gan)",
    )
    bench.add_argument("--classifier", choices=("hgb", "lr", "rf"), default="hgb")
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
        help="keep only this fraction of the rarest class (e.g. 0.1)",
    )
    bench.set_defaults(run=_benchmark)

    res = commands.add_parser(
        "resample",
        parents=[common],
        help="add GAN-made rows to a CSV",
        description="Train a GANSampler on a CSV and write the original rows followed by "
        "the synthetic ones.",
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
    res.add_argument("--steps", type=_steps, default="auto", help="n_steps (default: auto)")
    res.add_argument("--device", default="auto", help="auto, cpu or cuda (default: auto)")
    res.add_argument("--only-synthetic", action="store_true", help="write the new rows only")
    res.set_defaults(run=_resample)

    rep = commands.add_parser(
        "report",
        parents=[common],
        help="fidelity and privacy report of a synthetic CSV",
        description="Compare a synthetic CSV with the real one (skgan.metrics) and write a "
        "Markdown or self-contained HTML report.",
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
    return parser


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
    skgan 0.1.0
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0)
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

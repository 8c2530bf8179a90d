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
import os
import re
import sys
import textwrap
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from . import __version__
from .experiments import SAMPLER_NAMES

__all__ = ["main"]

# Metric name in results -> column heading in the printed summary (the first is the headline).
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
def _variant(name):
    """``"youtube_spam_pos10"`` -> ``("youtube_spam", 0.1)``; other names -> ``(name, None)``."""
    match = re.fullmatch(r"(.+)_pos(\d+)", name)
    if not match:
        return name, None
    percent = int(match.group(2))
    if not 1 <= percent <= 100:
        raise UsageError(f"--dataset {name!r}: the _pos suffix must be 1 to 100, got {percent}.")
    return match.group(1), percent / 100


def _load_table(args):
    """(X, y, groups) of --dataset as loaded, before any subsampling."""
    from .datasets import load_dataset

    column = None if args.groups in ("auto", "none") else args.groups
    if args.dataset.endswith(".csv"):
        if not args.target:
            raise UsageError("--target is required when --dataset is a CSV file.")
        X = _read_csv(args.dataset, "dataset")
        if args.target not in X.columns:
            raise ValueError(f"--target {args.target!r} is not a column of {args.dataset}.")
        y, groups = X.pop(args.target), None
    else:
        kwargs = {"target": args.target} if args.target else {}
        bunch = load_dataset(_variant(args.dataset)[0], path=args.data_path, **kwargs)
        X, y = bunch.data.copy(), bunch.target
        groups = bunch.get("groups") if args.groups == "auto" else None
    if column is not None:
        if column not in X.columns:
            raise ValueError(f"--groups {column!r} is not a column of {args.dataset}.")
        groups = X.pop(column)
    return X, y, groups


def _load_benchmark_data(args):
    """(X, y, groups, note): the table, subsampled as asked, and a sentence saying how."""
    from .datasets import subsample_class

    X, y, groups = _load_table(args)
    keep = y.notna().to_numpy()
    fraction, label = _variant(args.dataset)[1], 1
    if fraction is None and args.subsample_minority is not None:
        fraction, label = args.subsample_minority, y[keep].value_counts().index[-1]
    note = ""
    if fraction is not None:
        # The positions subsample_class keeps; the same seed keeps the same rows.
        rows, _ = subsample_class(
            np.flatnonzero(keep), y[keep], label=label, fraction=fraction, random_state=args.seed
        )
        keep = np.zeros(len(y), dtype=bool)
        keep[rows] = True
        note = f"keeping a seeded {fraction:.0%} of class {label}"
    X, y = X[keep].reset_index(drop=True), y[keep].reset_index(drop=True)
    if groups is not None:
        groups = np.asarray(groups)[keep]
    return X, y, groups, note


def _sampler_names(args):
    names = _split_list(args.samplers)
    unknown = sorted(set(names) - set(SAMPLER_NAMES))
    if unknown or not names or len(set(names)) < len(names):
        raise UsageError(
            f"unknown or repeated sampler(s) {unknown or names}; choose from "
            f"{', '.join(SAMPLER_NAMES)}."
        )
    return names


def _cv(args, groups):
    from sklearn.model_selection import (
        RepeatedStratifiedKFold,
        StratifiedGroupKFold,
        StratifiedKFold,
    )

    from .experiments import RepeatedStratifiedGroupKFold

    folds, repeats, seed = args.folds, args.repeats, args.seed
    if groups is not None and repeats > 1:
        return RepeatedStratifiedGroupKFold(folds, repeats, random_state=seed)
    if groups is not None:
        return StratifiedGroupKFold(folds, shuffle=True, random_state=seed)
    if repeats > 1:
        return RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=seed)
    return StratifiedKFold(folds, shuffle=True, random_state=seed)


def _benchmark(args):
    from .experiments import benchmark_samplers, default_classifiers, make_samplers

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
            cv=_cv(args, groups),
            groups=groups,
            scoring=tuple(BENCHMARK_METRICS),
            n_jobs=args.n_jobs,
            random_state=args.seed,
            verbose=0 if args.quiet else 5,
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


def _write_benchmark(args, run, results, synthetic):
    """Print the table and summary; write CSVs, figures, summary.md and report.html."""
    from . import _cli_output as output

    run["splits"] = len(results.drop_duplicates(["repeat", "fold"]))
    table = output.results_table(results, synthetic, BENCHMARK_METRICS)
    comparison = _comparison(results)
    summary = output.summary_paragraph(
        results, synthetic, names=METRIC_NAMES, comparison=comparison
    )
    print(
        f"{run['dataset']} ({run['rows']} rows; {run['classes']}), {run['classifier']}, "
        f"{run['cv']}; mean ± std over splits"
    )
    print(table.to_string(index=False))
    print()
    print(textwrap.fill(summary, width=100))
    out = Path(args.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    results.to_csv(out / "results.csv", index=False)
    synthetic.to_csv(out / "synthetic.csv", index=False)
    figures = [] if args.no_plots else _benchmark_figures(results, synthetic, out)
    errors = results.dropna(subset=["error"]).drop_duplicates(["sampler", "error"])
    errors = [f"{row.sampler}: {row.error}" for row in errors.itertuples()]
    parts = (run, summary, table, comparison, errors)
    (out / "summary.md").write_text(_benchmark_markdown(*parts, figures, out), encoding="utf-8")
    means = output.score_means(results, BENCHMARK_METRICS)
    best = output.best_cells(table, means, BENCHMARK_METRICS)
    page = _benchmark_html(*parts, figures, best)
    (out / "report.html").write_text(page, encoding="utf-8")
    written = "results.csv, synthetic.csv, summary.md, report.html" + (
        "" if args.no_plots else " and figures"
    )
    _progress(args, f"wrote {written} to {out}; open {out / 'report.html'} in a browser")


def _comparison(results):
    """Paired tests against SMOTE(NC), else no resampling; None when there is nothing to test."""
    from .experiments import paired_comparison

    scored = results.dropna(subset=["value"])
    present = list(dict.fromkeys(scored["sampler"]))
    reference = next((s for s in ("SMOTENC", "SMOTE", "none") if s in present), None)
    if reference is None or len(present) < 2:
        return None
    comparison = paired_comparison(scored, reference, metric=list(BENCHMARK_METRICS))
    return reference, comparison.drop(columns="classifier").round(3)


def _comparison_table(frame):
    """The paired tests with the metric headings of the results table."""
    return frame.assign(metric=frame["metric"].map(BENCHMARK_METRICS))


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


def _run_sentence(run):
    sentence = f"{run['dataset']}: {run['rows']} rows, {run['features']} features, classes "
    sentence += run["classes"] + (f" ({run['note']})" if run["note"] else "") + ". "
    return sentence + (
        f"Classifier {run['classifier']}; {run['cv']}; seed {run['seed']}; "
        f"{run['seconds']:.0f} s wall time."
    )


def _benchmark_markdown(run, summary, table, comparison, errors, figures, out):
    from .experiments import to_markdown

    lines = [f"# skgan benchmark: {run['dataset']}", "", _run_sentence(run), "", summary]
    lines += ["", to_markdown(table), ""]
    lines += [f"- **{term}**: {text}" for term, text in _column_notes(run).items()]
    if comparison is not None:
        reference, frame = comparison
        lines += ["", f"## Against {reference}", "", PAIRED_TEST_NOTE, ""]
        lines.append(to_markdown(_comparison_table(frame), floatfmt="{:.3f}"))
    if errors:
        lines += ["", "## Errors", "", *(f"- {e}" for e in errors)]
    if figures:
        lines += ["", "## Figures", ""]
        lines += [f"![{name}]({os.path.relpath(path, out)})" for name, path in figures]
    return "\n".join(lines) + "\n"


def _benchmark_html(run, summary, table, comparison, errors, figures, best):
    from . import _cli_output as output

    body = [
        f"<p>{html.escape(_run_sentence(run))}</p>",
        f"<p class=summary>{html.escape(summary)}</p>",
        "<h2>Results</h2>",
        output.html_table(table, best=best),
        output.definition_list(_column_notes(run)),
    ]
    if figures:
        body += ["<h2>Figures</h2>", output.html_figures(figures)]
    if comparison is not None:
        reference, frame = comparison
        body += [f"<h2>Against {html.escape(reference)}</h2>", f"<p>{PAIRED_TEST_NOTE}</p>"]
        body.append(output.html_table(_comparison_table(frame)))
    if errors:
        body.append("<h2>Errors</h2><ul>")
        body += [f"<li>{html.escape(e)}</li>" for e in errors] + ["</ul>"]
    body.append(
        f"<footer>skgan {__version__} · <code>skgan {html.escape(' '.join(run['argv']))}"
        "</code></footer>"
    )
    return output.html_page(f"skgan benchmark: {run['dataset']}", "".join(body))


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
    from .experiments import to_markdown
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
            to_markdown(report, floatfmt="{:.4g}"),
            "",
            "## Columns",
            "",
            to_markdown(columns, floatfmt="{:.4g}"),
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
    from ._cli_output import html_figures, html_page, html_table

    body = (
        f"<p>{html.escape(intro)}</p><h2>Summary</h2>{html_table(report)}"
        f"<h2>Columns</h2>{html_table(columns)}"
    )
    if figures:
        body += f"<h2>Figures</h2>{html_figures(figures)}"
    return html_page(title, body)


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
        "of class 1 (e.g. youtube_spam_pos10), or a CSV file (default: youtube_spam_pos10)",
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
        default="none,class_weight,smote,gan",
        help=f"comma-separated, from {','.join(SAMPLER_NAMES)}; class_weight trains the "
        "classifier with class_weight='balanced' instead of resampling "
        "(default: none,class_weight,smote,gan)",
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


def _add_report(commands, common):
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
    skgan 0.2.0.dev0
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

"""
The command line, from Python
=============================

The ``skgan`` command resamples CSV files and reports on synthetic data
without a line of Python. :func:`skgan.cli.main` runs the same command from
Python: it takes the arguments as a list and returns the exit status instead
of exiting, which makes it easy to script. In a shell, drop ``main([...])``
and type the words: ``skgan resample spam.csv --target spam -o out.csv``.

The command-line reference page lists every command and option.
"""

# %%
# A CSV to start from
# -------------------
# The bundled YouTube comment statistics with rare spam, split in two: a
# training file for the sampler and a holdout file for the report.
import os
import tempfile
from pathlib import Path

from sklearn.model_selection import train_test_split

from skgan.datasets import load_youtube_spam, subsample_class

X, y = load_youtube_spam(return_X_y=True)
X, y = subsample_class(X, y, label=1, fraction=0.1, random_state=0)
table = X.assign(spam=y)
train, holdout = train_test_split(table, test_size=0.5, stratify=y, random_state=0)

folder = Path(tempfile.mkdtemp())
train.to_csv(folder / "comments.csv", index=False)
holdout.to_csv(folder / "holdout.csv", index=False)
print(sorted(p.name for p in folder.iterdir()))

# %%
# ``skgan resample``: add synthetic rows to a CSV
# -----------------------------------------------
# ``--target`` names the label column; ``--only-synthetic`` writes the new
# rows without the original ones. ``--steps`` is the GAN's ``n_steps``
# (``auto`` unless given; the documentation's fast build passes a few steps).
from skgan.cli import main

steps = os.environ.get("SKGAN_EXAMPLE_STEPS", "auto")
status = main(
    [
        "resample",
        str(folder / "comments.csv"),
        "--target",
        "spam",
        "-o",
        str(folder / "synthetic.csv"),
        "--only-synthetic",
        "--steps",
        steps,
        "--quiet",
    ]
)
print(f"exit status {status}")

# %%
# The output is a plain CSV with the input's columns.
import pandas as pd

synthetic = pd.read_csv(folder / "synthetic.csv")
print(synthetic["spam"].value_counts())
synthetic.head()

# %%
# ``skgan report``: is the synthetic data realistic, and private?
# ---------------------------------------------------------------
# The report compares the synthetic rows with real ones (fidelity) and,
# given a holdout of real rows the sampler never saw, measures how close the
# synthetic rows sit to the training rows (privacy). The synthetic rows are
# all spam, so the real files to compare them with hold the spam only.
# ``--format html`` writes one self-contained page with the figures;
# Markdown prints well here.
train[train["spam"] == 1].to_csv(folder / "spam.csv", index=False)
holdout[holdout["spam"] == 1].to_csv(folder / "holdout_spam.csv", index=False)
status = main(
    [
        "report",
        str(folder / "spam.csv"),
        str(folder / "synthetic.csv"),
        "--holdout",
        str(folder / "holdout_spam.csv"),
        "--format",
        "markdown",
        "-o",
        str(folder / "report.md"),
        "--no-plots",
        "--quiet",
    ]
)
print(f"exit status {status}; {(folder / 'report.md').stat().st_size} bytes in report.md")

# %%
# The summary above went to standard output; ``report.md`` holds it too,
# with a table per column and one of the columns and pairs of columns that
# give the synthetic rows away most (their own detection AUC, see
# :func:`~skgan.metrics.column_detection`). Read ``detection_auc`` first (0.5: a classifier
# cannot tell synthetic from real rows), then ``dcr_median_ratio`` (below 1:
# synthetic rows sit closer to training rows than new real rows do) and
# ``membership_inference_auc`` (0.5: nothing leaks about who was in the
# training file).

# %%
# Errors and exit codes
# ---------------------
# A usage error (here, a missing ``--target``) exits with status 2 and a
# message on standard error; a runtime error (a missing file, data the
# sampler refuses) with status 1. Scripts can check the status instead of
# parsing messages.
status = main(["resample", str(folder / "comments.csv"), "-o", str(folder / "x.csv")])
print(f"exit status {status}")

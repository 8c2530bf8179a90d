"""
Comparing samplers with compare_samplers
========================================

:func:`skgan.experiments.compare_samplers` cross-validates every sampler ×
classifier pair on the same folds and returns a tidy table, one row per
sampler, classifier, split and metric. Each training fold is resampled once
per sampler and every classifier trains on that same resampled fold; test
folds are never resampled.

We compare no resampling, SMOTENC and GANSampler on the full Facebook
metrics table, missing values included.
"""

# %%
import os

from imblearn.over_sampling import SMOTENC

from skgan import GANSampler
from skgan.datasets import load_facebook_metrics
from skgan.experiments import (
    ImputedSampler,
    compare_samplers,
    default_classifiers,
    paired_comparison,
    summarize,
)

X, y = load_facebook_metrics(return_X_y=True)
print(f"{X.shape[0]} posts, {X.shape[1]} columns, {int(X.isna().sum().sum())} missing values")

# Fast documentation builds train the GAN for a few steps only (see the gallery's header).
N_STEPS = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"

# %%
# Samplers and classifiers
# ------------------------
# SMOTENC rejects missing values, so :class:`~skgan.experiments.ImputedSampler`
# fills them from each training fold first. ``None`` is the baseline: the fold
# as it is. :func:`~skgan.experiments.default_classifiers` builds a logistic
# regression and a gradient-boosting pipeline that encode this table's
# categorical columns and missing values.
samplers = {
    "none": None,
    "SMOTENC": ImputedSampler(SMOTENC(categorical_features="auto", random_state=0)),
    "GAN": GANSampler(n_steps=N_STEPS, random_state=0),
}
classifiers = default_classifiers(X, names=("LR", "HGB"), random_state=0)

results = compare_samplers(
    X,
    y,
    samplers=samplers,
    classifiers=classifiers,
    cv=3,
    scoring=["f1", "average_precision"],
    random_state=0,
)
results.head()

# %%
# Summaries
# ---------
# :func:`~skgan.experiments.summarize` gives the mean and standard deviation
# over the splits; ``wide=True`` is ready to print.
summarize(results, wide=True)

# %%
# :func:`~skgan.plotting.plot_comparison` draws every split's score.
from skgan.plotting import plot_comparison

fig = plot_comparison(results, metric=["f1", "average_precision"])

# %%
# Paired tests
# ------------
# Scores on the same split are paired. :func:`~skgan.experiments.paired_comparison`
# counts a win or a loss only when the Nadeau–Bengio corrected t-test rejects
# equality; with three folds it rarely does. Use more splits (e.g.
# ``RepeatedStratifiedKFold``) before claiming a win.
paired_comparison(results, reference="SMOTENC", metric=["f1", "average_precision"])

# %%
# Running it faster
# -----------------
# The (split × sampler) tasks are independent: ``n_jobs=-1`` runs them on
# every core with joblib, and inside ``joblib.parallel_config(backend="dask")``
# they spread over a dask cluster (see the user guide's "Scaling out" page).
# Each GAN fit also runs PyTorch's own threads; joblib's default (loky)
# backend starts its workers with fewer OpenMP threads each, so that ``n_jobs``
# workers do not oversubscribe the cores.

"""
Drawing extra records of one class with sample
==============================================

``fit_resample`` adds as many rows as ``sampling_strategy`` asks for. After
``fit`` (or ``fit_resample``), :meth:`~skgan.GANSampler.sample` draws any
number of further records of one class from the trained generator — every
row comes from the generator asked for that class, so there is no rejection
sampling and no wrong-class row.

We predict the type of a Facebook post: Photo (426), Status (45), Link (22)
and Video (only 7).
"""

# %%
import os

import pandas as pd

from skgan import GANSampler
from skgan.datasets import load_facebook_metrics

X, y = load_facebook_metrics(target="Type", return_X_y=True)
y.value_counts()

# %%
# Train once
# ----------
# ``fit`` trains the GAN on every class and computes ``sampling_strategy_``,
# the number of rows ``fit_resample`` would add per class.

# Fast documentation builds train the GAN for a few steps only (see the gallery's header).
N_STEPS = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"
sampler = GANSampler(n_steps=N_STEPS, random_state=0).fit(X, y)
pd.Series(sampler.sampling_strategy_, name="rows fit_resample would add")

# %%
# Draw as many videos as you need
# -------------------------------
videos = sampler.sample(300, y="Video")
videos.head()

# %%
# The sampler was fitted on a DataFrame, so ``sample`` returns one with the
# same columns and dtypes (an ndarray after fitting on an array). A label
# that was not seen in ``fit`` is an error that lists the valid ones:
try:
    sampler.sample(10, y="Reel")
except ValueError as error:
    print(error)

# %%
# Seven real videos against 300 synthetic ones
# --------------------------------------------
# With seven real rows the generator can learn only a rough version of the
# class. The real videos are all of category 1 and reach about six times as
# many people as the median photo: see how far the synthetic videos follow
# (with the few training steps of the documentation's fast build, they
# barely do). ``by=`` draws each class in its own panels, photos included
# for comparison.
from skgan.plotting import plot_marginals

real = X[y.isin(["Video", "Photo"])]
synthetic = pd.concat([videos, sampler.sample(300, y="Photo")], ignore_index=True)
labels = (y[y.isin(["Video", "Photo"])], ["Video"] * 300 + ["Photo"] * 300)
fig = plot_marginals(
    real, synthetic, columns=["category", "lifetime_post_total_reach"], by=labels, n_cols=2
)

# %%
# Reproducible draws
# ------------------
# Sampling is seeded from ``random_state`` per class: the same fitted sampler
# gives the same rows for the same request, and the global NumPy and PyTorch
# random states are never touched.
sampler.sample(5, y="Video").equals(sampler.sample(5, y="Video"))

# %%
# Choosing how many rows ``fit_resample`` adds
# --------------------------------------------
# ``sampling_strategy`` takes every imbalanced-learn form. A dict gives the
# number of rows each class should *end with*:
sampler = GANSampler(
    sampling_strategy={"Video": 100, "Link": 100}, n_steps=N_STEPS, random_state=0
)
X_res, y_res = sampler.fit_resample(X, y)
y_res.value_counts()

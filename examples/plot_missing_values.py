"""
Missing values, learned per class
=================================

Social-media tables are full of holes, and *where* a value is missing often
depends on the class: a bot leaves its bio empty, a scheduler does not record
the hour. :class:`~skgan.GANSampler` takes missing values as they are — no
imputation — and reproduces how often each column is missing *in each class*.

SMOTE and its kin reject missing values; we show that too.
"""

# %%
# A table with informative holes
# ------------------------------
# The Facebook metrics table has 5 missing values (``like`` and ``share``).
# To show per-class missingness clearly, we also hide ``post_hour`` for 40 %
# of the paid posts and 5 % of the others (simulated: a scheduling tool that
# did not record the hour).
import os

import numpy as np
import pandas as pd

from skgan.datasets import load_facebook_metrics

X, y = load_facebook_metrics(return_X_y=True)
rng = np.random.default_rng(0)
hide = rng.random(len(X)) < np.where(y == 1, 0.40, 0.05)
X["post_hour"] = X["post_hour"].mask(hide)  # nullable Int64: <NA>
X.isna().groupby(y).mean()[["post_hour", "like", "share"]].round(3)

# %%
# SMOTE refuses missing values
# ----------------------------
from imblearn.over_sampling import SMOTENC

try:
    SMOTENC(categorical_features="auto", random_state=0).fit_resample(X, y)
except ValueError as error:
    print(f"SMOTENC: {error}")

# %%
# GANSampler learns them
# ----------------------
# Each numeric column with missing values gets an extra one-hot group
# (observed or missing) that the generator learns with the class as its
# condition.
from skgan import GANSampler

# Fast documentation builds train the GAN for a few steps only (see the gallery's header).
N_STEPS = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"
X_res, y_res = GANSampler(n_steps=N_STEPS, random_state=0).fit_resample(X, y)

# Original rows come first, unchanged; synthetic rows follow.
synthetic, y_synthetic = X_res.iloc[len(X) :], y_res.iloc[len(X) :]
print(f"{len(synthetic)} synthetic rows, all of class {sorted(set(y_synthetic))}")

# %%
# Dtypes come back as they went in: nullable integers stay ``Int64`` with
# ``<NA>``, categories stay categories.
X_res.dtypes.equals(X.dtypes)

# %%
# Missingness of the paid posts, real and synthetic
# -------------------------------------------------
rates = pd.DataFrame(
    {
        "real (paid)": X[y == 1].isna().mean(),
        "synthetic (paid)": synthetic.isna().mean(),
        "real (not paid)": X[y == 0].isna().mean(),
    }
).loc[["post_hour", "like", "share"]]
rates.round(3)

# %%
# How close are the synthetic rates? For ``post_hour``:
share = rates.loc["post_hour"]
overall = X["post_hour"].isna().mean()
print(
    f"real paid posts {share['real (paid)']:.0%}, synthetic paid posts "
    f"{share['synthetic (paid)']:.0%}, whole table {overall:.0%}"
)

# %%
import matplotlib.pyplot as plt

from skgan.plotting import REAL_COLOR, SYNTHETIC_COLOR

fig, ax = plt.subplots(figsize=(5.5, 3.2), layout="constrained")
x = np.arange(len(rates))
ax.bar(x - 0.27, rates["real (paid)"], 0.27, color=REAL_COLOR, label="real, paid")
ax.bar(x, rates["synthetic (paid)"], 0.27, color=SYNTHETIC_COLOR, label="synthetic, paid")
ax.bar(x + 0.27, rates["real (not paid)"], 0.27, color="0.7", label="real, not paid")
ax.set_xticks(x, rates.index)
ax.set_ylabel("share missing")
ax.legend(frameon=False)
plt.show()

# %%
# A generator that learned the pattern gives the synthetic paid posts a
# missing ``post_hour`` about as often as the real paid posts, not as often as
# the table overall: the class is part of its condition, so the missingness
# pattern is learned per class. With the few training steps of the
# documentation's fast build, the rates are rougher: run the example with its
# full budget to see how close they come.
#
# A classifier downstream must accept missing values too:
# :class:`~sklearn.ensemble.HistGradientBoostingClassifier` does natively,
# and :func:`skgan.experiments.default_classifiers` builds pipelines that do.

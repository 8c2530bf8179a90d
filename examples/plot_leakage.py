"""
The leakage trap: resampling before splitting
=============================================

An over-sampler must see the training data only. Resampling the whole table
first and cross-validating afterwards looks harmless and is a classic
mistake: the test folds then hold synthetic rows, made from rows that sit in
the training folds (and training folds hold rows made from test rows). The
scores go up, and they measure nothing a deployed model will meet.

This example measures the effect for three samplers on the same folds:
random over-sampling (exact duplicates), SMOTENC (interpolations) and
:class:`~skgan.GANSampler` (generated rows).
"""

# %%
# The data
# --------
import os

from skgan.datasets import load_youtube_spam, subsample_class

X, y = load_youtube_spam(return_X_y=True)
X, y = subsample_class(X, y, label=1, fraction=0.1, random_state=0)
print(f"{len(X)} comments, {int(y.sum())} spam")

# %%
# Two ways to use a sampler
# -------------------------
# **Wrong**: ``fit_resample`` on everything, then cross-validate the
# classifier on the resampled table. **Right**: put the sampler in an
# :class:`imblearn.pipeline.Pipeline` and cross-validate the pipeline on the
# original table; each training fold is resampled, each test fold holds real
# rows only.
import pandas as pd
from imblearn.over_sampling import SMOTENC, RandomOverSampler
from imblearn.pipeline import Pipeline
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate

from skgan import GANSampler

# Fast documentation builds train the GAN for a few steps only (see the gallery's header).
N_STEPS = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"
categorical = [c for c in X.columns if X[c].dtype.name in ("category", "bool")]
samplers = {
    "RandomOverSampler": RandomOverSampler(random_state=0),
    "SMOTENC": SMOTENC(categorical_features=categorical, random_state=0),
    "GANSampler": GANSampler(n_steps=N_STEPS, random_state=0),
}


def classifier():
    return HistGradientBoostingClassifier(categorical_features="from_dtype", random_state=0)


cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
scoring = ["f1", "average_precision"]


def mean_scores(model, X, y):
    result = cross_validate(model, X, y, cv=cv, scoring=scoring)
    return {metric: result[f"test_{metric}"].mean() for metric in scoring}


rows = {("no resampling", "—"): mean_scores(classifier(), X, y)}
for name, sampler in samplers.items():
    X_res, y_res = sampler.fit_resample(X, y)  # WRONG: before splitting
    rows[(name, "wrong: resample, then split")] = mean_scores(classifier(), X_res, y_res)
    pipe = Pipeline([("sampler", sampler), ("clf", classifier())])
    rows[(name, "right: split, then resample")] = mean_scores(pipe, X, y)

scores = pd.DataFrame(rows).T.rename_axis(["sampler", "protocol"])
scores.round(3)

# %%
# How much the wrong protocol inflates each score
# -----------------------------------------------
inflation = scores.xs("wrong: resample, then split", level="protocol") - scores.xs(
    "right: split, then resample", level="protocol"
)
inflation.round(3)

# %%
# Why the wrong numbers are wrong
# -------------------------------
# Two things happen at once, and both push the scores up:
#
# * **Copies across folds.** Random over-sampling duplicates minority rows,
#   so a test fold holds exact copies of training rows; SMOTENC's rows lie on
#   segments between real rows, some of which are in the test fold. The
#   classifier is scored on rows it has, in effect, already seen.
# * **A different test set.** After resampling, half of the table is
#   minority. The wrong protocol scores every model on folds where the rare
#   class is no longer rare and a good part of it is synthetic: F1 and PR-AUC
#   measured there describe that artificial table, not the real one. This
#   holds for GANSampler as for any sampler, even though its copy screen
#   keeps exact copies of training rows out.
#
# The right protocol costs more — a sampler is fitted per fold, and for
# GANSampler that means one GAN per fold — and it is the only one whose
# scores say something about new data. In scikit-learn terms: resampling is
# part of the model, so it goes inside the cross-validation.

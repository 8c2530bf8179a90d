"""
Searching GANSampler's parameters with GridSearchCV
===================================================

A sampler in an :class:`imblearn.pipeline.Pipeline` is a step like any other:
:class:`~sklearn.model_selection.GridSearchCV` reaches its parameters as
``gan__<parameter>``. The question asked most often is how many rows to add:
full balance (``sampling_strategy=1.0``, what ``"auto"`` does for two
classes) often costs precision, and a smaller ratio can score better.

**The cost.** Every candidate is fitted on every fold, and the GAN trains in
every fit: a grid of ``c`` candidates over ``k`` folds trains ``c × k`` GANs,
plus one for the final refit. Keep GAN grids small, search the classifier's
parameters with a cheap sampler first, and run the folds in parallel
(``n_jobs``; see the user guide's troubleshooting page).
"""

# %%
# The data: YouTube comments with rare spam
# -----------------------------------------
import os

from skgan.datasets import load_youtube_spam, subsample_class

X, y = load_youtube_spam(return_X_y=True)
text, _ = load_youtube_spam(features="text", return_X_y=True)
text, _ = subsample_class(text, y, label=1, fraction=0.1, random_state=0)
X, y = subsample_class(X, y, label=1, fraction=0.1, random_state=0)
groups = text["CONTENT"].to_numpy()  # copy-pasted comments stay in one fold
print(f"{len(X)} comments, {int(y.sum())} spam")

# %%
# The pipeline and the grid
# -------------------------
# Three ratios of minority to majority rows after resampling, and
# ``"passthrough"``: the same pipeline without the sampler, as a baseline.
from imblearn.pipeline import Pipeline
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GridSearchCV, StratifiedGroupKFold

from skgan import GANSampler

# Fast documentation builds train the GAN for a few steps only (see the gallery's header).
N_STEPS = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"

pipe = Pipeline(
    [
        ("gan", GANSampler(n_steps=N_STEPS, random_state=0)),
        ("clf", HistGradientBoostingClassifier(categorical_features="from_dtype", random_state=0)),
    ]
)
grid = [
    {"gan__sampling_strategy": [0.25, 0.5, 1.0]},
    {"gan": ["passthrough"]},
]
cv = StratifiedGroupKFold(n_splits=3, shuffle=True, random_state=0)
search = GridSearchCV(pipe, grid, cv=cv, scoring=["f1", "average_precision"], refit="f1", n_jobs=1)

n_gan_candidates = len(grid[0]["gan__sampling_strategy"])
print(f"GAN trainings: {n_gan_candidates} candidates x {cv.get_n_splits()} folds, + 1 refit")

# %%
# The search
# ----------
# ``n_jobs=1`` here, so that the timings below are those of one fit at a
# time; on your machine, ``n_jobs=-1`` runs the folds side by side.
search.fit(X, y, groups=groups)
print(f"{len(search.cv_results_['params'])} candidates fitted on {cv.get_n_splits()} folds")

# %%
# Scores and cost per candidate. ``mean_fit_time`` is the time of one
# pipeline fit (GAN training included) on one fold.
import pandas as pd

results = pd.DataFrame(search.cv_results_)
results["candidate"] = [
    "no resampling" if p.get("gan") == "passthrough" else f"ratio {p['gan__sampling_strategy']}"
    for p in results["params"]
]
columns = ["mean_test_f1", "std_test_f1", "mean_test_average_precision", "mean_fit_time"]
results.set_index("candidate")[columns].round(3)

# %%
# The best candidate by F1 has been refitted on all the data and is ready to
# use. With three folds of about 33 spam comments each, differences of a few
# points are within noise (see ``std_test_f1``): treat the ranking as a hint,
# and confirm it with more splits (for example ``RepeatedStratifiedKFold``)
# before relying on it.
print(search.best_params_)
total = results["mean_fit_time"].sum() * cv.get_n_splits()
print(f"time spent fitting: about {total:.0f} s for {len(results)} candidates")

# %%
# Other GAN parameters
# --------------------
# ``gan__n_steps`` (the training budget) and ``gan__batch_size`` can be
# searched the same way, at the same price per candidate. Searching them
# rarely pays: ``"auto"`` chooses both from the table. Searching the
# classifier's parameters (``clf__...``) with the GAN in the pipeline retrains
# the GAN for every candidate although it does not change; tune those with a
# cheaper sampler, or none, and bring the GAN in last.

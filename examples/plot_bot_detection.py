"""
End to end: detecting spam in a social-media table
==================================================

Bots, fake accounts and spammers are the rare and costly class of
social-media data. This example runs a whole detection workflow with
:class:`~skgan.GANSampler`, from the raw table to a model evaluated once on
data it never saw:

1. load the data and make the positive class rare;
2. hold out a test set, grouping copy-pasted comments;
3. cross-validate candidate models on the training part: no resampling,
   class weights, SMOTENC and GANSampler;
4. check the synthetic rows before trusting them;
5. fit the chosen model and evaluate it on the test set.

The data is the bundled YouTube Spam Collection (UCI, CC BY 4.0): comments
turned into text statistics, labelled spam or not. The bot and fake-account
tables that skgan has loaders for (:func:`~skgan.datasets.load_twitter_bots`,
:func:`~skgan.datasets.load_instagram_fake`) are not bundled, because their
licences are not stated; with a copy you downloaded, replace the loading cell
and the rest runs as it is.
"""

# %%
# 1. The data
# -----------
# The collection is balanced; keeping a tenth of the spam
# (:func:`~skgan.datasets.subsample_class`) makes it the rare class, as bots
# and spammers are in practice. The ``"text"`` view of the same rows gives
# the comment text, used only to group identical comments.
import os

from skgan.datasets import load_youtube_spam, subsample_class

X, y = load_youtube_spam(return_X_y=True)
text, _ = load_youtube_spam(features="text", return_X_y=True)
# the same seed keeps the same rows of both views
text, _ = subsample_class(text, y, label=1, fraction=0.1, random_state=0)
X, y = subsample_class(X, y, label=1, fraction=0.1, random_state=0)
groups = text["CONTENT"].to_numpy()
print(f"{len(X)} comments, {int(y.sum())} spam ({y.mean():.1%})")
X.head()

# %%
# 2. A test set nobody touches
# ----------------------------
# Many comments are copy-pasted. If one copy lands in training and another in
# the test set, the test set rewards memorising, so the split keeps identical
# comments together (:class:`~sklearn.model_selection.StratifiedGroupKFold`:
# one fold of four is the test set).
from sklearn.model_selection import StratifiedGroupKFold

outer = StratifiedGroupKFold(n_splits=4, shuffle=True, random_state=0)
train, test = next(outer.split(X, y, groups))
X_train, y_train, groups_train = X.iloc[train], y.iloc[train], groups[train]
X_test, y_test = X.iloc[test], y.iloc[test]
print(f"training: {len(train)} rows ({int(y_train.sum())} spam); test: {len(test)} rows")

# %%
# 3. Candidate models, cross-validated on the training part
# ----------------------------------------------------------
# Each resampler sits in an :class:`imblearn.pipeline.Pipeline`, so it only
# ever sees training folds. Gradient boosting handles the ``video`` category
# natively. SMOTENC needs the categorical columns named (the category and the
# flags); GANSampler finds them from the dtypes.
from imblearn.over_sampling import SMOTENC
from imblearn.pipeline import Pipeline
from sklearn.ensemble import HistGradientBoostingClassifier

from skgan import GANSampler

# Fast documentation builds train the GAN for a few steps only (see the gallery's header).
N_STEPS = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"
categorical = [c for c in X.columns if X[c].dtype.name in ("category", "bool")]


def booster(**kwargs):
    return HistGradientBoostingClassifier(
        categorical_features="from_dtype", random_state=0, **kwargs
    )


models = {
    "no resampling": booster(),
    "class weights": booster(class_weight="balanced"),
    "SMOTENC": Pipeline(
        [("smote", SMOTENC(categorical_features=categorical, random_state=0)), ("clf", booster())]
    ),
    "GANSampler": Pipeline(
        [("gan", GANSampler(n_steps=N_STEPS, random_state=0)), ("clf", booster())]
    ),
}

# %%
# PR-AUC (average precision) ranks the models without a decision threshold;
# F1 and balanced accuracy use the default threshold of 0.5.
import pandas as pd
from sklearn.model_selection import cross_validate

inner = StratifiedGroupKFold(n_splits=3, shuffle=True, random_state=0)
scoring = ["average_precision", "f1", "balanced_accuracy"]
scores = {
    name: cross_validate(model, X_train, y_train, groups=groups_train, cv=inner, scoring=scoring)
    for name, model in models.items()
}
table = pd.DataFrame(
    {
        name: {metric: s[f"test_{metric}"].mean() for metric in scoring}
        | {"fit time (s)": s["fit_time"].mean()}
        for name, s in scores.items()
    }
).T
table.round(3)

# %%
# Read the table as it comes out: with about 75 spam comments in the
# training part, each fold scores on about 25, so differences of a few points
# are within noise. Resampling usually trades precision for recall (balanced
# accuracy up, F1 not necessarily); threshold tuning
# (:ref:`sphx_glr_auto_examples_plot_threshold_tuning.py`) recovers F1 when
# the ranking is good. The fit time column is the price of training a GAN in
# every fold.

# %%
# 4. Look at the synthetic rows
# -----------------------------
# Fit the GAN pipeline on the whole training part, then ask its sampler for
# as many spam rows as there are real ones and compare them with the real
# training spam and with the real test spam, which the GAN never saw.
from skgan.metrics import quality_report

model = models["GANSampler"].fit(X_train, y_train)
sampler = model.named_steps["gan"]
real_spam = X_train[y_train == 1]
synthetic_spam = sampler.sample(len(real_spam), y=1)
report = quality_report(real_spam, synthetic_spam, holdout=X_test[y_test == 1], random_state=0)
report[["group", "metric", "value", "better"]].round(3)

# %%
# Read four lines first:
#
# * ``detection_auc``: 0.5 means a classifier cannot tell the synthetic spam
#   from the real spam; 1.0 means it always can.
# * ``exact_copy_rate``: 0 by construction while the copy screen is on.
# * ``dcr_median_ratio``: below 1, synthetic rows sit closer to the training
#   rows than new real rows do (memorisation).
# * ``membership_inference_auc``: 0.5 means the synthetic rows tell nothing
#   about who was in the training set.
#
# With the fast documentation build's few training steps these figures are
# poor by design; run the example yourself for the real ones. The user
# guide's privacy page explains each metric.

# %%
# 5. The final evaluation, once
# -----------------------------
# The model fitted above is evaluated on the untouched test set. Report the
# confusion matrix next to the scores: for a moderator, "how many flagged
# comments were spam" (precision) and "how much spam was caught" (recall)
# are the numbers that matter.
from sklearn.metrics import average_precision_score, classification_report, confusion_matrix

proba = model.predict_proba(X_test)[:, 1]
print(f"PR-AUC on the test set: {average_precision_score(y_test, proba):.3f}")
print(classification_report(y_test, proba >= 0.5, target_names=["ham", "spam"], digits=3))
pd.DataFrame(
    confusion_matrix(y_test, proba >= 0.5),
    index=["true ham", "true spam"],
    columns=["flagged ham", "flagged spam"],
)

# %%
# Where to go from here
# ---------------------
# * Save the fitted sampler, or share synthetic spam instead of real
#   comments: :ref:`sphx_glr_auto_examples_plot_share_synthetic.py`.
# * Choose ``sampling_strategy`` by cross-validation:
#   :ref:`sphx_glr_auto_examples_plot_grid_search.py`.
# * Never resample before splitting:
#   :ref:`sphx_glr_auto_examples_plot_leakage.py` shows what it does to the
#   scores.

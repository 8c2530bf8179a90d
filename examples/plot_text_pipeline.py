"""
Records with text: vectorise, over-sample, classify
===================================================

A GAN cannot learn free text, and :class:`~skgan.GANSampler` refuses a
free-text column with an error that says so. Turn the text into numbers
first — here TF-IDF reduced to 20 dimensions by truncated SVD — inside a
:class:`~sklearn.compose.ColumnTransformer`, so that the whole chain
(vectoriser, sampler, classifier) is one imbalanced-learn pipeline, fitted
on training folds only.
"""

# %%
# Rare spam
# ---------
# The YouTube Spam Collection is balanced; keeping 10 % of the spam comments
# (:func:`~skgan.datasets.subsample_class`) makes spam the rare class.
import os

from skgan.datasets import load_youtube_spam, subsample_class

X, y = load_youtube_spam(features="text", return_X_y=True)
X, y = subsample_class(X, y, label=1, fraction=0.1, random_state=0)
print(y.value_counts())
X.head()

# %%
# Text straight into the sampler is an error
# ------------------------------------------
from skgan import GANSampler

try:
    GANSampler(n_steps=1).fit(X, y)
except ValueError as error:
    print(error)

# %%
# The pipeline
# ------------
# The :class:`~sklearn.compose.ColumnTransformer` outputs one float array: 20
# SVD components of the comment, then the video as an ordinal code (column
# 20). ``categorical_features=[20]`` tells both the sampler and gradient
# boosting that this last column is categorical — the same parameter, in the
# same form, as for :class:`~imblearn.over_sampling.SMOTENC`.
from imblearn.pipeline import Pipeline
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import TruncatedSVD
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OrdinalEncoder

# Fast documentation builds train the GAN for a few steps only (see the gallery's header).
N_STEPS = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"
N_COMPONENTS = 20


def vectorise():
    text = make_pipeline(
        TfidfVectorizer(min_df=2, sublinear_tf=True),
        TruncatedSVD(N_COMPONENTS, random_state=0),
    )
    return ColumnTransformer([("text", text, "CONTENT"), ("video", OrdinalEncoder(), ["VIDEO"])])


def classify():
    return HistGradientBoostingClassifier(categorical_features=[N_COMPONENTS], random_state=0)


with_gan = Pipeline(
    [
        ("vectorise", vectorise()),
        (
            "gan",
            GANSampler(categorical_features=[N_COMPONENTS], n_steps=N_STEPS, random_state=0),
        ),
        ("classify", classify()),
    ]
)
without = Pipeline([("vectorise", vectorise()), ("classify", classify())])
with_gan

# %%
# What the sampler sees: 20 numeric components and one categorical code.
vectorise().fit_transform(X)[:3].round(3)

# %%
# Cross-validation
# ----------------
# Many comments are copy-pasted (see the dataset's ``DESCR``); for an honest
# estimate of a text classifier, group the folds by comment text with
# :class:`~sklearn.model_selection.StratifiedGroupKFold`.
import pandas as pd
from sklearn.model_selection import StratifiedGroupKFold, cross_validate

cv = StratifiedGroupKFold(n_splits=3, shuffle=True, random_state=0)
scoring = ["f1", "average_precision", "balanced_accuracy"]
results = {
    name: cross_validate(model, X, y, groups=X["CONTENT"], cv=cv, scoring=scoring)
    for name, model in [("no resampling", without), ("GANSampler", with_gan)]
}
pd.DataFrame(
    {name: {m: r[f"test_{m}"].mean() for m in scoring} for name, r in results.items()}
).T.round(3)

# %%
# The synthetic rows live in the SVD space: they are new *vectors*, not new
# comments. That is all the classifier needs, and no real comment is copied
# out of the training set.

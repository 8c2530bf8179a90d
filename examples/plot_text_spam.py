"""
Spam comments as TF-IDF: a sparse matrix in, a sparse matrix out
=================================================================

A TF-IDF matrix is wide and almost empty: 500 columns, about 7 non-zeros per
comment. :class:`~skgan.GANSampler` takes it as it is, a scipy sparse
matrix, like :class:`~imblearn.over_sampling.SMOTE`: the GAN learns each
class in a 64-dimensional projection of the matrix (truncated SVD), and every
synthetic row is decoded back to a sparse row as sparse as the real rows of
its class, keeping its largest values (see :ref:`sparse_input`). No dense
rows-by-columns table is ever built, so the vocabulary can be tens of
thousands of words.

Here the vectoriser, the sampler and a logistic regression form one
imbalanced-learn pipeline, compared with SMOTE and with no resampling.
"""

# %%
# Rare spam comments
# ------------------
# The YouTube Spam Collection is balanced; keeping 10 % of the spam comments
# makes spam the rare class. The loader's ``features="text"`` view holds the
# comment itself (``CONTENT``).
import os

from skgan.datasets import load_youtube_spam, subsample_class

X, y = load_youtube_spam(features="text", return_X_y=True)
X, y = subsample_class(X, y, label=1, fraction=0.1, random_state=0)
text = X["CONTENT"]
print(y.value_counts())
text.head()

# %%
# Sparse in, sparse out
# ---------------------
# The resampled matrix is CSR like the input: the original rows first,
# unchanged, then the synthetic spam rows, about as many words per row as a
# real spam comment, non-negative and L2-normalised like TF-IDF rows.
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from skgan import GANSampler

# Fast documentation builds train the GAN for a few steps only (see the gallery's header).
N_STEPS = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"

vectoriser = TfidfVectorizer(max_features=500)
tfidf = vectoriser.fit_transform(text)
sampler = GANSampler(n_steps=N_STEPS, random_state=0)
X_res, y_res = sampler.fit_resample(tfidf, y)
synthetic = X_res[tfidf.shape[0] :]
print(type(X_res).__name__, X_res.format, X_res.shape)
print(
    f"non-zeros per row: real spam {np.diff(tfidf[(y == 1).to_numpy()].indptr).mean():.1f}, "
    f"synthetic spam {np.diff(synthetic.indptr).mean():.1f}"
)
print(f"fit and generate: {sum(sampler.timings_.values()):.1f} s", sampler.timings_)

# %%
# The words of a few synthetic comments, largest TF-IDF weight first: the
# rows are new combinations of the class's vocabulary, not comments.
words = vectoriser.get_feature_names_out()
for row in synthetic[:5]:
    order = np.argsort(-row.data)
    print(" ".join(words[row.indices[order]]))

# %%
# Cross-validated F1 of the spam class
# ------------------------------------
# Many comments are copy-pasted, so the folds are grouped by comment text
# (:class:`~sklearn.model_selection.StratifiedGroupKFold`): a copy of a test
# comment never sits in the training folds (5 folds; 3 in the documentation's
# fast build). The vectoriser is fitted on the training folds only, inside
# the pipeline.
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, cross_validate

cv = StratifiedGroupKFold(n_splits=3 if N_STEPS != "auto" else 5, shuffle=True, random_state=0)
methods = {
    "no resampling": None,
    "SMOTE": SMOTE(random_state=0),
    "GANSampler": GANSampler(n_steps=N_STEPS, random_state=0),
}
scores = {}
for name, method in methods.items():
    steps = [TfidfVectorizer(max_features=500), method, LogisticRegression(max_iter=1000)]
    model = make_pipeline(*[step for step in steps if step is not None])
    result = cross_validate(model, text, y, groups=text, cv=cv, scoring=["f1", "recall"])
    scores[name] = {
        "F1": result["test_f1"].mean(),
        "recall": result["test_recall"].mean(),
        "seconds per fit": result["fit_time"].mean(),
    }
pd.DataFrame(scores).T.round(3)

# %%
# Over-sampling recovers most of the spam that the unbalanced classifier
# misses. SMOTE interpolates in the full 500-dimensional space and costs
# milliseconds; the GAN trains on the 64-dimensional projection and costs
# seconds. See :ref:`sparse_input` for measurements on larger vocabularies.

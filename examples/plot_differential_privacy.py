"""
Differential privacy: what each epsilon costs
=============================================

``GANSampler(epsilon=...)`` makes the synthetic rows differentially private
with respect to the training rows: whatever the synthetic table shows, it
would show almost as likely had any single person's record been left out.
Smaller epsilon is stronger protection and noisier training. This example
trains the sampler at several budgets on the bundled YouTube comment
statistics and measures two things per budget: how realistic the synthetic
spam is (detection AUC: 0.5 = a classifier cannot tell it from real spam)
and how much it helps a spam classifier (minority F1 and PR-AUC on real,
held-out comments).

Differential privacy needs the ``dp`` extra (``bash scripts/setup.sh dp`` from
a clone, see the installation page): it brings opacus, whose accountant tracks
the budget.
"""

# %%
import os

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score, f1_score
from sklearn.model_selection import train_test_split

from skgan import GANSampler
from skgan.datasets import load_youtube_spam, subsample_class
from skgan.metrics import detection_auc

X, y = load_youtube_spam(return_X_y=True)
# keep 10 % of the spam: the imbalanced case an over-sampler is for
X, y = subsample_class(X, y, label=1, fraction=0.1, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=0
)
y_train.value_counts()

# %%
# One sampler per budget
# ----------------------
# ``epsilon_`` is the budget the fit actually spent (opacus' RDP accountant
# composes the encoder's noisy statistics and every private discriminator update);
# ``delta_`` the probability with which the guarantee may fail.
N_STEPS = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"
real = X_train[y_train == 1]
rows = []
for epsilon in (1.0, 3.0, 10.0, None):
    sampler = GANSampler(epsilon=epsilon, n_steps=N_STEPS, random_state=0)
    X_res, y_res = sampler.fit_resample(X_train, y_train)
    synthetic = X_res.iloc[len(X_train) :]
    clf = HistGradientBoostingClassifier(random_state=0).fit(X_res, y_res)
    proba = clf.predict_proba(X_test)[:, 1]
    rows.append(
        {
            "epsilon": "no DP" if epsilon is None else f"{epsilon:g}",
            "spent": sampler.epsilon_,
            "noise multiplier": sampler.noise_multiplier_,
            "detection AUC": detection_auc(real, synthetic, random_state=0),
            "F1": f1_score(y_test, proba > 0.5),
            "PR-AUC": average_precision_score(y_test, proba),
        }
    )
# the baseline: the same classifier on the real training rows only
clf = HistGradientBoostingClassifier(random_state=0).fit(X_train, y_train)
proba = clf.predict_proba(X_test)[:, 1]
rows.append(
    {
        "epsilon": "no resampling",
        "F1": f1_score(y_test, proba > 0.5),
        "PR-AUC": average_precision_score(y_test, proba),
    }
)
results = pd.DataFrame(rows).set_index("epsilon")
results.round(3)

# %%
# The trade-off
# -------------
# With differential privacy, every discriminator update is clipped and
# noised, and the encoder's value ranges come from noisy histograms: on a
# table of a few hundred rows, expect a much higher detection AUC with
# differential privacy than without (synthetic spam easy to tell from real
# spam; the benchmark found it near 1 at every epsilon it tried). Whether the
# noisy rows still help the classifier is what the last row is for: compare
# each budget's F1 and PR-AUC with no resampling at all. One split of a small
# table is noisy; the benchmark page "Differential privacy" measures the same
# with cross-validation on two tables.
fig, axes = plt.subplots(1, 2, figsize=(9, 3.5))
results[["F1", "PR-AUC"]].plot(ax=axes[0], marker="o", title="downstream (real test rows)")
results["detection AUC"].dropna().plot(
    ax=axes[1], marker="o", title="realism (0.5 = indistinguishable)"
)
for ax in axes:
    ax.set_xlabel("epsilon")
fig.tight_layout()

"""
Quality and privacy of synthetic records
========================================

Before trusting synthetic rows, look at them. :func:`skgan.metrics.quality_report`
puts fidelity metrics (do the synthetic rows look like the real ones?) and
privacy metrics (do they give the real ones away?) in one table;
:func:`~skgan.metrics.column_detection` says which columns, and which pairs
of columns, give the synthetic rows away;
:func:`~skgan.plotting.plot_marginals` and :func:`~skgan.plotting.plot_embedding`
show the same thing as figures.

The data: 1,953 YouTube comments turned into text statistics (counts,
ratios, flags and the video), labelled spam or not.
"""

# %%
import os

from sklearn.model_selection import train_test_split

from skgan import GANSampler
from skgan.datasets import load_youtube_spam

X, y = load_youtube_spam(return_X_y=True)
X.head()

# %%
# Hold out real rows
# ------------------
# The privacy metrics compare the synthetic rows' closeness to the training
# rows with the closeness of *new* real rows, so half of the data is kept out
# of training as a holdout.
X_train, X_holdout, y_train, y_holdout = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=0
)

# Fast documentation builds train the GAN for a few steps only (see the gallery's header).
N_STEPS = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"
sampler = GANSampler(n_steps=N_STEPS, random_state=0).fit(X_train, y_train)

# %%
# Synthetic spam, as many rows as the real training spam
real = X_train[y_train == 1]
holdout = X_holdout[y_holdout == 1]
synthetic = sampler.sample(len(real), y=1)
synthetic.head()

# %%
# The report
# ----------
# ``better`` says which direction is good. Read ``detection_auc`` first: a
# classifier trained to tell real from synthetic rows scores 0.5 when it
# cannot. ``exact_copy_rate`` is 0 by construction (the default copy screen).
# ``dcr_median_ratio`` below 1 and ``membership_inference_auc`` above 0.5
# mean the synthetic rows sit closer to the training rows than new real rows
# do — a sign of memorisation.
from skgan.metrics import quality_report

report = quality_report(real, synthetic, holdout=holdout, random_state=0)
report

# %%
# Column by column
# ----------------
# :func:`~skgan.metrics.column_fidelity` is the table behind
# ``column_score_mean``: 1 minus the Kolmogorov–Smirnov statistic of numeric
# columns, 1 minus the total variation distance of categorical ones.
from skgan.metrics import column_fidelity

column_fidelity(real, synthetic).sort_values("score").head()

# %%
# Which columns give the rows away
# --------------------------------
# :func:`~skgan.metrics.column_detection` asks the detection question one
# column at a time: a small classifier sees only that column and tries to
# tell synthetic rows from real ones. Its AUC sits next to the column's KS
# or TVD distance, worst column first; ``column_detection_auc_max`` in the
# report is the top of this table. With ``pairs=True`` it also scores pairs
# of columns (at most 30): ``pair_gain`` is what a pair gives away beyond its
# better column alone: a dependence between the two that the synthetic rows
# do not reproduce, although each column looks right on its own. Below about
# 0.03 it is noise.
from skgan.metrics import column_detection

detection = column_detection(real, synthetic, pairs=True, random_state=0)
detection[detection["other"].isna()].head()

# %%
# The pairs, most revealing beyond their columns first:
detection[detection["other"].notna()].head()

# %%
# Marginals
# ---------
# Real in blue, synthetic in orange; heavy-tailed counts on a log axis.
from skgan.plotting import plot_embedding, plot_marginals

fig = plot_marginals(
    real,
    synthetic,
    columns=["video", "n_chars", "n_urls", "uppercase_ratio", "has_html", "mentions_subscribe"],
    n_cols=3,
)

# %%
# Joint structure
# ---------------
# Marginals can match while the rows do not: the embedding projects whole
# rows on the real data's two principal axes. Synthetic rows should fill the
# real cloud without leaving it or piling onto single real points.
fig = plot_embedding(real, synthetic)

# %%
# What the privacy metrics do not say
# -----------------------------------
# These are empirical checks against simple attacks, not guarantees: a low
# membership-inference AUC here does not prove that no attack can succeed.
# See the user guide's privacy page before sharing synthetic rows.

"""
Sharing synthetic records: sample, check, save and load
=======================================================

A team that may not hand out real user records can often hand out synthetic
ones. This example draws synthetic spam comments with
:meth:`~skgan.GANSampler.sample`, checks them against the real data before
they leave, writes them to a CSV file, and saves the fitted sampler so that
more can be drawn later with :meth:`~skgan.GANSampler.save` and
:meth:`~skgan.GANSampler.load`.

Read the user guide's pages on privacy and on saving a sampler before
sharing anything: synthetic rows are learned from real people's records.
"""

# %%
# Fit on one half, keep the other as a holdout
# --------------------------------------------
# The privacy checks compare the synthetic rows' closeness to the training
# rows with the closeness of real rows the generator never saw, so half of the
# data stays out of training.
import os
import tempfile
from pathlib import Path

from sklearn.model_selection import train_test_split

from skgan import GANSampler
from skgan.datasets import load_youtube_spam, subsample_class

X, y = load_youtube_spam(return_X_y=True)
X, y = subsample_class(X, y, label=1, fraction=0.1, random_state=0)
X_train, X_holdout, y_train, y_holdout = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=0
)

# Fast documentation builds train the GAN for a few steps only (see the gallery's header).
N_STEPS = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"
sampler = GANSampler(n_steps=N_STEPS, random_state=0).fit(X_train, y_train)

# %%
# Draw the records to share
# -------------------------
# :meth:`~skgan.GANSampler.sample` draws any number of rows of one class, with
# the same columns and dtypes as the training data. They pass the fitted
# sampler's screens: no exact copy of a training row leaves it.
synthetic = sampler.sample(500, y=1)
synthetic.head()

# %%
# Check them before they leave
# ----------------------------
# Three questions, against the real training spam (what the GAN saw) and the
# holdout spam (what it did not):
#
# * exact copies of training rows (0 with the copy screen on);
# * the distance to the closest training record, compared with that of new
#   real rows: a ``median_ratio`` below 1 means the synthetic rows sit
#   closer to training records than new real records do — memorisation;
# * membership inference: can an attacker holding the synthetic rows tell
#   training records from holdout records? 0.5 means no.
from skgan.metrics import (
    distance_to_closest_record,
    exact_copy_rate,
    membership_inference_auc,
)

real_train, real_holdout = X_train[y_train == 1], X_holdout[y_holdout == 1]
print(f"exact copies: {exact_copy_rate(real_train, synthetic):.1%}")
print(
    f"membership-inference AUC: "
    f"{membership_inference_auc(real_train, real_holdout, synthetic):.3f}"
)
distance_to_closest_record(real_train, synthetic, real_holdout).round(3)

# %%
# Write the records
# -----------------
# A plain CSV: the receiving team needs no skgan to read it.
import pandas as pd

folder = Path(tempfile.mkdtemp())
synthetic.assign(spam=1).to_csv(folder / "synthetic_spam.csv", index=False)
pd.read_csv(folder / "synthetic_spam.csv").shape

# %%
# Save the sampler, load it elsewhere
# -----------------------------------
# :meth:`~skgan.GANSampler.save` writes weights and plain values only;
# :meth:`~skgan.GANSampler.load` reads them with PyTorch's ``weights_only``
# loader, so opening a file from someone else cannot run code.
path = folder / "spam_gan.pt"
sampler.save(path)
print(f"{path.name}: {path.stat().st_size / 1024:.0f} KiB")

loaded = GANSampler.load(path)
more = loaded.sample(500, y=1)
more.dtypes.equals(synthetic.dtypes)

# %%
# What the file holds, and what a loaded sampler cannot do
# --------------------------------------------------------
# The file holds the generator and the encoder's per-column statistics —
# no training row. That is why a loaded sampler **does not screen** its rows:
# it has no training rows to compare them with. Check what it draws before
# sharing it, as above:
print(f"exact copies among the loaded sampler's rows: {exact_copy_rate(real_train, more):.1%}")

# %%
# "No training row" is not "nothing from the data": for small tables, the
# encoder's quantile grid of a numeric column is the list of its observed
# values, and every category level is stored (see the user guide's page on
# saving a sampler). Treat the file like a table of per-column statistics of
# your data. To share with every screen applied, share rows drawn from the
# fitted sampler, as in the first part of this example.

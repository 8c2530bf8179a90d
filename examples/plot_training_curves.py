"""
Reading training curves
=======================

Every fit records one entry per generator step in ``history_``: the
generator's and the discriminator's losses, the discriminator's Wasserstein
estimate, the gradient penalty and the condition loss. :func:`skgan.plotting.plot_history`
draws them.
"""

# %%
import os

import pandas as pd

from skgan import GANSampler
from skgan.datasets import load_facebook_metrics

X, y = load_facebook_metrics(return_X_y=True)

# Fast documentation builds train the GAN for a few steps only (see the gallery's header);
# the curves below then show the first steps of training, not its course.
N_STEPS = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"
sampler = GANSampler(n_steps=N_STEPS, random_state=0).fit(X, y)
print(f"{sampler.n_steps_} generator steps on {sampler.device_}")

# %%
# The history
# -----------
# A plain list of dicts, one per step; a DataFrame makes it easy to read.
history = pd.DataFrame(sampler.history_)
history.tail()

# %%
# The curves
# ----------
# Faint lines are the raw values, bold lines their rolling mean.
from skgan.plotting import plot_history

fig = plot_history(sampler)

# %%
# Is the condition loss still falling?
# ------------------------------------
# Compare its mean over the first and the last tenth of training. A clear
# drop that has not levelled off at the end means more steps (a larger
# ``n_steps`` than ``n_steps_``) would let the generator honour its
# conditions better.
tenth = max(1, len(history) // 10)
first, last = history["loss_condition"].iloc[:tenth], history["loss_condition"].iloc[-tenth:]
print(f"condition loss: {first.mean():.3f} in the first tenth, {last.mean():.3f} in the last")

# %%
# What to look for
# ----------------
# * **Gradient penalty** — falls to near zero within the first hundred steps
#   and stays there once the discriminator is close to 1-Lipschitz. Spikes
#   that persist mean the learning rates are too high.
# * **Condition loss** — how badly the generator honours the category level
#   it was asked for (cross-entropy). It should fall steadily and level off;
#   if it is still falling at the last step, raise ``n_steps``. It is zero
#   throughout for tables without categorical columns or missing values.
# * **Wasserstein estimate** — the discriminator's mean score of real rows
#   minus that of synthetic rows. It is noisy (dropout, a fresh batch each
#   step): read its rolling mean. Large positive values mean the
#   discriminator separates real from synthetic rows easily; swings around
#   zero mean neither network dominates. A rolling mean that keeps growing
#   means the discriminator wins: train longer, or lower
#   ``learning_rate``.
# * **Losses** — the discriminator's loss is minus the Wasserstein estimate
#   plus ten times the penalty; the generator's is minus its discriminator
#   score plus the condition loss. They mirror each other and mean little on
#   their own.
#
# A loss that becomes NaN or infinite stops training with
# :class:`~skgan.exceptions.TrainingDivergedError`, whose ``history``
# attribute holds the losses up to the failure.

"""Early stopping on held-out realism: train only while the rows get harder to detect.

The GAN losses do not show whether the rows improve (the Wasserstein
estimate keeps moving while the rows get no better), so the signal is the
one users care about: how well a classifier tells the generator's rows from
real rows it never trained on. A slice of each watched class's training
rows is held out of the adversarial batches; at the start (the class copula,
step 0) and every ``check_every`` steps, a fixed draw of generated rows is
told apart from the slice by a small cross-fitted gradient-boosting
classifier, and its ROC AUC (0.5: indistinguishable) is the score, lower
being better. Training stops after ``n_iter_no_change`` checks without a
gain of ``tol``, and the generator of the best check is kept, the start
included: a table on which training earns nothing costs a few checks.

The start's per-class marginals are fitted on every training row, the slice
included, so the check leans towards the start: training must beat it
clearly to be kept.
"""

import numpy as np
import torch

from ._detector import detection_score

_MIN_CLASS = 100  # a class needs this many rows to lend a slice that can tell
_FRACTION = 0.2  # share of a watched class's rows held out
_MAX_SLICE = 500  # held-out rows per class at most
_N_SYNTHETIC = 1000  # generated rows per class and check, at most
_FAMILIES = ("gradient_boosting",)  # one detector family: a check every 50 steps stays cheap


def validation_slice(y, classes, rng, active=True):
    """Boolean mask of the training rows held out for the checks (none when inactive).

    A fifth of each class of ``classes`` with at least 100 rows, at most 500.
    """
    held = np.zeros(len(y), dtype=bool)
    if not active:
        return held
    for k in classes:
        rows = np.flatnonzero(y == k)
        if len(rows) >= _MIN_CLASS:
            n = min(int(_FRACTION * len(rows)), _MAX_SLICE)
            held[rng.choice(rows, n, replace=False)] = True
    return held


class RealismStopping:
    """Decide, at each check of the training loop, whether to stop; keep the best weights.

    Parameters
    ----------
    model : skgan._generation.Model
        The generator (in training), its encoder, conditions and marginals.
    held_out : dict
        Class index -> encoded held-out real rows of that class.
    seed : int
        Seeds the fixed synthetic draw of every check (the same noise each
        time, so that scores differ by the generator only) and the detector.
    tol : float
        Smallest fall of the detection AUC that counts as an improvement:
        training stops at the first check without one (the learning curves
        measured never recovered after a check without gain).
    """

    def __init__(self, model, held_out, seed, tol=0.01):
        self.model, self.held_out, self.seed, self.tol = model, held_out, seed, tol
        self.scores, self.best, self.best_state, self.best_step = [], np.inf, None, 0

    def detection(self):
        """Mean held-out detection AUC of the watched classes under the current generator."""
        generator = self.model.generator
        device = next(generator.parameters()).device
        rng = torch.Generator(device=device).manual_seed(self.seed)
        was_training = generator.training
        generator.eval()
        try:
            values = []
            for k, real in self.held_out.items():
                synthetic = self.model.encoded_rows(min(_N_SYNTHETIC, 2 * len(real)), k, rng)
                values.append(detection_score(real, synthetic, self.seed, _FAMILIES))
        finally:
            generator.train(was_training)
        return float(np.mean(values))

    def __call__(self, step):
        """Score the generator after ``step`` updates; True when training should stop."""
        score = self.detection()
        self.scores.append(score)
        if score < self.best:
            self.best, self.best_step = score, step
            self.best_state = {
                k: v.detach().clone() for k, v in self.model.generator.state_dict().items()
            }
        improved = len(self.scores) == 1 or score < min(self.scores[:-1]) - self.tol
        return not improved

    def restore(self):
        """Put the weights of the best-scoring check back into the generator."""
        if self.best_state is not None:
            self.model.generator.load_state_dict(self.best_state)

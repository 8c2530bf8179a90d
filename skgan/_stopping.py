"""Early stopping on coverage: end training once the generator stops reaching more real rows.

The GAN losses do not show convergence (the Wasserstein estimate keeps
moving while the rows stop improving), so the signal is what a user gets:
how much of each over-sampled class the synthetic rows cover. Coverage
(Naeem et al. 2020) is the share of real rows that have a synthetic row
inside their ``k``-nearest-neighbour ball; it rises while the generator
spreads over the class and flattens when it stops learning, and unlike
precision-type scores it does not reward a generator that collapses onto
the densest rows.
"""

import numpy as np
import torch
from sklearn.neighbors import NearestNeighbors

_NEIGHBOURS = 5  # the ball of a real row reaches its 5th nearest distinct real row
_MAX_REAL = 1000  # real rows per class the score looks at
_N_SYNTHETIC = 1000  # synthetic rows per class and check


class CoverageStopping:
    """Decide, at each check of the training loop, whether to stop; keep the best weights.

    Parameters
    ----------
    model : skgan._generation.Model
        The generator (in training), its encoder and conditions.
    encoded : EncodedRows or ndarray of shape (n, d)
        The encoded training rows.
    y : ndarray of shape (n,)
        Class index of each row.
    classes : list of int
        Class indices to watch (the over-sampled ones).
    seed : int
        Seeds the fixed synthetic draw of every check (the same noise each
        time, so that scores differ by the generator only).
    n_iter_no_change : int
        Checks without an improvement of more than ``tol`` before stopping.
    tol : float
        Smallest coverage gain that counts as an improvement.
    """

    def __init__(self, model, encoded, y, classes, seed, n_iter_no_change, tol=0.01):
        self.model, self.seed = model, seed
        self.n_iter_no_change, self.tol = n_iter_no_change, tol
        rng = np.random.default_rng(seed)
        self.real = {}
        for k in classes:
            rows = rng.permutation(np.flatnonzero(y == k))[:_MAX_REAL]
            block = encoded[rows]
            block = block.cpu().numpy() if torch.is_tensor(block) else np.asarray(block)
            points = np.unique(block, axis=0)
            if len(points) <= _NEIGHBOURS:
                continue  # too few distinct rows for a neighbourhood
            distances, _ = NearestNeighbors(n_neighbors=_NEIGHBOURS + 1).fit(points).kneighbors()
            self.real[k] = (points, distances[:, -1])
        self.scores, self.best, self.best_state = [], -np.inf, None
        self._reference, self._waited = -np.inf, 0

    @property
    def active(self):
        """False when no watched class has enough distinct rows to be scored."""
        return bool(self.real)

    def coverage(self):
        """Mean coverage of the watched classes by the current generator."""
        generator = self.model.generator
        device = next(generator.parameters()).device
        rng = torch.Generator(device=device).manual_seed(self.seed)
        generator.eval()
        try:
            values = []
            for k, (points, radius) in self.real.items():
                synthetic = self.model.encoded_rows(_N_SYNTHETIC, k, rng)
                nearest, _ = NearestNeighbors(n_neighbors=1).fit(synthetic).kneighbors(points)
                values.append(float(np.mean(nearest[:, 0] <= radius)))
        finally:
            generator.train()
        return float(np.mean(values))

    def __call__(self, step):
        """Score the generator after ``step`` updates; True when training should stop."""
        score = self.coverage()
        self.scores.append(score)
        if score > self.best:
            self.best = score
            self.best_state = {
                k: v.detach().clone() for k, v in self.model.generator.state_dict().items()
            }
        if score > self._reference + self.tol:
            self._reference, self._waited = score, 0
        else:
            self._waited += 1
        return self._waited >= self.n_iter_no_change

    def restore(self):
        """Put the weights of the best-scoring check back into the generator."""
        if self.best_state is not None:
            self.model.generator.load_state_dict(self.best_state)

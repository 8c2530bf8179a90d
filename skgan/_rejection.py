"""Discriminator rejection: a classifier of real against candidate rows picks who leaves.

The neighbourhood and copy screens judge each candidate by a rule; what
they cannot see is how a class's candidates as a whole differ from its real
rows (a count's tail, how a category goes with a rate). A classifier fitted
to tell a class's real rows from its screened candidates estimates, through
its odds ``p / (1 - p)``, the density ratio ``p_real(x) / p_candidate(x)``
at every candidate ``x``. Drawing the rows that leave from a pool of
candidates with probability proportional to that ratio moves the output
towards the real distribution: importance resampling, or discriminator
rejection sampling (Azadi et al. 2019) with a finite pool.

The classifier of a class is fitted once, in ``fit``, on candidates drawn
then; the candidates it judges during generation are drawn afresh, so that
no candidate is judged by a model that was fitted on it.
"""

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from ._screens import Screen

_MAX_ROWS = 5000  # real rows (and as many candidates) per class the classifier learns from
_MIN_ROWS = 20  # below this many real rows a class gets no classifier: its odds are noise
_CLIP = 1e-3  # probabilities clipped to [_CLIP, 1 - _CLIP]: odds between 1e-3 and 1e3


class DiscriminatorScreen(Screen):
    """Keep, of every ``pool`` candidates, one drawn in proportion to its odds of being real.

    Parameters
    ----------
    pool : int, default=4
        Candidates per row that leaves. A larger pool corrects more and costs
        more draws.
    max_rows : int, default=5000
        Real rows per class (and as many candidates) the classifier learns from.

    Attributes
    ----------
    classifiers_ : dict
        Class index -> fitted classifier (real = 1); classes with fewer than
        20 real rows have none, and their candidates are kept in the order
        they come.
    """

    keeps_training_rows = True  # a fitted classifier is a summary of them

    def __init__(self, pool=4, max_rows=_MAX_ROWS):
        self.draws_per_row = self.pool = pool
        self.max_rows = max_rows

    def fit_classes(self, draw, encoded, y, classes, rng):
        """Fit one classifier per class of ``classes``.

        Parameters
        ----------
        draw : callable
            ``draw(n, class_idx)`` returns ``n`` encoded candidates of the class
            that passed the screens before this one.
        encoded : array-like or EncodedRows
            The encoded training rows.
        y : ndarray of shape (n_rows,)
            Class index of each training row.
        classes : iterable of int
            The classes that will be generated.
        rng : numpy.random.Generator
        """
        self.classifiers_ = {}
        for k in classes:
            rows = np.flatnonzero(y == k)
            if len(rows) < _MIN_ROWS:
                continue
            rows = rng.permutation(rows)[: self.max_rows]
            real = np.asarray(encoded[rows], dtype=np.float32)
            fake = np.asarray(draw(len(real), k), dtype=np.float32)
            X = np.vstack([real, fake])
            target = np.r_[np.ones(len(real)), np.zeros(len(fake))]
            # regularised and early-stopped: odds from a classifier that memorised
            # the real rows would pull the output onto them
            classifier = HistGradientBoostingClassifier(
                max_iter=200,
                max_leaf_nodes=15,
                min_samples_leaf=20,
                l2_regularization=1.0,
                early_stopping=True,
                validation_fraction=0.2,
                n_iter_no_change=10,
                random_state=int(rng.integers(2**31 - 1)),
            )
            self.classifiers_[k] = classifier.fit(X, target)
        return self

    def odds(self, encoded, class_idx):
        """Estimated density ratio real / candidate of each encoded row (1 with no classifier)."""
        classifier = self.classifiers_.get(class_idx)
        if classifier is None:
            return np.ones(len(encoded))
        p = np.clip(classifier.predict_proba(encoded)[:, 1], _CLIP, 1 - _CLIP)
        return p / (1 - p)

    def keep(self, candidates, class_idx, rng=None):
        n_keep = int(np.ceil(len(candidates) / self.pool))
        mask = np.zeros(len(candidates), dtype=bool)
        if class_idx not in self.classifiers_ or n_keep == 0:
            mask[:n_keep] = True
            return mask
        rng = np.random.default_rng(0) if rng is None else rng
        # Efraimidis-Spirakis: the n_keep largest u^(1/w) are a draw without
        # replacement with probabilities proportional to the weights w
        keys = np.log(rng.random(len(candidates))) / self.odds(candidates.encoded, class_idx)
        mask[np.argpartition(-keys, n_keep - 1)[:n_keep]] = True
        return mask

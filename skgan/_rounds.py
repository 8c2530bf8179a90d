"""Adversarial rounds: a fresh discriminator per round, against the current generator.

A round fits a gradient-boosting discriminator to tell a class's real
training rows from rows of the current generator; its odds ``p / (1 - p)``
estimate the density ratio ``p_real(x) / p_generator(x)``, and the generator
of the next round is the current one reweighted by that ratio. After ``T``
rounds the generator is the start (the candidate source behind the screens
before this stage) times the product of the rounds' ratios: a boosted
generative model (Grover & Ermon 2018), each round a discriminator trained
to tell and a generator changed to fool it. Tree discriminators see what
tabular detectors see — a count's tail, how a category goes with a rate —
which a neural critic's smooth gradients miss.

Drawing from the reweighted generator needs no decoding: candidates are
judged in the encoder's space, where they were born, and ``pool(T)`` of them
compete for every row that leaves, drawn without replacement in proportion
to their weight (Gumbel top-k). No candidate is judged by a discriminator
that was fitted on it: every round's training draw and every generation
draw are fresh.

Every draw a round learns from is first scored: the cross-fitted ROC AUC
of a detector (3 folds, every real and generated row scored by a model not
fitted on it) says how well a fresh model tells the current generator from
the class, and the distance-to-closest-record ratio whether its rows crowd
onto the real ones. With ``n_rounds="auto"`` the first round is always
played; a round is dropped, and play stops, when its rows are closer to the
real rows than real rows are to each other (ratio below 0.9: a
discriminator that memorised the class pulls rows onto it), or when it did
not lower the AUC; play also stops once the AUC is within noise of 0.5.
The score uses every training row of the class, not a held-out slice: a
class of a hundred rows gets a usable signal.
"""

import numpy as np
from scipy.special import ndtr
from sklearn import config_context
from sklearn.neighbors import NearestNeighbors

from ._detector import discriminator, one_thread, out_of_fold_scores, roc_auc
from ._screens import _WORKING_MEMORY, Screen

_MAX_ROWS = 5000  # real rows (and as many generated ones) a round's discriminator learns from
_MIN_ROWS = 20  # below this many real rows a class gets no round: its odds are noise
_CLIP = 1e-3  # probabilities clipped to [_CLIP, 1 - _CLIP]: odds between 1e-3 and 1e3
_MAX_POOL = 64  # candidates per row that leaves, at most
_N_FOLDS = 3  # folds of the cross-fitted score of a round's discriminator
_MIN_DCR_RATIO = 0.9  # a round whose rows are closer to the real rows than this is dropped


def pool_size(n_rounds, base=4):
    """Candidates per row that leaves after ``n_rounds`` rounds: ``base`` per round, composed.

    Each round's ratio narrows the reweighted distribution; a pool that grows
    with the rounds keeps enough distinct candidates to draw from.
    """
    return int(min(base**n_rounds, _MAX_POOL)) if n_rounds else 1


class AdversarialRounds(Screen):
    """Keep, of every ``pool`` candidates, one drawn in proportion to the rounds' ratios.

    Parameters
    ----------
    n_rounds : int or "auto", default="auto"
        Rounds per class. ``"auto"``: at least one (where the generation
        budget holds a pool) and up to ``max_rounds``, as the module says; an
        int plays exactly that many.
    max_rounds : int, default=3
    max_rows : int, default=5000
        Real rows per class (and as many generated ones) a discriminator
        learns from.

    Attributes
    ----------
    discriminators_ : dict
        Class index -> list of fitted classifiers (real = 1), one per round kept.
    scores_ : dict
        Class index -> cross-fitted detection AUC of the start's rows and of
        the rows after every round played (lower is better, 0.5: cannot tell).
    dcr_ratios_ : dict
        Class index -> distance-to-closest-record ratio of the same draws.
    """

    keeps_training_rows = True  # a fitted classifier is a summary of them

    def __init__(self, n_rounds="auto", max_rounds=3, max_rows=_MAX_ROWS):
        self.n_rounds = n_rounds
        self.max_rounds = max_rounds
        self.max_rows = max_rows

    def fit_classes(self, draw, encoded, y, classes, rng, n_continuous=None, budgets=None):
        """Play the rounds of every class of ``classes``.

        Parameters
        ----------
        draw : callable
            ``draw(n, class_idx)`` returns ``n`` encoded candidates of the class
            that passed the screens before this stage.
        encoded : array-like or EncodedRows
            The encoded training rows.
        y : ndarray of shape (n_rows,)
            Class index of each training row.
        classes : iterable of int
            The classes that will be generated.
        rng : numpy.random.Generator
        n_continuous : int or None
            Leading columns of the encoding that are normal scores (the rest
            are one-hot blocks); None: all of them.
        budgets : dict or None
            Class index -> the most candidates per generated row this stage
            may ask for (``"auto"`` plays no more rounds than its pool fits);
            None: no limit.
        """
        self.n_continuous_ = encoded.shape[1] if n_continuous is None else n_continuous
        self.discriminators_, self.scores_, self.dcr_ratios_ = {}, {}, {}
        with one_thread():
            self._fit_classes(draw, encoded, y, classes, rng, budgets)
        return self

    def _fit_classes(self, draw, encoded, y, classes, rng, budgets):
        for k in classes:
            rows = np.flatnonzero(y == k)
            if len(rows) < _MIN_ROWS:
                continue
            real = np.asarray(encoded[rng.permutation(rows)[: self.max_rows]], np.float32)
            budget = np.inf if budgets is None else budgets.get(k, np.inf)
            self.discriminators_[k], self.scores_[k] = self._play(draw, k, real, rng, budget)

    def _play(self, draw, k, real, rng, budget):
        """The rounds of class ``k``, their scores and the privacy ratio of each draw."""
        auto = self.n_rounds == "auto"
        n_rounds = self.n_rounds
        if auto:  # no more rounds than the generation budget's pool holds
            fits = [t for t in range(1, self.max_rounds + 1) if pool_size(t) <= budget]
            n_rounds = max(fits, default=0)
            if not n_rounds:  # the request leaves no room for a pool: nothing to score
                self.dcr_ratios_[k] = []
                return [], []
        rounds, scores, ratios = [], [], []
        nearest = _NearestReal(real, self.n_continuous_)

        def seed():
            return int(rng.integers(2**31 - 1))

        def draw_and_score():
            fake = self._draw(draw, rounds, k, len(real), rng)
            scores.append(_cross_fitted_auc(real, fake, seed()))
            ratios.append(nearest.ratio(fake))
            return fake

        fake = draw_and_score()
        for t in range(1, n_rounds + 1):
            rounds.append(_fit_discriminator(real, fake, seed()))
            fake = draw_and_score()
            if not auto:
                continue
            if ratios[-1] < _MIN_DCR_RATIO or (t > 1 and scores[-1] >= scores[-2]):
                # closer to the training rows than unseen real rows are, or no
                # harder to tell than before: the round is dropped
                rounds.pop()
                break
            if scores[-1] <= 0.5 + 2 * _null_sd(len(real)):
                break  # a fresh detector can no longer tell
        self.dcr_ratios_[k] = ratios
        return rounds, scores

    def _draw(self, draw, rounds, k, n, rng):
        """``n`` rows of the generator reweighted by ``rounds``."""
        pool = draw(n * pool_size(len(rounds)), k)
        return pool[self._pick(self._log_ratio(rounds, pool), n, rng)]

    @staticmethod
    def _log_ratio(rounds, encoded):
        """Sum over ``rounds`` of each discriminator's log odds of being real."""
        total = np.zeros(len(encoded))
        for model in rounds:
            p = np.clip(model.predict_proba(encoded)[:, 1], _CLIP, 1 - _CLIP)
            total += np.log(p) - np.log1p(-p)
        return total

    @staticmethod
    def _pick(log_weight, n, rng):
        """Indices of ``n`` rows drawn without replacement, in proportion to ``exp(log_weight)``.

        Gumbel top-k: the ``n`` largest ``log w + Gumbel noise`` are such a draw
        (Efraimidis-Spirakis in log space, which no weight over- or underflows).
        """
        keys = log_weight + rng.gumbel(size=len(log_weight))
        n = min(n, len(keys))
        return np.sort(np.argpartition(-keys, n - 1)[:n]) if n else np.zeros(0, np.intp)

    def n_played(self, class_idx):
        """Rounds kept for a class (0 when it has none)."""
        return len(self.discriminators_.get(class_idx, ()))

    def draws(self, class_idx):
        return pool_size(self.n_played(class_idx))

    def keep(self, candidates, class_idx, rng=None):
        rounds = self.discriminators_.get(class_idx, ())
        n_keep = int(np.ceil(len(candidates) / self.draws(class_idx)))
        mask = np.zeros(len(candidates), dtype=bool)
        if not rounds:
            mask[:n_keep] = True
            return mask
        rng = np.random.default_rng(0) if rng is None else rng
        with one_thread():
            log_ratio = self._log_ratio(rounds, candidates.encoded)
        mask[self._pick(log_ratio, n_keep, rng)] = True
        return mask


def _null_sd(n):
    """Standard deviation of the ROC AUC of n against n rows that no model can tell apart."""
    return float(np.sqrt((2 * n + 1) / (12 * n * n)))


def _fit_discriminator(real, fake, seed):
    """A round's discriminator, on as many generated rows as real ones: its odds
    estimate the density ratio real / generated."""
    X = np.vstack([real, fake])
    return discriminator(seed).fit(X, np.r_[np.ones(len(real)), np.zeros(len(fake))])


class _NearestReal:
    """Distance-to-closest-record ratio of generated rows against a class's real rows.

    The median distance of generated rows to their nearest real row, over
    the median distance of each real row to its nearest *other* real row
    (what a real row the rounds never saw would be, near enough): 1 means
    as close as real rows are to each other, well below 1 near-copies.
    Distances are Gower's, as :func:`skgan.metrics.distance_to_closest_record`
    measures them, computed from the encoding: a numeric column by its rank
    among the training rows (the CDF of its normal score), a categorical
    column (and a value's missingness) 1 on mismatch.
    """

    def __init__(self, real, n_continuous):
        self.n_continuous = n_continuous
        self.index = NearestNeighbors(n_neighbors=2, metric="manhattan")
        self.index.fit(self._gower(real))
        with config_context(working_memory=_WORKING_MEMORY):
            distances, _ = self.index.kneighbors(self._gower(real))
        self.reference = float(np.median(distances[:, 1]))

    def _gower(self, encoded):
        c = self.n_continuous
        # a one-hot mismatch flips two entries: half each makes it cost 1
        return np.hstack([ndtr(encoded[:, :c]), 0.5 * encoded[:, c:]])

    def ratio(self, rows):
        with config_context(working_memory=_WORKING_MEMORY):
            distances, _ = self.index.kneighbors(self._gower(rows), n_neighbors=1)
        nearest = float(np.median(distances[:, 0]))
        return nearest / self.reference if self.reference > 0 else np.inf


def _cross_fitted_auc(real, fake, seed):
    """ROC AUC of a detector on rows it was not fitted on (3-fold).

    The detector, not the round's regularised discriminator: a score needs
    the sharpest eyes, a density ratio calibrated odds.
    """
    X = np.vstack([real, fake])
    target = np.r_[np.ones(len(real)), np.zeros(len(fake))]
    fold = np.random.default_rng(seed).permutation(len(X)) % _N_FOLDS
    splits = [(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(_N_FOLDS)]
    return roc_auc(target, out_of_fold_scores(X, target, splits, "gradient_boosting", seed))

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

Every round's discriminator is also the judge of the round before: its
cross-fitted ROC AUC (3 folds, every real and generated row scored by a
model not fitted on it) says how well a fresh discriminator tells the
current generator from the class. Rounds continue while that AUC falls, and
stop when a round did not lower it (that round is dropped) or when the
discriminator can no longer tell (AUC at 0.5). The score uses every
training row of the class, not a held-out slice: a class of a hundred rows
gets a usable signal.
"""

import numpy as np

from ._detector import discriminator, roc_auc
from ._screens import Screen

_MAX_ROWS = 5000  # real rows (and as many generated ones) a round's discriminator learns from
_MIN_ROWS = 20  # below this many real rows a class gets no round: its odds are noise
_CLIP = 1e-3  # probabilities clipped to [_CLIP, 1 - _CLIP]: odds between 1e-3 and 1e3
_MAX_POOL = 64  # candidates per row that leaves, at most
_N_FOLDS = 3  # folds of the cross-fitted score of a round's discriminator


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
        Rounds per class. ``"auto"``: up to ``max_rounds``, stopping at the
        first round that does not lower the next discriminator's AUC (it is
        dropped), or once the AUC is within two null standard deviations of
        0.5 (``sqrt((2n + 1) / 12n²)`` for ``n`` real rows: what a
        discriminator that cannot tell scores).
    max_rounds : int, default=3
    max_rows : int, default=5000
        Real rows per class (and as many generated ones) a discriminator
        learns from.

    Attributes
    ----------
    discriminators_ : dict
        Class index -> list of fitted classifiers (real = 1), one per round kept.
    scores_ : dict
        Class index -> cross-fitted AUC of each round's discriminator: how
        well it told the generator of the rounds before it from the class's
        real rows (the first: the start's; lower is better, 0.5: cannot tell).
    """

    keeps_training_rows = True  # a fitted classifier is a summary of them

    def __init__(self, n_rounds="auto", max_rounds=3, max_rows=_MAX_ROWS):
        self.n_rounds = n_rounds
        self.max_rounds = max_rounds
        self.max_rows = max_rows

    def fit_classes(self, draw, encoded, y, classes, rng):
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
        """
        self.discriminators_, self.scores_ = {}, {}
        for k in classes:
            rows = np.flatnonzero(y == k)
            if len(rows) < _MIN_ROWS:
                continue
            real = np.asarray(encoded[rng.permutation(rows)[: self.max_rows]], np.float32)
            self.discriminators_[k], self.scores_[k] = self._play(draw, k, real, rng)
        return self

    def _play(self, draw, k, real, rng):
        """The rounds of class ``k`` and the cross-fitted AUC of every round's discriminator."""
        auto = self.n_rounds == "auto"
        n_rounds = self.max_rounds if auto else self.n_rounds
        rounds, scores = [], []
        # one round more than are kept: its discriminator only scores the last generator
        for t in range(n_rounds + 1):
            fake = self._draw(draw, rounds, k, len(real), rng)
            X = np.vstack([real, fake])
            target = np.r_[np.ones(len(real)), np.zeros(len(fake))]
            seed = int(rng.integers(2**31 - 1))
            scores.append(_cross_fitted_auc(X, target, seed))
            if auto and t and scores[-1] >= scores[-2]:
                rounds.pop()  # the last round made the rows no harder to tell: dropped
                break
            if t == n_rounds or (auto and scores[-1] <= 0.5 + 2 * _null_sd(len(real))):
                break  # the budget is spent, or the discriminator can no longer tell
            rounds.append(discriminator(seed).fit(X, target))
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
        mask[self._pick(self._log_ratio(rounds, candidates.encoded), n_keep, rng)] = True
        return mask


def _null_sd(n):
    """Standard deviation of the ROC AUC of n against n rows that no model can tell apart."""
    return float(np.sqrt((2 * n + 1) / (12 * n * n)))


def _cross_fitted_auc(X, target, seed):
    """ROC AUC of the round's discriminator on rows it was not fitted on (3-fold)."""
    fold = np.random.default_rng(seed).permutation(len(X)) % _N_FOLDS
    score = np.empty(len(X))
    for f in range(_N_FOLDS):
        test = fold == f
        model = discriminator(seed).fit(X[~test], target[~test])
        score[test] = model.predict_proba(X[test])[:, 1]
    return roc_auc(target, score)

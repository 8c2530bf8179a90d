"""Per-class marginals: the space in which the generator learns the continuous columns.

The table encoder maps every numeric column through its empirical CDF over
*all* rows, so that distances compare rows of different classes (the
screens need that). The generator instead works in each class's own space:
every continuous score is mapped once more, through the empirical CDF of
that column within the class, onto a standard normal. A generator whose
continuous outputs are independent standard normals then reproduces every
class's marginals exactly, and adversarial training only has to learn how
the columns move together (see :class:`skgan._networks.Generator`, which
starts there).

The map is monotone per (class, column), so decoding is exact: class scores
go back to encoder scores by interpolating the class's stored quantiles.
:func:`class_copulas` adds how the class scores move together (a Gaussian
copula per class), which the generator starts from as well.
"""

import numpy as np
import torch
from scipy.special import ndtr
from sklearn.covariance import LedoitWolf

from ._screens import Screen
from ._transformer import _CLIP, TableTransformer


class ClassMarginals:
    """Map encoder scores to per-class normal scores and back.

    Parameters
    ----------
    n_quantiles : int, default=1000
        Resolution of each class's CDF per column, shared by all classes:
        fewer when the largest class has fewer rows. A smaller class's grid
        interpolates its sorted values, which are then the grid's knots.
    """

    def __init__(self, n_quantiles=1000):
        self.n_quantiles = n_quantiles

    def fit(self, continuous, observed, y, n_classes):
        """Learn the quantiles of every column within every class.

        Parameters
        ----------
        continuous : ndarray of shape (n, n_continuous)
            Encoder normal scores.
        observed : ndarray of bool, shape (n, n_continuous)
            False where the value is missing (its score is a placeholder).
        y : ndarray of shape (n,)
            Class index of every row.
        n_classes : int
        """
        counts = np.bincount(y, minlength=n_classes)
        n_q = int(min(self.n_quantiles, max(counts.max(initial=0), 2)))
        levels = np.linspace(0.0, 1.0, n_q)
        n_cont = continuous.shape[1]
        # (n_classes, n_continuous, n_q); a column never observed in a class
        # keeps the identity map (its scores are placeholders anyway)
        identity = np.interp(levels, [0.0, 1.0], [-_CLIP, _CLIP])
        self.quantiles_ = np.broadcast_to(identity, (n_classes, n_cont, n_q)).copy()
        for k in range(n_classes):
            rows = y == k
            for j in range(n_cont):
                values = continuous[rows & observed[:, j], j]
                if values.size:
                    self.quantiles_[k, j] = np.quantile(values.astype(np.float64), levels)
        return self

    def to_class(self, continuous, y):
        """Encoder scores (n, n_continuous) of rows of classes ``y`` -> class scores."""
        out = np.empty(continuous.shape, dtype=np.float32)
        for k in np.unique(y):
            rows = y == k
            for j in range(continuous.shape[1]):
                out[rows, j] = TableTransformer._to_normal(
                    continuous[rows, j].astype(np.float64), self.quantiles_[k, j]
                )
        return out

    def from_class(self, scores, class_idx):
        """Class scores (n, n_continuous) of class ``class_idx`` -> encoder scores."""
        u = ndtr(np.clip(np.asarray(scores, dtype=np.float64), -_CLIP, _CLIP))
        levels = np.linspace(0.0, 1.0, self.quantiles_.shape[2])
        out = np.empty(u.shape, dtype=np.float32)
        for j in range(u.shape[1]):
            out[:, j] = np.interp(u[:, j], levels, self.quantiles_[class_idx, j])
        return out

    def get_state(self):
        """The quantiles as a tensor (see :mod:`skgan._persistence`)."""
        return {"n_quantiles": self.n_quantiles, "quantiles": torch.as_tensor(self.quantiles_)}

    @classmethod
    def from_state(cls, state):
        marginals = cls(state["n_quantiles"])
        marginals.quantiles_ = state["quantiles"].numpy()
        return marginals


_MAX_COPULA_ROWS = 20_000  # rows per class that estimate its correlations


def class_copulas(scores, observed, y, n_classes, rng):
    """Cholesky factor of every class's correlation of class scores, (n_classes, c, c).

    Noise mixed by a class's factor has that class's (normal-score, hence
    rank) correlations and still standard normal marginals: a Gaussian
    copula. Correlations are Ledoit-Wolf shrunk, so that a class with fewer
    rows than columns still gets a well-conditioned estimate; a class with
    fewer than three rows keeps independent columns. Missing values count as
    the class median (score 0), which shrinks their column's correlations.
    A class of more than 20,000 rows is estimated on a random 20,000 of them
    (``rng``, a NumPy generator): enough for a correlation matrix, and memory
    stays at that size whatever the table.
    """
    n_cont = scores.shape[1]
    factors = np.broadcast_to(np.eye(n_cont), (n_classes, n_cont, n_cont)).copy()
    for k in range(n_classes):
        index = np.flatnonzero(y == k)
        if len(index) > _MAX_COPULA_ROWS:
            index = np.sort(rng.choice(index, _MAX_COPULA_ROWS, replace=False))
        if len(index) < 3 or n_cont < 2:
            continue
        rows = np.where(observed[index], scores[index], 0.0)
        cov = LedoitWolf().fit(rows).covariance_
        scale = np.sqrt(np.diag(cov))
        varying = scale > 1e-8
        corr = np.eye(n_cont)
        corr[np.ix_(varying, varying)] = cov[np.ix_(varying, varying)] / np.outer(
            scale[varying], scale[varying]
        )
        factors[k] = np.linalg.cholesky(corr + 1e-6 * np.eye(n_cont))
    return factors


class MarginalHold(Screen):
    """Give the rows that leave their class's exact marginals and missing rates.

    Screens and rounds choose among candidates, and a choice moves a class's
    marginals: a screen that prefers its class's dense core thins the tails
    and the missing values (a column with 17.5% missing values came back
    with 8% before this stage). This stage keeps every row and what the
    choices learnt about dependence — each column's ranks — and puts the
    class's own marginals back by construction:

    * in every numeric column with missing values, rows are switched between
      missing and observed at random until the chunk's missing share is the
      class's (stochastically rounded);
    * the observed values of every numeric column are replaced, rank by
      rank, by the class's quantiles at stratified levels ``(rank + U) / m``,
      then snapped to values decoding releases.

    Parameters
    ----------
    transformer : TableTransformer
        The fitted encoder (layout, snapping).
    marginals : ClassMarginals
        The fitted per-class quantiles of every numeric column.

    Attributes
    ----------
    missing_rate_ : ndarray of shape (n_classes, n_continuous)
        Share of missing values of every numeric column within every class.
    """

    def __init__(self, transformer, marginals):
        self.transformer = transformer
        self.marginals = marginals

    def fit(self, frame, encoded, y, rng, codes=None):
        """Learn each class's missing rates; ``codes`` (the encoder's codes of
        ``frame``, when the fit has them already) saves encoding it again."""
        codes = self.transformer.codes(frame) if codes is None else codes
        observed = self.transformer.observed(codes)
        n_classes = self.marginals.quantiles_.shape[0]
        self.missing_rate_ = np.zeros((n_classes, observed.shape[1]))
        for k in np.unique(y):
            self.missing_rate_[k] = (~observed[y == k]).mean(axis=0)
        return self

    def keep(self, candidates, class_idx, rng=None):
        return np.ones(len(candidates), dtype=bool)

    def apply(self, candidates, class_idx, rng=None):
        if not len(candidates):
            return candidates
        rng = np.random.default_rng(0) if rng is None else rng
        encoded = candidates.encoded.copy()
        missing, fresh = self._hold_missing(encoded, class_idx, rng)
        t = self.transformer
        c = t.n_continuous_
        levels = np.linspace(0.0, 1.0, self.marginals.quantiles_.shape[2])
        for j in range(c):
            rows = np.flatnonzero(~missing[:, j])
            if rows.size:
                score = encoded[rows, j].astype(np.float64)
                new = fresh[rows, j]
                if new.any():  # rows made observed here rank at random
                    score[new] = rng.permutation(score)[: new.sum()]
                rank = np.empty(rows.size)
                rank[np.lexsort((rng.random(rows.size), score))] = np.arange(rows.size)
                u = (rank + rng.random(rows.size)) / rows.size
                encoded[rows, j] = np.interp(u, levels, self.marginals.quantiles_[class_idx, j])
        codes = np.zeros((len(encoded), max(t.n_segments_, 1)), dtype=np.int64)
        for j, spec in enumerate(t.numeric_):
            if spec.missing_segment is not None:
                codes[:, spec.missing_segment] = missing[:, j]
        encoded[:, :c] = t.snap(encoded[:, :c], codes)
        return type(candidates)(encoded, candidates.decode)

    def _hold_missing(self, encoded, class_idx, rng):
        """Switch rows between missing and observed to the class's rates, in place.

        Returns the (n, n_continuous) masks of missing values and of values
        made observed here (which have no score of their own yet).
        """
        t = self.transformer
        c, n = t.n_continuous_, len(encoded)
        missing = np.zeros((n, c), dtype=bool)
        fresh = np.zeros((n, c), dtype=bool)
        for j, spec in enumerate(t.numeric_):
            if spec.missing_segment is None:
                continue
            column = c + t.segment_offsets_[spec.missing_segment]  # observed; missing next
            miss = encoded[:, column + 1] > 0.5
            target = int(np.floor(self.missing_rate_[class_idx, j] * n + rng.random()))
            excess = int(miss.sum()) - target
            flip = rng.choice(np.flatnonzero(miss if excess > 0 else ~miss), abs(excess), False)
            miss[flip] = ~miss[flip]
            fresh[flip, j] = excess > 0
            encoded[:, column], encoded[:, column + 1] = ~miss, miss
            encoded[miss, j] = 0.0  # the encoder's placeholder score of a missing value
            missing[:, j] = miss
        return missing, fresh

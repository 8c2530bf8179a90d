"""Screens: which generated candidates may leave the sampler as synthetic rows.

Every screen is fitted once on the training rows and then asked, for a chunk
of candidates of one class, which of them to keep. They share one interface
(:class:`Screen`) and run in order inside one loop
(:func:`skgan._generation.generate`), which draws more candidates until
enough pass or its patience runs out.

Candidates come as a :class:`Candidates` chunk: the encoded rows the
generator produced (normal scores and one-hot blocks, the space the
discriminator sees) and, decoded at most once and only when a screen asks,
the rows as the user will get them.

Two distances live in skgan, on purpose: the screens measure the
**encoded distance** (Euclidean, in this encoding, which only a fitted
sampler has), while :mod:`skgan.metrics` measures the **Gower distance**
between decoded tables, so that any two samplers can be compared.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import torch
from sklearn import config_context
from sklearn.neighbors import NearestNeighbors

from ._fingerprints import row_fingerprints

# MiB for one block of a neighbour search: bounded memory whatever the table
_WORKING_MEMORY = 64


class NearestReference:
    """Exact k-nearest-neighbour search of query rows among a few thousand reference rows.

    The neighbourhood screen's search on every chunk of candidates, several
    times faster than a dense brute-force search on the encoded space, whose
    one-hot blocks make up nearly all its width but hold a few ones per row:

    * the columns that are 0 or 1 in every reference row (the one-hot
      blocks) enter as sums of reference columns at each query's ones
      (``embedding_bag``), ``n_ones`` per query instead of their whole width,
      and exactly (sums of 0/1 in float32 are exact integers);
    * the other columns enter through a float32 product, which ranks the
      references to find a short list of ``k + extra`` per query;
    * the short list is then ranked on exact float64 distances (the one-hot
      part counted exactly), and a query whose short list could miss a
      nearer reference (float32 rounding near the list's edge) is searched
      again in float64 whole.

    So the neighbours are those of an exact float64 search (ties aside), as
    scikit-learn's brute search gives. A query with other values than 0 and 1
    in the reference's 0/1 columns is searched in float64 whole too. Queries
    go in blocks of ``block`` rows: memory stays at ``block x n_reference``
    scores whatever the chunk.
    """

    def __init__(self, points, block=1024, extra=4):
        points = np.asarray(points, dtype=np.float64)
        self.block, self.extra = block, extra
        self.binary_ = np.all((points == 0) | (points == 1), axis=0)
        self.points_ = torch.from_numpy(points)
        self.norms_ = (self.points_**2).sum(dim=1)
        dense = points[:, ~self.binary_]
        self.dense_ = torch.from_numpy(np.ascontiguousarray(dense))
        # one float32 product gives |r|^2 - 2 q.r on the dense columns: q' = [q, 1]
        self.ranking_ = torch.from_numpy(
            np.hstack([-2.0 * dense, self.norms_.numpy()[:, None]]).astype(np.float32).T.copy()
        )
        # row j: -2 x (reference column j of the 0/1 block), summed at each query's ones
        self.hot_ = torch.from_numpy((-2.0 * points[:, self.binary_]).astype(np.float32).T.copy())
        self.hot_ones_ = torch.from_numpy(points[:, self.binary_].sum(axis=1))

    def __len__(self):
        return len(self.points_)

    def kneighbors(self, queries, k):
        """(distances, indices), each (n, k), nearest first, as ``NearestNeighbors``."""
        queries = np.asarray(queries)
        distances = np.empty((len(queries), k))
        indices = np.empty((len(queries), k), dtype=np.int64)
        for start in range(0, len(queries), self.block):
            rows = slice(start, start + self.block)
            distances[rows], indices[rows] = self._block(queries[rows], k)
        return distances, indices

    def _exact(self, queries, k):
        q = torch.from_numpy(np.asarray(queries, dtype=np.float64))
        squared = (q @ self.points_.T).mul_(-2.0).add_(self.norms_)
        squared += (q**2).sum(dim=1, keepdim=True)
        top, index = torch.topk(squared, k, dim=1, largest=False, sorted=True)
        return top.clamp_(min=0.0).sqrt_().numpy(), index.numpy()

    def _block(self, queries, k):
        hot = queries[:, self.binary_]
        short = min(k + self.extra, len(self))
        if not np.all((hot == 0) | (hot == 1)) or short == len(self):
            return self._exact(queries, k)
        n = len(queries)
        dense = np.asarray(queries[:, ~self.binary_], dtype=np.float64)
        rows, cols = np.nonzero(hot)
        ones = torch.from_numpy(np.bincount(rows, minlength=n).astype(np.float64))
        # scores: |r|^2 - 2 q.r, ranking the references of each query as distances do
        scores = (
            torch.nn.functional.embedding_bag(
                torch.from_numpy(cols),
                self.hot_,
                torch.from_numpy(np.searchsorted(rows, np.arange(n))),
                mode="sum",
            )
            if self.hot_.shape[0]
            else torch.zeros(n, len(self))
        )
        hot_product = scores.clone() if self.hot_.shape[0] else None
        extended = torch.from_numpy(np.hstack([dense, np.ones((n, 1))]).astype(np.float32))
        scores.addmm_(extended, self.ranking_)
        approx, candidates = torch.topk(scores, short, dim=1, largest=False, sorted=True)
        # exact float64 squared distances to the short list
        d = torch.from_numpy(dense)
        diff = d[:, None, :] - self.dense_[candidates]
        squared = (diff**2).sum(dim=2)
        if hot_product is not None:
            # |q_h - r_h|^2 = ones(q) + ones(r) - 2 q_h.r_h, all exact integers
            squared += ones[:, None] + self.hot_ones_[candidates]
            squared += torch.gather(hot_product, 1, candidates).double()
        order = torch.argsort(squared, dim=1, stable=True)[:, :k]
        top = torch.gather(squared, 1, order)
        index = torch.gather(candidates, 1, order)
        # a reference off the list has score >= the list's last: its squared distance is
        # at least that + |q|^2 (less the float32 error); nearer than the k-th kept? search again
        q_norms = (d**2).sum(dim=1) + ones
        bound = approx[:, -1].double() + q_norms
        slack = 1e-4 * (q_norms + self.norms_.max()) + 1e-6
        unsure = (top[:, -1] > bound - slack).numpy()
        top, index = top.clamp_(min=0.0).sqrt_().numpy(), index.numpy()
        if unsure.any():
            top[unsure], index[unsure] = self._exact(queries[unsure], k)
        return top, index


@dataclass
class Candidates:
    """A chunk of generated rows of one class.

    ``encoded`` has shape (n, n_encoded); ``decode`` turns row positions into
    a DataFrame. Decoded rows are cached, so that rows are decoded once.
    """

    encoded: np.ndarray
    decode: object  # callable: encoded rows -> DataFrame
    _decoded: pd.DataFrame | None = field(default=None, repr=False)

    def __len__(self):
        return len(self.encoded)

    @property
    def decoded(self):
        if self._decoded is None:
            self._decoded = self.decode(self.encoded)
        return self._decoded

    def take(self, mask):
        """The candidates where ``mask`` (bool, or an index array) selects them."""
        decoded = None if self._decoded is None else self._decoded[mask].reset_index(drop=True)
        return Candidates(self.encoded[mask], self.decode, decoded)


class Screen:
    """Interface of a screen.

    Attributes
    ----------
    draws_per_row : int
        Candidates the generation loop draws per requested row for this screen.
    keeps_training_rows : bool
        Whether the fitted screen holds (encoded or fingerprinted) training rows.
    privacy : bool
        Whether the screen protects the training records (its failures warn
        as :class:`~skgan.exceptions.PrivacyWarning`).
    """

    draws_per_row = 1
    keeps_training_rows = False
    privacy = False

    def fit(self, frame, encoded, y, rng):
        """Learn from the training rows: a DataFrame, its encoding, class indices.

        ``encoded[index]`` gives the encoded rows at ``index`` (an array or
        :class:`skgan._training.EncodedRows`).
        """
        return self

    def draws(self, class_idx):
        """Candidates the generation loop draws per requested row of a class for this screen."""
        return self.draws_per_row

    def keep(self, candidates, class_idx, rng=None):
        """Boolean mask of the candidates (all of class ``class_idx``) to keep.

        ``rng`` (a ``numpy.random.Generator``) is the generation loop's, for
        screens that draw.
        """
        raise NotImplementedError

    def apply(self, candidates, class_idx, rng=None):
        """The candidates that leave this screen (those :meth:`keep` selects)."""
        return candidates.take(self.keep(candidates, class_idx, rng))


class CopyScreen(Screen):
    """Reject candidates whose decoded row equals a training row exactly."""

    keeps_training_rows = True
    privacy = True

    def fit(self, frame, encoded, y, rng):
        self.fingerprints_ = np.unique(row_fingerprints(frame))
        return self

    def keep(self, candidates, class_idx, rng=None):
        # binary search in the sorted training fingerprints: a chunk costs
        # O(chunk log n), not a sort of the whole training set as np.isin would
        found = row_fingerprints(candidates.decoded)
        pos = np.minimum(np.searchsorted(self.fingerprints_, found), len(self.fingerprints_) - 1)
        return self.fingerprints_[pos] != found


class DistanceScreen(Screen):
    """Reject candidates closer to a training row than real rows are to each other.

    The threshold is the 5th percentile of the encoded distances of (up to
    ``n_probe``) real rows to their nearest other real row.
    """

    keeps_training_rows = True
    privacy = True

    def __init__(self, n_probe=2000, quantile=0.05):
        self.n_probe, self.quantile = n_probe, quantile

    def fit(self, frame, encoded, y, rng):
        encoded = np.asarray(encoded[:])
        self.index_ = NearestNeighbors(n_neighbors=2).fit(encoded)
        probe = rng.choice(len(encoded), size=min(self.n_probe, len(encoded)), replace=False)
        with config_context(working_memory=_WORKING_MEMORY):
            distances, _ = self.index_.kneighbors(encoded[probe])
        nearest_other = distances[:, min(1, distances.shape[1] - 1)]
        self.threshold_ = float(np.quantile(nearest_other, self.quantile))
        return self

    def keep(self, candidates, class_idx, rng=None):
        with config_context(working_memory=_WORKING_MEMORY):
            distances, _ = self.index_.kneighbors(candidates.encoded, n_neighbors=1)
        return distances[:, 0] >= self.threshold_


class NeighborhoodScreen(Screen):
    """Keep candidates that lie where their class lives; prefer its dense core.

    A candidate's score is the share of its ``k_neighbors`` nearest reference
    rows that belong to its class (rows of each class weighted by how many
    training rows each reference row stands for). Candidates with no
    reference row of their class among their neighbours are rejected
    (Lee et al. 2015); of the rest, the best-scoring ``1 / draws_per_row``
    are kept, nearer ones first on ties. Rows deep in another class's region
    are what cost classifiers precision.

    Reference rows are a sample of at most ``max_reference`` rows per class,
    so memory and search time stay bounded on large tables; identical rows
    form one reference point that votes for each of its classes. A row with
    no other row of its class at its point or among its neighbours (an
    isolated row, often a mislabelled one) casts no vote: noisy labels do not
    open a path into another class's region.
    """

    keeps_training_rows = True

    def __init__(self, k_neighbors=5, draws_per_row=3, max_reference=2000):
        self.k_neighbors = k_neighbors
        self.draws_per_row = draws_per_row
        self.max_reference = max_reference

    def fit(self, frame, encoded, y, rng):
        counts = np.bincount(y)
        picked = np.concatenate(
            [
                rng.permutation(np.flatnonzero(y == k))[: self.max_reference]
                for k in range(counts.size)
            ]
        )
        labels = y[picked]
        # Identical rows are one reference point with a vote per class: a tie of
        # equal distances is then settled by the counts, not by row order.
        points, inverse = np.unique(np.asarray(encoded[picked]), axis=0, return_inverse=True)
        n_rows = np.zeros((len(points), counts.size))
        np.add.at(n_rows, (inverse.ravel(), labels), 1.0)
        # each reference row stands for n_class / n_picked_of_class training rows
        per_row = counts / np.maximum(np.bincount(labels, minlength=counts.size), 1)
        self.k_ = min(self.k_neighbors, len(points))
        self.index_ = NearestNeighbors(n_neighbors=self.k_).fit(points)
        self.search_ = NearestReference(points)
        self.votes_ = n_rows * per_row * self._trusted(points, n_rows)
        return self

    def _trusted(self, points, n_rows):
        """Whether each point's rows of each class have company of their class.

        Company is a second row of the class at the same point, or a row of the
        class among the point's ``k_neighbors`` nearest other points.
        """
        k = min(self.k_ + 1, len(points))
        with config_context(working_memory=_WORKING_MEMORY):
            _, index = self.index_.kneighbors(points, n_neighbors=k)
        around = (n_rows[index[:, 1:]] > 0).any(axis=1)  # (n_points, n_classes)
        return (n_rows >= 2) | around

    def scores(self, encoded, class_idx):
        """(own-class share, distance to the nearest own-class neighbour) per row."""
        distances, index = self.search_.kneighbors(encoded, self.k_)
        votes = self.votes_[index]  # (n, k, n_classes)
        total = votes.sum(axis=(1, 2))
        own = votes[:, :, class_idx]
        share = np.divide(own.sum(axis=1), total, out=np.zeros(len(index)), where=total > 0)
        nearest_own = np.where(own > 0, distances, np.inf).min(axis=1)
        return share, nearest_own

    def keep(self, candidates, class_idx, rng=None):
        share, nearest_own = self.scores(candidates.encoded, class_idx)
        n_keep = int(np.ceil(len(candidates) / self.draws_per_row))
        order = np.lexsort((nearest_own, -share))[:n_keep]
        mask = np.zeros(len(candidates), dtype=bool)
        mask[order] = True
        return mask & (share > 0)

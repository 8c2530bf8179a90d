"""Candidate sources that need no training, for judging what the generator adds.

:func:`skgan._generation.generate` takes its candidates from a *source*:
anything with ``encoded_rows(n, class_idx, rng)`` (rows of one class in the
encoder's space, ``rng`` a ``torch.Generator``), ``decode(encoded, rng)``
and ``empty()``. The trained generator (:class:`skgan._generation.Model`)
is one; the two here draw from the training rows of the class directly:

* :class:`MarginalSource`, a product of marginals: every column (every
  discrete segment) of a candidate comes from its own random row of the class;
* :class:`InterpolationSource`, SMOTE in the encoder's space: a point on
  the segment between a row of the class and one of its ``k`` nearest
  neighbours of the class, each discrete segment taken from either end.

Both keep encoded training rows of the fitted classes in memory.
"""

import numpy as np
import torch
from sklearn.neighbors import NearestNeighbors


class _RowSource:
    """Shared part: a class's encoded training rows, decoded through ``model``."""

    def __init__(self, model, frame, y_idx):
        t = model.transformer
        self.model = model
        self.continuous = t.continuous(frame)
        codes = t.codes(frame)
        self.observed = t.observed(codes)
        # positions within each segment (the encoder's codes carry offsets)
        self.codes = codes - t.segment_offsets_[:-1].astype(np.int32)
        self.rows = [np.flatnonzero(y_idx == k) for k in range(int(y_idx.max()) + 1)]
        # the missingness segment of each numeric column that has one
        self.missing_segment = {
            j: spec.missing_segment
            for j, spec in enumerate(t.numeric_)
            if spec.missing_segment is not None
        }

    def decode(self, encoded, rng):
        return self.model.decode(encoded, rng)

    def empty(self):
        return self.model.empty()


class MarginalSource(_RowSource):
    """Every column of a candidate drawn from its own random row of the class."""

    def encoded_rows(self, n, class_idx, rng):
        rows = self.rows[class_idx]
        n_cont, n_seg = self.continuous.shape[1], self.codes.shape[1]
        # (n, n_cont + n_seg): an independent row for every column
        pick = rows[torch.randint(len(rows), (n, n_cont + n_seg), generator=rng).numpy()]
        # a value and its missingness come from one row: a missing row's
        # placeholder score must not pass for an observed value
        for j, segment in self.missing_segment.items():
            pick[:, n_cont + segment] = pick[:, j]
        cont = self.continuous[pick[:, :n_cont], np.arange(n_cont)]
        codes = self.codes[pick[:, n_cont:], np.arange(n_seg)]
        return self.model.encode(cont, codes)


class InterpolationSource(_RowSource):
    """SMOTE within the class, in the encoder's space.

    Parameters
    ----------
    k_neighbors : int, default=5
        Neighbours of the class each row may interpolate towards.
    """

    def __init__(self, model, frame, y_idx, k_neighbors=5):
        super().__init__(model, frame, y_idx)
        t = model.transformer
        encoded = t.transform(frame)
        self.neighbours = []
        for rows in self.rows:
            k = min(k_neighbors + 1, len(rows))
            index = NearestNeighbors(n_neighbors=k).fit(encoded[rows])
            self.neighbours.append(rows[index.kneighbors(encoded[rows])[1]])  # (n_k, k)

    def encoded_rows(self, n, class_idx, rng):
        rows, neighbours = self.rows[class_idx], self.neighbours[class_idx]
        base = torch.randint(len(rows), (n,), generator=rng).numpy()
        # column 0 is the row itself; with a single row the candidate is that row
        other = torch.randint(max(neighbours.shape[1] - 1, 1), (n,), generator=rng).numpy()
        other = neighbours[base, np.minimum(other + 1, neighbours.shape[1] - 1)]
        base = rows[base]
        lam = torch.rand(n, 1, generator=rng, dtype=torch.float64).numpy()
        start, end = self.continuous[base], self.continuous[other]
        # towards a missing value there is nothing to interpolate: stay at the known end
        start = np.where(self.observed[base], start, end)
        end = np.where(self.observed[other], end, start)
        cont = start + lam * (end - start)
        swap = torch.rand(n, self.codes.shape[1], generator=rng, dtype=torch.float64).numpy()
        codes = np.where(swap < lam, self.codes[other], self.codes[base])
        return self.model.encode(cont.astype(np.float32), codes)


SOURCES = {"marginals": MarginalSource, "interpolation": InterpolationSource}

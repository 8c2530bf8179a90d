"""Conditions: which class (and which level of one discrete column) a row is drawn for.

The condition sampler is fitted with the encoder, drives training-by-sampling
during the fit, and stays in the fitted sampler (its per-class level counts
only) to draw the conditions of generated rows.
"""

import numpy as np
import torch


class ConditionSampler:
    """Draw condition vectors, and real rows that satisfy them.

    A condition is a class ``c`` plus one discrete segment ``s`` and a level of
    it. During training, ``c`` is drawn uniformly over the classes and the level
    with probability proportional to the log of its frequency within ``c``
    (training-by-sampling, Xu et al. 2019), so that rare classes and rare
    categories get as many updates as common ones. For sampling, levels follow
    their observed frequencies within the requested class.

    Parameters
    ----------
    codes : ndarray of shape (n, n_segments)
        Discrete-block position of every row's level in each segment.
    y : ndarray of shape (n,)
        Class index of each row.
    n_classes, n_discrete : int
        Number of classes and width of the discrete block.
    """

    def __init__(self, codes, y, n_classes, n_discrete, index=True):
        n, n_segments = codes.shape
        self.n_classes, self.n_discrete = n_classes, n_discrete
        self.n_segments = max(n_segments, 1)
        counts = np.zeros((n_classes, max(n_discrete, 1)))
        for s in range(n_segments):
            np.add.at(counts, (y, codes[:, s]), 1.0)
        self.level_counts = counts[:, :n_discrete]
        self.n = n
        if n and index:  # index=False: level counts only, to draw conditions for sampling
            self._index(codes, y, counts)
        else:
            self.forget_rows()

    def _index(self, codes, y, counts):
        n, n_classes = len(y), self.n_classes
        # Flat index: for every segment, cumulative row weights within each class,
        # shifted to [s * K + c, s * K + c + 1]. One sorted array serves every
        # (class, segment) draw through a single searchsorted. Built one segment
        # at a time, so that temporaries stay at one column's size.
        order = np.argsort(y, kind="stable")
        y_sorted = y[order]
        first = np.searchsorted(y_sorted, np.arange(n_classes))
        self.keys = np.empty(self.n_segments * n)  # increasing
        for s in range(self.n_segments):
            if codes.shape[1]:
                freq = counts[y_sorted, codes[order, s]]
                weights = np.log1p(freq) / freq
            else:
                weights = np.ones(n)
            cum = np.cumsum(weights)
            totals = np.bincount(y_sorted, weights, minlength=n_classes)
            before = np.where(first > 0, cum[np.maximum(first - 1, 0)], 0.0)
            keys = self.keys[s * n : (s + 1) * n]
            np.subtract(cum, before[y_sorted], out=keys)
            keys /= totals[y_sorted]
            keys += s * n_classes + y_sorted
        self.order = order
        self.codes = codes

    def get_state(self):
        """Per-class level counts: all a fitted condition sampler keeps."""
        return {"n_classes": self.n_classes, "level_counts": torch.as_tensor(self.level_counts)}

    @classmethod
    def from_state(cls, state):
        """A condition sampler for drawing only, from :meth:`get_state` output."""
        level_counts = state["level_counts"].numpy()
        sampler = cls(
            np.zeros((0, 0), dtype=np.int64),
            np.zeros(0, dtype=np.int64),
            state["n_classes"],
            level_counts.shape[1],
        )
        sampler.level_counts = level_counts
        return sampler.forget_rows()

    def to(self, device):
        """Move the index to ``device`` as tensors (done once per fit)."""
        t = lambda a, dt: torch.as_tensor(a, dtype=dt, device=device)  # noqa: E731
        if self.keys is not None:
            self.keys_t = t(self.keys, torch.float64)
            self.order_t = t(self.order, torch.long)
            self.codes_t = torch.as_tensor(self.codes, device=device)
        self.level_counts_t = t(self.level_counts, torch.float32)
        self.device = torch.device(device)
        return self

    def forget_rows(self):
        """Drop the per-row training index; only per-class level counts remain.

        Called after training, so that a fitted (pickled or saved) sampler does
        not carry the training rows' category codes.
        """
        self.keys = self.order = self.codes = None
        self.keys_t = self.order_t = self.codes_t = None
        return self

    def _condition(self, classes, levels):
        # (B,), (B,) -> (B, n_classes + n_discrete)
        cond = torch.zeros(classes.shape[0], self.n_classes + self.n_discrete, device=self.device)
        cond[torch.arange(classes.shape[0], device=self.device), classes] = 1.0
        if self.n_discrete:
            cond[torch.arange(levels.shape[0], device=self.device), self.n_classes + levels] = 1.0
        return cond

    def draw_training(self, batch_size, generator):
        """Return (row indices, condition, levels) for one training batch."""
        dev = self.device
        classes = torch.randint(self.n_classes, (batch_size,), generator=generator, device=dev)
        segments = torch.randint(self.n_segments, (batch_size,), generator=generator, device=dev)
        u = torch.rand(batch_size, generator=generator, device=dev, dtype=torch.float64)
        target = segments * self.n_classes + classes + u
        pos = torch.searchsorted(self.keys_t, target).clamp_(max=self.keys_t.numel() - 1)
        rows = self.order_t[pos % self.n]
        levels = self.codes_t[rows, segments].long() if self.n_discrete else segments
        return rows, self._condition(classes, levels), levels

    def draw_sampling(self, classes, segment_mask, generator):
        """Conditions for generating rows of the given classes, shape (B, cond_dim)."""
        if not self.n_discrete:
            return self._condition(classes, classes), None
        segments = torch.randint(
            segment_mask.shape[0], (classes.shape[0],), generator=generator, device=self.device
        )
        weights = self.level_counts_t[classes] * segment_mask[segments]
        levels = torch.multinomial(weights, 1, generator=generator).squeeze(1)
        return self._condition(classes, levels), levels

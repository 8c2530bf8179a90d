"""Mixed-type table encoder: the bridge between pandas frames and the GAN.

Every table is encoded as ``[continuous block | discrete block]``:

* continuous block: one column per numeric feature, mapped through its empirical
  CDF onto a standard normal (a vectorised, non-parametric alternative to
  CTGAN's per-column Bayesian GMM). Multi-modal and heavy-tailed columns become
  Gaussian; point masses (many zeros in a count) become flat CDF segments that
  decode back to the exact value; decoding interpolates the stored quantiles, so
  values never leave the observed range.
* discrete block: one-hot groups ("segments"), one per categorical feature and
  one per numeric feature that has missing values (observed / missing).

The layout is computed once in ``fit`` and shared by the networks, the training
loop and the decoder.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from ._plain import dtype_from_plain, dtype_to_plain, plain

# Normal scores are clipped here: beyond +-5 sigma the CDF is flat in float32.
_CLIP = 5.0
_INFREQUENT = "__skgan_infrequent__"


@dataclass(frozen=True)
class NumericColumn:
    """How one numeric column is encoded."""

    name: object
    dtype: object
    quantiles: np.ndarray  # (n_quantiles,) increasing values at levels `refs`
    integral: bool  # all observed values are whole numbers: decode by rounding
    missing_segment: int | None  # discrete segment holding (observed, missing)


@dataclass(frozen=True)
class CategoricalColumn:
    """How one categorical column is encoded."""

    name: object
    dtype: object
    levels: tuple  # one entry per one-hot position; may include NaN
    infrequent: tuple  # levels merged into the `_INFREQUENT` position
    infrequent_p: np.ndarray  # their relative frequencies, for decoding
    segment: int


def _as_numeric(column):
    """Float64 values of a numeric, boolean or datetime column (NaN for missing).

    Dates and durations become seconds (since the epoch), and come back through
    :func:`_restore`.
    """
    if pd.api.types.is_datetime64_any_dtype(column) or pd.api.types.is_timedelta64_dtype(column):
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            column = column.dt.tz_convert("UTC").dt.tz_localize(None)
        nanos = column.to_numpy(dtype="datetime64[ns]" if column.dtype.kind == "M" else "m8[ns]")
        values = nanos.view(np.int64).astype(np.float64) / 1e9
        values[np.isnat(nanos)] = np.nan
        return values
    return pd.to_numeric(column, errors="raise").to_numpy(dtype=np.float64, na_value=np.nan)


def _quantile_levels(n_quantiles):
    return np.linspace(0.0, 1.0, n_quantiles)


class TableTransformer:
    """Encode a mixed-type DataFrame into a float32 matrix and back.

    Parameters
    ----------
    categorical_columns : list
        Names of the columns to one-hot encode; every other column must be numeric.
    n_quantiles : int, default=1000
        Resolution of the empirical CDF of each numeric column.
    max_categories : int, default=100
        Categories beyond this many (the rarest ones) share one output
        position and are decoded in proportion to their frequencies, which
        bounds memory for columns with thousands of levels.
    """

    def __init__(self, categorical_columns, n_quantiles=1000, max_categories=100):
        self.categorical_columns = list(categorical_columns)
        self.n_quantiles = n_quantiles
        self.max_categories = max_categories

    # ------------------------------------------------------------------ fit
    def fit(self, frame, noise=None):
        """Learn quantiles, categories and the encoded layout from ``frame``.

        With ``noise`` (a :class:`skgan._dp.ColumnNoise`), every statistic
        is differentially private, and what the schema tells (dtypes, declared
        categories) replaces what only the data would tell (which columns have
        missing values, whether values are whole numbers).
        """
        categorical = set(self.categorical_columns)
        self.columns_ = list(frame.columns)
        self.numeric_, self.categorical_ = [], []
        segment_sizes = []
        for name in self.columns_:
            column = frame[name]
            # under DP a boolean column is categorical: its domain is public
            if name in categorical or (
                noise is not None and pd.api.types.is_bool_dtype(column.dtype)
            ):
                spec = (
                    self._fit_categorical(name, column, len(segment_sizes))
                    if noise is None
                    else self._fit_private(name, column, len(segment_sizes), noise)
                )
                self.categorical_.append(spec)
                segment_sizes.append(len(spec.levels))
            else:
                values = _as_numeric(column)
                missing = np.isnan(values)
                observed = values[~missing]
                n_q = int(min(self.n_quantiles, max(observed.size, 2)))
                # An all-missing column keeps NaN quantiles: it decodes to NaN only.
                if noise is not None:
                    has_missing = _can_hold_missing(column.dtype)
                    integral = _integral_dtype(column.dtype)
                    quantiles = noise.quantiles(observed, self.n_quantiles, len(frame), integral)
                    if quantiles is None:  # no bin survived the noise
                        quantiles = np.full(2, np.nan if has_missing else 0.0)
                elif observed.size:
                    quantiles = np.quantile(observed, _quantile_levels(n_q))
                    integral = bool(np.all(observed == np.round(observed)))
                    has_missing = bool(missing.any())
                else:
                    quantiles, integral, has_missing = np.full(2, np.nan), True, True
                segment = None
                if has_missing:
                    segment = len(segment_sizes)
                    segment_sizes.append(2)
                self.numeric_.append(
                    NumericColumn(
                        name=name,
                        dtype=column.dtype,
                        quantiles=quantiles,
                        integral=integral,
                        missing_segment=segment,
                    )
                )
        return self._set_layout(np.asarray(segment_sizes, dtype=np.int64))

    def get_state(self):
        """The fitted encoder as tensors and plain values (see :mod:`skgan._persistence`)."""
        import torch

        return {
            "columns": plain(self.columns_),
            "n_quantiles": self.n_quantiles,
            "max_categories": self.max_categories,
            "numeric": [
                {
                    "name": plain(s.name),
                    "dtype": dtype_to_plain(s.dtype),
                    "quantiles": torch.as_tensor(s.quantiles, dtype=torch.float64),
                    "integral": s.integral,
                    "missing_segment": s.missing_segment,
                }
                for s in self.numeric_
            ],
            "categorical": [
                {
                    "name": plain(s.name),
                    "dtype": dtype_to_plain(s.dtype),
                    "levels": plain(list(s.levels)),
                    "infrequent": plain(list(s.infrequent)),
                    "infrequent_p": torch.as_tensor(s.infrequent_p, dtype=torch.float64),
                    "segment": s.segment,
                }
                for s in self.categorical_
            ],
        }

    @classmethod
    def from_state(cls, state):
        """A fitted encoder from :meth:`get_state` output."""
        t = cls(
            [c["name"] for c in state["categorical"]],
            n_quantiles=state["n_quantiles"],
            max_categories=state["max_categories"],
        )
        t.columns_ = list(state["columns"])
        t.numeric_ = [
            NumericColumn(
                **{**s, "dtype": dtype_from_plain(s["dtype"]), "quantiles": s["quantiles"].numpy()}
            )
            for s in state["numeric"]
        ]
        t.categorical_ = [
            CategoricalColumn(
                **{
                    **s,
                    "dtype": dtype_from_plain(s["dtype"]),
                    "levels": tuple(s["levels"]),
                    "infrequent": tuple(s["infrequent"]),
                    "infrequent_p": s["infrequent_p"].numpy(),
                }
            )
            for s in state["categorical"]
        ]
        sizes = np.zeros(
            sum(s.missing_segment is not None for s in t.numeric_) + len(t.categorical_),
            dtype=np.int64,
        )
        for s in t.numeric_:
            if s.missing_segment is not None:
                sizes[s.missing_segment] = 2
        for s in t.categorical_:
            sizes[s.segment] = len(s.levels)
        return t._set_layout(sizes)

    def _set_layout(self, sizes):
        """Derive the encoded layout from the width of each discrete segment."""
        self.segment_offsets_ = np.concatenate([[0], np.cumsum(sizes)])
        # (d_discrete,) segment index of every one-hot position
        self.segment_ids_ = np.repeat(np.arange(sizes.size), sizes)
        self.n_continuous_ = len(self.numeric_)
        self.n_discrete_ = int(self.segment_offsets_[-1])
        self.n_segments_ = int(sizes.size)
        return self

    def _fit_categorical(self, name, column, segment):
        counts = column.value_counts(dropna=False, sort=True)
        # one spelling of "missing" (pd.NA, None and NaN all become NaN)
        levels = [np.nan if _isnan(lvl) else lvl for lvl in counts.index]
        infrequent, infrequent_p = (), np.empty(0)
        if len(levels) > self.max_categories:
            keep = self.max_categories - 1
            rare = counts.iloc[keep:]
            infrequent = tuple(np.nan if _isnan(lvl) else lvl for lvl in rare.index)
            infrequent_p = (rare / rare.sum()).to_numpy(dtype=np.float64)
            levels = levels[:keep] + [_INFREQUENT]
        return CategoricalColumn(
            name=name,
            dtype=column.dtype,
            levels=tuple(levels),
            infrequent=infrequent,
            infrequent_p=infrequent_p,
            segment=segment,
        )

    def _fit_private(self, name, column, segment, noise):
        """Categorical spec from a declared domain, or from the levels that survive noise.

        Declared domains (a pandas ``Categorical`` dtype's categories, or
        True/False) are public. Other levels are released only when their
        noisy count clears the threshold; the rest share the last position,
        which decodes to missing or, where the dtype has no missing value, to
        the most frequent released level.
        """
        dtype = column.dtype
        if _public_domain(dtype):
            categorical = isinstance(dtype, pd.CategoricalDtype)
            levels = list(dtype.categories) if categorical else [False, True]
            if _can_hold_missing(dtype):
                levels.append(np.nan)
            return CategoricalColumn(name, dtype, tuple(levels), (), np.empty(0), segment)
        levels = noise.levels(column)[: self.max_categories - 2]
        if _can_hold_missing(dtype):
            levels, fallback = [*levels, np.nan], np.nan
        else:
            fallback = levels[0] if levels else dtype.type(0)
        levels = (*levels, _INFREQUENT)
        return CategoricalColumn(name, dtype, levels, (fallback,), np.ones(1), segment)

    # ------------------------------------------------------------ transform
    def codes(self, frame):
        """Integer level of every row in every discrete segment, shape (n, n_segments).

        Codes index the discrete block (they include the segment offset).
        """
        codes = np.empty((len(frame), self.n_segments_), dtype=np.int32)
        for spec in self.numeric_:
            if spec.missing_segment is not None:
                missing = frame[spec.name].isna().to_numpy()
                codes[:, spec.missing_segment] = missing
        for spec in self.categorical_:
            codes[:, spec.segment] = self._category_codes(spec, frame[spec.name])
        codes += self.segment_offsets_[:-1].astype(np.int32)
        return codes

    def observed(self, codes):
        """Whether each numeric value is observed, shape (n, n_continuous), from :meth:`codes`."""
        out = np.ones((len(codes), self.n_continuous_), dtype=bool)
        for j, spec in enumerate(self.numeric_):
            s = spec.missing_segment
            if s is not None:
                out[:, j] = codes[:, s] == self.segment_offsets_[s]
        return out

    def _category_codes(self, spec, column):
        # Index lookup keeps this vectorised; NaN needs its own branch because
        # NaN != NaN in a hash lookup.
        lookup = pd.Index([lvl for lvl in spec.levels if not _isnan(lvl)])
        codes = lookup.get_indexer(column)
        position = {lvl: i for i, lvl in enumerate(spec.levels) if not _isnan(lvl)}
        # the trailing -1 maps get_indexer's "not found" (-1) to "not found"
        remap = np.array([position[lvl] for lvl in lookup] + [-1], dtype=np.int64)
        out = remap[codes]
        isna = column.isna().to_numpy()
        nan_pos = [i for i, lvl in enumerate(spec.levels) if _isnan(lvl)]
        if nan_pos:
            out[isna] = nan_pos[0]
        if _INFREQUENT in position:
            out[(out < 0) & ~isna] = position[_INFREQUENT]
        if np.any(out < 0):
            unknown = column[out < 0].iloc[0]
            raise ValueError(
                f"Column {spec.name!r} holds the value {unknown!r}, which was not seen "
                "during fit. Refit the sampler on data that contains it."
            )
        return out

    def transform(self, frame, codes=None):
        """Encode ``frame`` into a float32 matrix of shape (n, n_continuous + n_discrete).

        Columns are matched by name, so their order may differ from ``fit``.
        ``codes``, the output of :meth:`codes` for this frame, saves computing it again.
        """
        cont = self.continuous(frame)
        codes = self.codes(frame) if codes is None else codes
        out = np.zeros((len(frame), self.n_continuous_ + self.n_discrete_), dtype=np.float32)
        out[:, : self.n_continuous_] = cont
        out[np.arange(len(frame))[:, None], self.n_continuous_ + codes] = 1.0
        return out

    def continuous(self, frame):
        """The continuous block alone: normal scores, shape (n, n_continuous), float32.

        With :meth:`codes` it describes the rows completely, in far less memory
        than the one-hot matrix of :meth:`transform`.
        """
        missing = [c for c in self.columns_ if c not in frame.columns]
        if missing:
            raise ValueError(
                f"X lacks the columns {missing} that were present during fit; pass a "
                "frame with every training column."
            )
        out = np.zeros((len(frame), self.n_continuous_), dtype=np.float32)
        for j, spec in enumerate(self.numeric_):
            values = _as_numeric(frame[spec.name])
            out[:, j] = np.nan_to_num(self._to_normal(values, spec.quantiles), nan=0.0)
        return out

    @staticmethod
    def _to_normal(values, quantiles):
        refs = _quantile_levels(quantiles.size)
        # Averaging the forward and backward interpolation sends a run of tied
        # quantiles (a point mass) to the middle of its CDF interval.
        up = np.interp(values, quantiles, refs)
        down = -np.interp(-values, -quantiles[::-1], -refs[::-1])
        u = np.clip(0.5 * (up + down), ndtr(-_CLIP), ndtr(_CLIP))
        return ndtri(u)

    # ---------------------------------------------------- inverse transform
    @staticmethod
    def _numeric_values(u, spec, discrete_codes):
        """CDF levels ``u`` of one numeric column -> its decoded float values."""
        values = np.interp(u, _quantile_levels(spec.quantiles.size), spec.quantiles)
        if spec.integral:
            values = np.round(values)
        if spec.missing_segment is not None:
            values[discrete_codes[:, spec.missing_segment] == 1] = np.nan
        return values

    def snap(self, continuous, discrete_codes):
        """Normal scores of the values that ``inverse_transform`` would decode.

        Decoding rounds integer columns and collapses point masses, so a
        generated normal score is not the score of the released value; snapped
        scores are, and rows compared in the encoded space are then compared
        as they will be released (what :meth:`transform` of the decoded rows gives).
        """
        u = ndtr(np.clip(continuous.astype(np.float64), -_CLIP, _CLIP))
        out = np.empty(continuous.shape, dtype=np.float32)
        for j, spec in enumerate(self.numeric_):
            values = self._numeric_values(u[:, j], spec, discrete_codes)
            out[:, j] = np.nan_to_num(self._to_normal(values, spec.quantiles), nan=0.0)
        return out

    def inverse_transform(self, continuous, discrete_codes, rng):
        """Decode normal scores and discrete codes back into a DataFrame.

        Parameters
        ----------
        continuous : ndarray of shape (n, n_continuous)
            Normal scores.
        discrete_codes : ndarray of shape (n, n_segments)
            Position inside each segment (offset not included).
        rng : numpy.random.Generator
            Used only to spread rows over infrequent categories.
        """
        n = continuous.shape[0]
        data = {}
        u = ndtr(np.clip(continuous.astype(np.float64), -_CLIP, _CLIP))
        for j, spec in enumerate(self.numeric_):
            values = self._numeric_values(u[:, j], spec, discrete_codes)
            data[spec.name] = _restore(values, spec.dtype)
        for spec in self.categorical_:
            codes = discrete_codes[:, spec.segment]
            levels = np.empty(len(spec.levels), dtype=object)
            levels[:] = list(spec.levels)
            values = levels[codes]
            rare = codes == len(spec.levels) - 1 if spec.infrequent else np.zeros(n, bool)
            if rare.any():
                choices = np.empty(len(spec.infrequent), dtype=object)
                choices[:] = list(spec.infrequent)
                values[rare] = rng.choice(choices, size=int(rare.sum()), p=spec.infrequent_p)
            data[spec.name] = _restore(values, spec.dtype)
        # in the training column order, without a consolidating copy
        columns = {name: data[name] for name in self.columns_}
        return pd.DataFrame(columns, index=pd.RangeIndex(n), copy=False)


def released_columns(frame):
    """Number of columns whose statistics a private fit releases (public: from dtypes)."""
    return sum(not _public_domain(dtype) for dtype in frame.dtypes)


def _public_domain(dtype):
    """Whether the dtype declares every value the column can take (Categorical, bool)."""
    return isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_bool_dtype(dtype)


def _integral_dtype(dtype):
    return pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)


def _can_hold_missing(dtype):
    """Whether a column of this dtype can hold a missing value (numpy int and bool cannot)."""
    return not (isinstance(dtype, np.dtype) and dtype.kind in "iub")


def _isnan(value):
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _restore(values, dtype):
    """Cast decoded values back to the column's original dtype."""
    if getattr(dtype, "kind", None) in ("M", "m"):
        unit = pd.to_timedelta if dtype.kind == "m" else pd.to_datetime
        restored = unit(values, unit="s")
        if isinstance(dtype, pd.DatetimeTZDtype):
            restored = restored.tz_localize("UTC").tz_convert(dtype.tz)
        return pd.Series(restored).astype(dtype).array
    return pd.Series(values, copy=False).astype(dtype).array

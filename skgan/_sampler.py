"""GANSampler: an imbalanced-learn over-sampler backed by a conditional tabular GAN."""

import numbers
import time
import warnings

import numpy as np
import pandas as pd
import torch
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution, check_sampling_strategy, check_target_type
from imblearn.utils._validation import ArraysTransformer
from scipy import sparse
from sklearn.base import _fit_context
from sklearn.preprocessing import label_binarize
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Hidden, Interval, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_consistent_length, check_is_fitted

from ._dp import check_private_params
from ._fitting import _FEW_ROWS, fit, plan_fit
from ._generation import Model, generate, show
from ._memory import check_dense
from ._output import to_input_format
from ._sources import SOURCES
from ._sparse import check_sparse_input
from ._validation import (
    check_categorical_columns,
    check_numeric_columns,
    resolve_categorical,
    to_frame,
)
from .exceptions import SkganWarning


@Substitution(sampling_strategy=BaseOverSampler._sampling_strategy_docstring)
class GANSampler(BaseOverSampler):
    r"""Over-sample with a class-conditional GAN for mixed-type tables.

    One generator learns every class of the table, with the class as its
    condition (a conditional WGAN-GP with training-by-sampling, after Xu et
    al. 2019), starting at each class's Gaussian copula. Adversarial rounds
    then play it against fresh gradient-boosting discriminators, one per
    round, until they can no longer tell its rows from the class's real
    rows. Synthetic rows pass a class-neighbourhood screen, get their
    class's exact marginals and missing rates back, and are never copies of
    a training row.

    Read more in the :ref:`User Guide <user_guide>`; :ref:`choosing_parameters`
    says what each parameter earns and :ref:`how_it_works` how a fit runs.

    Parameters
    ----------
    {sampling_strategy}

    random_state : int, RandomState instance or None, default=None
        Seeds training and sampling; the global NumPy and PyTorch random
        states are neither read nor changed. An int gives the same output
        for the same input on the same device.

    categorical_features : "auto", array-like of str, int or bool, default="auto"
        The categorical columns: ``"auto"`` takes object, category, string
        and bool columns; names, indices or a boolean mask choose them (as in
        :class:`~imblearn.over_sampling.SMOTENC`). Every other column must
        be numeric.

    candidates : {{"generator", "marginals", "interpolation"}} or callable, default="generator"
        Where the candidates that the later stages judge come from: the
        trained generator, or rows that need no training (``"marginals"``:
        each column from its own random row of the class; ``"interpolation"``:
        SMOTE within the class), to see what the generator adds; or
        ``callable(model, X, y)`` returning a source of your own (see
        :ref:`candidate_sources`). Sources other than the generator hold
        training rows: refused with ``epsilon``, not :meth:`save`\ able.

    n_steps : int or "auto", default="auto"
        Generator updates. ``"auto"``: from the number of rows (200 to 500,
        :func:`~skgan._fitting.auto_budget`). ``0`` keeps the class copulas.

    early_stopping : bool or "auto", default="auto"
        Stop training when a held-out fifth of each over-sampled class (at
        most 500 rows) tells the generator's rows apart no worse than 50
        steps before, and keep the best generator, the copula start included.
        ``"auto"``: on, except with ``epsilon`` or under torchrun.

    batch_size : int or "auto", default="auto"
        Rows per training batch (a multiple of the critic's pack of 10).
        ``"auto"``: a quarter of the rows, between 100 and 500.

    generator_dim : tuple of int, default=(256, 256)
        Widths of the generator's residual layers.

    discriminator_dim : tuple of int, default=(256, 256)
        Widths of the discriminator's (the WGAN critic's) hidden layers.

    learning_rate : float, default=2e-4
        Learning rate of both Adam optimisers.

    n_neighbors : int or None, default=5
        The class-neighbourhood screen: of three candidates per row, keep
        those whose ``n_neighbors`` nearest training rows are most of their
        class. None turns it off. Named as in
        :class:`~imblearn.under_sampling.EditedNearestNeighbours`.

    k_neighbors : int or None, default="deprecated"
        Deprecated alias of ``n_neighbors``.

        .. deprecated:: 0.4
           Renamed ``n_neighbors``; removed in 0.6.

    reject_copies : bool, "auto" or "near", default="auto"
        Discard synthetic rows equal to a training row and draw others.
        ``"near"`` also discards rows closer to a training row than 95% of
        real rows are to their nearest other row. ``"auto"``: on, except with
        ``epsilon`` (the screen reads the training rows).

    n_rounds : int or "auto", default="auto"
        Adversarial rounds. Each fits a fresh gradient-boosting discriminator
        per over-sampled class on the class's real rows against the current
        generator's, and reweights the generator by its odds of a row being
        real; generation keeps one of ``4 ** n_rounds`` candidates (at most
        64) per row in proportion to the rounds' composed odds. ``"auto"``:
        up to 3 rounds, stopping when the next round's cross-fitted AUC
        (``detection_scores_``) did not fall, or is within noise of 0.5, or
        the pool would exceed 2**23 candidates for the class's request (a
        million new rows get none); none with ``epsilon``.

    epsilon : float or None, default=None
        Differential privacy budget: the synthetic rows are ``(epsilon,
        delta)``-DP with respect to the training rows (noisy encoder
        statistics and DP-SGD; needs the ``dp`` extra). See :ref:`privacy`.

    device : str or torch.device, default="auto"
        ``"auto"``: CUDA when available, else the CPU.

    verbose : int, default=0
        Show a progress bar during training when positive.

    Attributes
    ----------
    sampling_strategy_ : dict
        Number of synthetic rows to generate for each class.

    classes_ : ndarray of shape (n_classes,)
        Class labels seen during fit.

    transformer_ : TableTransformer
        The fitted mixed-type encoder.

    conditions_ : ConditionSampler
        The level counts of every class, which condition generated rows.

    marginals_ : ClassMarginals or None
        Every numeric column's quantiles within every class (None with ``epsilon``).

    generator_ : torch.nn.Module
        The trained generator (on the CPU between calls).

    discriminator_ : torch.nn.Module
        The trained WGAN critic.

    history_ : list of dict
        Per training step: losses, Wasserstein estimate, gradient penalty.

    n_steps_, batch_size_ : int
        Generator updates run and rows per batch used.

    do_early_stopping_ : bool
        Whether early stopping was on.

    stopping_scores_ : list of float
        Early stopping's held-out detection AUC at the start and every 50
        steps (lower is better).

    rounds_ : AdversarialRounds or None
        The rounds' discriminators per class; None when none were played.

    detection_scores_ : dict
        Per over-sampled class, the cross-fitted detection AUC before the
        rounds and after each round scored (lower is better; 0.5: cannot
        tell). With ``"auto"``, a last round that did not lower it is dropped.

    diversity_ : dict
        Per class, the spread of generated rows over the real rows' (1.0: as
        diverse); below 0.25 a :class:`~skgan.exceptions.ModeCollapseWarning`.

    candidates_ : object or None
        The fitted candidate source unless ``candidates="generator"``.

    screens_ : list
        The fitted stages in the order they run on candidates: the
        neighbourhood screen, the rounds, the marginal hold, the copy and
        distance screens. They hold training rows; a :meth:`save`\ d file
        keeps none of them.

    device_ : torch.device
        Device the networks were trained on.

    timings_ : dict
        Seconds per stage of the last fit: ``"encode"``, ``"train"``,
        ``"check"`` (diversity check, screens, rounds), ``"generate"``.

    epsilon_, delta_, noise_multiplier_ : float or None
        The privacy guarantee spent and DP-SGD's noise; None without ``epsilon``.

    categorical_features_ : ndarray of shape (n_categorical,)
        Indices of the categorical columns.

    n_features_in_ : int
        Number of features in the input.

    sparse_codec_ : object
        Only after a fit on a SciPy sparse matrix: the low-rank projection the
        GAN learned the matrix in, and how synthetic rows are decoded back to
        sparse rows (see :ref:`sparse_input`).

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during fit, when ``X`` has string column names.

    See Also
    --------
    imblearn.over_sampling.SMOTENC : Over-sample mixed data by interpolation.

    Notes
    -----
    Unlike imbalanced-learn's samplers, :meth:`fit` trains, so that
    :meth:`sample` can draw records of a class afterwards. Under ``torchrun``
    every process trains on its own batches and gradients are averaged.

    References
    ----------
    .. [1] L. Xu et al. "Modeling Tabular Data using Conditional GAN". NeurIPS 2019.
    .. [2] A. Grover, S. Ermon. "Boosted Generative Models". AAAI 2018.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from skgan import GANSampler
    >>> X, y = make_classification(n_samples=300, weights=[0.9], random_state=0)
    >>> sampler = GANSampler(n_steps=20, random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 269), (1, 269)]
    """

    _parameter_constraints: dict = {
        **BaseOverSampler._parameter_constraints,
        "categorical_features": [StrOptions({"auto"}), "array-like", None],
        "n_steps": [Interval(numbers.Integral, 0, None, closed="left"), StrOptions({"auto"})],
        "early_stopping": ["boolean", StrOptions({"auto"})],
        "batch_size": [Interval(numbers.Integral, 1, None, closed="left"), StrOptions({"auto"})],
        "generator_dim": [tuple, list],
        "discriminator_dim": [tuple, list],
        "learning_rate": [Interval(numbers.Real, 0, None, closed="neither")],
        "n_neighbors": [Interval(numbers.Integral, 1, None, closed="left"), None],
        "k_neighbors": [
            Interval(numbers.Integral, 1, None, closed="left"),
            None,
            Hidden(StrOptions({"deprecated"})),
        ],
        "reject_copies": ["boolean", StrOptions({"auto", "near"})],
        "n_rounds": [Interval(numbers.Integral, 0, None, closed="left"), StrOptions({"auto"})],
        "epsilon": [Interval(numbers.Real, 0, None, closed="neither"), None],
        "candidates": [StrOptions({"generator", *SOURCES}), callable],
        "device": [str, torch.device],
        "verbose": ["verbose"],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        categorical_features="auto",
        candidates="generator",
        n_steps="auto",
        early_stopping="auto",
        batch_size="auto",
        generator_dim=(256, 256),
        discriminator_dim=(256, 256),
        learning_rate=2e-4,
        n_neighbors=5,
        k_neighbors="deprecated",
        reject_copies="auto",
        n_rounds="auto",
        epsilon=None,
        device="auto",
        verbose=0,
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.random_state = random_state
        self.categorical_features = categorical_features
        self.candidates = candidates
        self.n_steps = n_steps
        self.early_stopping = early_stopping
        self.batch_size = batch_size
        self.generator_dim = generator_dim
        self.discriminator_dim = discriminator_dim
        self.learning_rate = learning_rate
        self.n_neighbors = n_neighbors
        self.k_neighbors = k_neighbors
        self.reject_copies = reject_copies
        self.n_rounds = n_rounds
        self.epsilon = epsilon
        self.device = device
        self.verbose = verbose

    # ------------------------------------------------------------ public API
    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        """Train the GAN on ``(X, y)`` and compute ``sampling_strategy_``.

        Parameters
        ----------
        X : {array-like, dataframe, sparse matrix} of shape (n_samples, n_features)
            Training data; columns may be numeric, categorical and contain NaN.

        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        self : GANSampler
            The fitted sampler.

        Examples
        --------
        >>> from sklearn.datasets import make_classification
        >>> from skgan import GANSampler
        >>> X, y = make_classification(n_samples=200, weights=[0.8], random_state=0)
        >>> sampler = GANSampler(n_steps=5, random_state=0).fit(X, y)
        >>> {int(k): int(v) for k, v in sampler.sampling_strategy_.items()}
        {1: 120}
        """
        frame, y, _, inputs = self._check_inputs(X, y)
        self._set_fitted(self._fit_generator(frame, y, inputs))
        return self

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_resample(self, X, y):
        """Train the GAN and return the data with synthetic rows appended.

        Parameters
        ----------
        X : {array-like, dataframe, sparse matrix} of shape (n_samples, n_features)
            Training data; columns may be numeric, categorical and contain NaN.

        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        X_resampled : {ndarray, dataframe, sparse matrix, list} of shape \
                (n_samples_new, n_features)
            The original rows, unchanged and in order, then the synthetic rows.
            Same container and dtypes as ``X``.

        y_resampled : {ndarray, series, list} of shape (n_samples_new,)
            The labels of ``X_resampled``, same container and dtype as ``y``.

        Examples
        --------
        >>> from skgan import GANSampler
        >>> from skgan.datasets import load_facebook_metrics
        >>> X, y = load_facebook_metrics(return_X_y=True)
        >>> X_res, y_res = GANSampler(n_steps=5, random_state=0).fit_resample(X, y)
        >>> X_res.shape, int(y_res.sum()), bool((X_res.dtypes == X.dtypes).all())
        ((720, 18), 360, True)
        """
        # A dense DataFrame output is built with X's columns and dtypes already:
        # only y goes through imblearn's conversion (converting X would copy it).
        built = isinstance(X, pd.DataFrame) and not any(
            isinstance(dtype, pd.SparseDtype) for dtype in X.dtypes
        )
        arrays = ArraysTransformer(np.empty(0) if built else X, y)
        frame, y_checked, binarized, inputs = self._check_inputs(X, y)
        fitted = self._fit_generator(frame, y_checked, inputs)
        X_new, y_new = self._fit_resample(frame, y_checked, fitted, like=X)
        # assigned last: a fit_resample that raised, even while generating, changed nothing
        self._set_fitted(fitted)
        if binarized:
            y_new = label_binarize(y_new, classes=self.classes_)
        return arrays.transform(X_new, y_new)

    def _fit_resample(self, X, y, fitted, like=None):
        """All rows of a validated frame (in ``like``'s container) and their labels,
        with the synthetic rows of the fit ``fitted`` appended."""
        clock = time.perf_counter()
        todo = [(label, n) for label, n in fitted["sampling_strategy_"].items() if n > 0]
        # generated lazily: each chunk goes into the output as soon as it exists
        chunks = (chunk for label, n in todo for chunk in _generate(fitted, n, label))
        X_new = to_input_format(X if like is None else like, X, chunks, sum(n for _, n in todo))
        y_new = np.concatenate([y] + [np.full(n, label, dtype=y.dtype) for label, n in todo])
        fitted["timings_"]["generate"] = time.perf_counter() - clock
        return X_new, y_new

    @property
    def validation_scores_(self):
        """Deprecated: renamed ``stopping_scores_`` in 0.5 (lower is better, unlike
        scikit-learn's validation scores); removed in 0.7."""
        warnings.warn(
            "validation_scores_ was renamed stopping_scores_ in 0.5 and will be removed in "
            "0.7: lower is better, unlike scikit-learn's validation scores.",
            FutureWarning,
            stacklevel=2,
        )
        return self.stopping_scores_

    def sample(self, n_samples, y, random_state=None):
        """Draw synthetic records of one class from the trained generator.

        Parameters
        ----------
        n_samples : int
            Number of records to draw.

        y : object
            The class label, one of ``classes_``.

        random_state : int, RandomState instance or None, default=None
            Seeds the draw. None uses the fit's own seed, so every call returns
            the same rows (as ``fit_resample`` did); pass different seeds for
            different rows.

        Returns
        -------
        X_synthetic : DataFrame or ndarray of shape (n_samples, n_features)
            A DataFrame when the sampler was fitted on one, else an ndarray.

        Examples
        --------
        >>> from skgan import GANSampler
        >>> from skgan.datasets import load_facebook_metrics
        >>> X, y = load_facebook_metrics(return_X_y=True)
        >>> sampler = GANSampler(n_steps=5, random_state=0).fit(X, y)
        >>> sampler.sample(3, y=1).shape
        (3, 18)
        """
        check_is_fitted(self, "generator_")
        if not isinstance(n_samples, numbers.Integral) or n_samples < 0:
            raise ValueError(f"n_samples must be a non-negative integer, got {n_samples!r}.")
        if y not in set(self.classes_.tolist()):
            raise ValueError(
                f"y={show(y)} is not a class seen during fit; expected one of "
                f"{self.classes_.tolist()}."
            )
        seed = self._numpy_seed
        if random_state is not None:
            seed = int(check_random_state(random_state).randint(np.iinfo(np.int32).max))
        chunks = list(_generate(vars(self), int(n_samples), y, seed))
        if getattr(self, "sparse_codec_", None) is not None:
            return self.sparse_codec_.stack(chunks)
        chunks = chunks or [self._model().empty()]
        frame = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
        if hasattr(self, "feature_names_in_"):
            return frame
        return frame.to_numpy()

    def save(self, path):
        """Write the fitted generator and its encoder to ``path``.

        The file holds tensors and plain values only (no pickle), so
        :meth:`load` cannot run code from it. It contains no training row: the
        discriminator and the screens (``screens_``) are left out, so a loaded
        sampler can :meth:`sample` but no longer screens its rows. What it holds:
        the generator's weights, the parameters, the fitted attributes, the
        per-class level counts of the categorical columns and, per numeric
        column, its quantile grid over all rows and one within each class
        (at most 1000 values each; every class's grid has the size of the
        largest class's, so a small class's values are its knots), and each
        class's correlations of its numeric columns.

        Parameters
        ----------
        path : str or path-like
            Destination file (conventionally ``*.pt``).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from sklearn.datasets import make_classification
        >>> from skgan import GANSampler
        >>> X, y = make_classification(n_samples=200, weights=[0.8], random_state=0)
        >>> sampler = GANSampler(n_steps=5, random_state=0).fit(X, y)
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "gan.pt"
        >>> sampler.save(path)
        >>> GANSampler.load(path).sample(2, y=1).shape
        (2, 20)
        """
        check_is_fitted(self, "generator_")
        if getattr(self, "candidates_", None) is not None:
            raise ValueError(
                f"Cannot save a sampler fitted with candidates={self.candidates!r}: its "
                "candidates are drawn from the training rows, which a saved file never "
                'holds. Only candidates="generator" can be saved.'
            )
        if getattr(self, "sparse_codec_", None) is not None:
            raise ValueError(
                "Cannot save a sampler fitted on a sparse matrix: the file format holds no "
                "low-rank projection. Pickle it instead (e.g. joblib.dump)."
            )
        from ._persistence import save

        save(self, path)

    @classmethod
    def load(cls, path):
        """Load a sampler written by :meth:`save`.

        Parameters
        ----------
        path : str or path-like
            A file written by :meth:`save`.

        Returns
        -------
        sampler : GANSampler
            A fitted sampler that can :meth:`sample` (it cannot be refitted
            from the file: call ``fit`` on data for that).

        Raises
        ------
        ValueError
            If the file was not written by :meth:`save`, holds anything but
            plain data, or was written in an incompatible format version.
        """
        from ._persistence import load

        return load(cls, path)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.string = True
        tags.non_deterministic = self.random_state is None
        return tags

    # ------------------------------------------------------------ internals
    def _check_inputs(self, X, y):
        """Validated ``(frame, y, binarized, inputs)``; ``inputs`` holds the fitted
        attributes that the input alone decides (nothing is set on ``self``)."""
        check_classification_targets(y)
        y, binarized = check_target_type(y, indicate_one_vs_all=True)
        frame = None if sparse.issparse(X) else to_frame(X)
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y.ravel()
        check_consistent_length(X if frame is None else frame, y)
        if pd.isna(pd.Series(y)).any():
            raise ValueError("Input y contains NaN. Drop the rows whose label is missing.")
        codec = None
        if frame is None:  # learned in a low-rank space, never densified: skgan._sparse
            frame, codec = check_sparse_input(X, y, self)
        else:
            check_dense(frame, len(np.unique(y)))
        categorical = resolve_categorical(frame, self.categorical_features)
        check_numeric_columns(frame, categorical)
        check_categorical_columns(frame, categorical)
        inputs = {
            "n_features_in_": X.shape[1] if codec else frame.shape[1],
            "categorical_features_": np.array(
                [frame.columns.get_loc(c) for c in categorical], dtype=np.int64
            ),
            "sampling_strategy_": check_sampling_strategy(
                self.sampling_strategy, y, self._sampling_type
            ),
        }
        if isinstance(X, pd.DataFrame) and all(isinstance(c, str) for c in X.columns):
            inputs["feature_names_in_"] = np.asarray(X.columns, dtype=object)
        if codec is not None:
            inputs["sparse_codec_"] = codec
        if self.epsilon is not None:
            check_private_params(self.get_params())
        _warn_few_rows(inputs["sampling_strategy_"], pd.Series(y).value_counts())
        return frame, y, binarized, inputs

    def _set_fitted(self, fitted):
        """Replace every fitted attribute at once: a fit that raised changed nothing."""
        for name in [k for k in vars(self) if k.endswith("_") and not k.startswith("_")]:
            if name not in fitted:
                delattr(self, name)
        for name, value in fitted.items():
            setattr(self, name, value)

    def _fit_generator(self, frame, y, inputs):
        """Plan and run one fit; every fitted attribute as a dict, nothing set on ``self``."""
        categorical = [frame.columns[i] for i in inputs["categorical_features_"]]
        params = {**self.get_params(), "n_neighbors": _n_neighbors(self)}
        counts = np.unique(y, return_counts=True)[1]
        plan = plan_fit(params, frame, counts, categorical)
        return {**inputs, **vars(fit(plan, frame, y, inputs["sampling_strategy_"]))}

    def _model(self):
        return _model(vars(self))


def _model(fitted):
    """The candidate source of a fit (a fitted sampler's ``vars``, or a fit in progress)."""
    return Model(
        fitted["generator_"], fitted["transformer_"], fitted["conditions_"], fitted["marginals_"]
    )


def _generate(fitted, n_samples, label, seed=None):
    class_idx = int(np.searchsorted(fitted["classes_"], label))
    source = fitted.get("candidates_") or _model(fitted)
    seed = fitted["_numpy_seed"] if seed is None else seed
    chunks = generate(source, fitted["screens_"], n_samples, class_idx, label, seed)
    codec = fitted.get("sparse_codec_")
    if codec is None:
        return chunks
    # latent rows of a sparse fit, decoded to sparse rows chunk by chunk
    rng = np.random.default_rng([seed, class_idx])
    return codec.decode_chunks(chunks, class_idx, rng)


def _n_neighbors(sampler, stacklevel=6):
    """``n_neighbors``, or the deprecated ``k_neighbors`` when it is set (with a warning)."""
    if isinstance(sampler.k_neighbors, str) and sampler.k_neighbors == "deprecated":
        return sampler.n_neighbors
    warnings.warn(
        "k_neighbors was renamed n_neighbors in 0.4 and will be removed in 0.6. "
        f"Use n_neighbors={sampler.k_neighbors!r}.",
        FutureWarning,
        stacklevel=stacklevel,
    )
    return sampler.k_neighbors


def _warn_few_rows(strategy, counts):
    for label, n in strategy.items():
        if n > 0 and counts[label] < _FEW_ROWS:
            rows = "row" if counts[label] == 1 else "rows"
            warnings.warn(
                f"Class {show(label)} has only {counts[label]} {rows}: the generator cannot "
                "learn its distribution, and its synthetic rows will stay close to "
                "those few records. Consider collecting more data or merging classes.",
                SkganWarning,
                stacklevel=4,
            )

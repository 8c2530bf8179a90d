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
from sklearn.base import _fit_context
from sklearn.preprocessing import label_binarize
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Hidden, Interval, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_consistent_length, check_is_fitted
from tqdm.auto import tqdm

from ._dp import private_fit
from ._fitting import (
    _COLLAPSE_RATIO,
    _FEW_ROWS,
    FitPlan,
    auto_budget,
    build_training,
    check_diversity,
    encode_training,
    fit_marginal_hold,
    fit_rounds,
    fit_screens,
    make_stopping,
    resolve_device,
    stopping_slice,
)
from ._generation import Model, generate, show
from ._sources import SOURCES
from ._training import broadcast_parameters, distributed, train
from ._validation import (
    check_categorical_columns,
    check_numeric_columns,
    resolve_categorical,
    to_frame,
)
from .exceptions import ModeCollapseWarning, PrivacyWarning, SkganWarning


@Substitution(sampling_strategy=BaseOverSampler._sampling_strategy_docstring)
class GANSampler(BaseOverSampler):
    r"""Over-sample with a class-conditional GAN for mixed-type tables.

    One generator learns every class of the table, with the class as its
    condition (a conditional WGAN-GP with a PacGAN discriminator and
    training-by-sampling, after Xu et al. 2019). Synthetic rows of class ``k``
    are drawn by asking the generator for ``k``: conditioning is exact, no
    rejection sampling. Numeric columns are encoded through their empirical
    CDF, categorical ones as one-hot groups; missing values are learned as a
    pattern per class.

    Read more in the :ref:`User Guide <user_guide>`.

    Parameters
    ----------
    {sampling_strategy}

    random_state : int, RandomState instance or None, default=None
        Seeds network initialisation, training and sampling. The global NumPy
        and PyTorch random states are neither read nor changed. With an int,
        the same input gives the same output on the same device.

    categorical_features : "auto", array-like of str, int or bool, default="auto"
        The categorical columns. ``"auto"`` takes the columns of object,
        category, string and bool dtype. Names, indices or a boolean mask
        select them explicitly (as in :class:`~imblearn.over_sampling.SMOTENC`).
        Every other column must be numeric.

    candidates : {{"generator", "marginals", "interpolation"}} or callable, default="generator"
        Where the candidates that the screens and the adversarial rounds
        judge come from. ``"generator"`` is the trained generator. The others
        need no training (``n_steps`` is then not used) and put candidates
        drawn from the training rows of the class through the same stages,
        so that a table shows what the generator adds:

        * ``"marginals"``: every column (and its missingness) of a candidate
          from its own random training row of the class;
        * ``"interpolation"``: SMOTE within the class in the encoder's space,
          a point between a row and one of its 5 nearest rows of the class,
          each categorical column taken from one end or the other.

        A callable ``candidates(model, X, y)`` makes your own: it receives the
        fitted encoder and generator (``model.transformer``,
        ``model.encode``, ``model.decode``), the validated training frame and
        the class index of each row, and returns an object with
        ``encoded_rows(n, class_idx, rng)`` (``n`` rows of one class in the
        encoder's space, ``rng`` a ``torch.Generator``), ``decode(encoded,
        rng)`` and ``empty()``; see :ref:`candidate_sources`. Sources other
        than the generator hold training rows: they are refused with
        ``epsilon`` and cannot be :meth:`save`\ d.

    n_steps : int or "auto", default="auto"
        Number of generator updates. ``"auto"`` chooses it from the number of
        rows (see :func:`auto_budget`); the training budget is counted in
        steps, not epochs, because a small minority needs about as many
        updates as a large one. ``0`` skips adversarial training: every
        column of a class is then drawn from that class's own marginal
        distribution, the numeric ones with the class's (shrunk) rank
        correlations and the categorical ones independently (a Gaussian
        copula per class, where the generator starts; see
        :ref:`how_it_works`), a baseline that shows what training adds.
        With ``epsilon`` there is no such start: ``0`` is an untrained
        generator.

    early_stopping : bool or "auto", default="auto"
        Train only while it makes the rows harder to tell from real ones, and
        keep the generator of the best check, the untrained start (the class
        copulas) included. A fifth of each over-sampled class (at most 500
        rows; classes of 100 rows or more) is held out of the adversarial
        batches; at the start and every 50 steps, 1000 generated rows per
        class are told apart from it by a small cross-fitted gradient-boosting
        classifier, and its ROC AUC is the score (``validation_scores_``,
        lower is better). Training stops at the first check without a fall
        of 0.01 (a fixed patience: before 0.4, ``n_iter_no_change``), so
        ``n_steps`` is the most it runs: a table on which training earns
        nothing costs a few checks. ``"auto"`` stops early unless ``epsilon``
        is set (the score reads the training rows) or under torchrun. A class
        of fewer than 100 rows lends no slice and is scored against its own
        training rows instead. See the user guide's *How it works* for what
        the checks measured on real tables.

    batch_size : int or "auto", default="auto"
        Rows per training batch (rounded down to a multiple of the
        discriminator's pack of 10 rows, PacGAN). Batches are drawn with
        replacement, so it may exceed the data size. ``"auto"`` grows it with
        the table (see :func:`auto_budget`).

    generator_dim : tuple of int, default=(256, 256)
        Widths of the generator's residual layers.

    discriminator_dim : tuple of int, default=(256, 256)
        Widths of the discriminator's hidden layers.

    learning_rate : float, default=2e-4
        Learning rate of both Adam optimisers (generator and discriminator).

    n_neighbors : int or None, default=5
        The class-neighbourhood screen: for every requested row the sampler
        draws three candidates and keeps those whose ``n_neighbors`` nearest
        training rows (in the encoded space) are most of their own class,
        rejecting candidates with none of their class among them. Rows
        inside another class's region are what cost classifiers precision.
        Training rows that have no neighbour of their own class (isolated,
        often mislabelled) cast no vote. The screen keeps a sample of at most
        2000 encoded training rows per class in the fitted sampler (not in a
        :meth:`save`\ d file). None turns the screen off. See the
        :doc:`quality benchmark </benchmarks/quality>` for its effect. Named
        as in :class:`~imblearn.under_sampling.EditedNearestNeighbours`.

    k_neighbors : int or None, default="deprecated"
        Deprecated alias of ``n_neighbors`` (SMOTE's ``k_neighbors`` means
        interpolation partners, not this screen). When set, its value is used
        and ``fit`` emits a :class:`FutureWarning`.

        .. deprecated:: 0.4
           ``k_neighbors`` was renamed ``n_neighbors`` in 0.4 and will be
           removed in 0.6.

    reject_copies : bool, "auto" or "near", default="auto"
        Discard synthetic rows that are exact copies of a training row and
        draw replacements, so that no real record is handed out as synthetic.
        ``"auto"`` screens unless ``epsilon`` is set: the screen compares the
        output with the training rows, a step outside the differential
        privacy guarantee. ``"near"`` also discards synthetic rows that lie
        closer to a training row than real rows lie to each other: the
        threshold is the 5th percentile of the encoded distances of real rows
        to their nearest other real row. The fitted sampler then keeps every
        encoded training row in memory (and in a pickle; :meth:`save` leaves
        them out); ``"near"`` cannot be combined with ``epsilon``.

    n_rounds : int or "auto", default="auto"
        Adversarial rounds. A round fits a fresh gradient-boosting
        discriminator per over-sampled class to tell the class's real rows
        from rows of the current generator, and reweights the generator by
        the discriminator's odds of a row being real (an estimate of the
        density ratio real / generated); the next round plays against the
        reweighted generator. Generation draws ``4 ** n_rounds`` candidates
        (at most 64) per row and keeps one in proportion to the product of
        the rounds' odds, so the discriminators judge fresh candidates only.
        Each round's discriminator also scores the round before: its
        cross-fitted ROC AUC (``detection_scores_``) says how well a fresh
        discriminator tells the current generator from the class's real
        rows. ``"auto"`` plays up to 3 rounds, stops once that AUC is within
        noise of 0.5 (the discriminator can no longer tell) and drops a round
        that did not lower it. ``0`` plays none. With
        ``epsilon``, ``"auto"`` plays none: the discriminators learn from the
        training rows, outside the differential privacy analysis.

    epsilon : float or None, default=None
        Differential privacy budget. When set, the synthetic rows are
        ``(epsilon, delta)``-differentially private with respect to the
        training rows, with ``delta = min(1e-5, 1 / (10 * n_samples))``
        (below one over the number of rows, as is customary; it is reported
        as ``delta_``): a fifth of the budget buys noisy column statistics
        for the encoder, the rest trains the discriminator with DP-SGD (Poisson
        batches of ``batch_size`` rows on average, per-row gradients clipped
        to an L2 norm of 1.0, Gaussian noise of ``noise_multiplier_`` times
        that bound), both composed by opacus' RDP accountant, which must be
        installed: ``pip install 'skgan[dp]'``. The clipping bound is fixed
        because the noise scales with it: changing it would only rescale the
        learning rate. Class counts count as public. The discriminator then
        sees single rows with a logistic loss (no PacGAN packs), conditions on
        the class only, and ``diversity_`` is not computed. Smaller is more
        private and costs more quality; see the privacy guide.

    device : str or torch.device, default="auto"
        ``"auto"`` trains on CUDA when available, else on the CPU.

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

    generator_ : torch.nn.Module
        The trained generator (kept on the CPU between calls).

    discriminator_ : torch.nn.Module
        The trained discriminator.

    history_ : list of dict
        Per training step: generator and discriminator losses, the Wasserstein
        estimate, the gradient penalty and the condition loss.

    n_steps_ : int
        Number of generator updates actually run.

    validation_scores_ : list of float
        With early stopping, the held-out detection AUC at the start and at
        every check (every 50 steps); the generator kept is the one of the
        lowest score. Empty without early stopping.

    diversity_ : dict
        Per class (with at least 5 rows), the spread of 1000 generated rows
        relative to the real rows of that class (summed per-column standard
        deviation in the encoded space; 1.0 = as diverse as the data). Below
        0.25 a :class:`~skgan.exceptions.ModeCollapseWarning` is raised.

    device_ : torch.device
        Device the networks were trained on.

    candidates_ : object or None
        The fitted candidate source when ``candidates`` is not
        ``"generator"`` (it holds training rows of the over-sampled classes),
        else None.

    screens_ : list
        The fitted stages, in the order they run on generated candidates:
        the class-neighbourhood screen, the adversarial rounds, the marginal
        hold (every class's numeric marginals and missing rates restored
        rank by rank), then the exact-copy and distance screens (see
        ``n_neighbors``, ``n_rounds`` and ``reject_copies``). The training
        rows a fitted sampler keeps are the ones its screens keep; a
        :meth:`save`\ d file keeps none, and a loaded sampler has no screens.

    rounds_ : object or None
        The fitted adversarial rounds (their discriminators per class), or
        None when none were played.

    detection_scores_ : dict
        Per over-sampled class with at least 20 rows, the cross-fitted ROC
        AUC of every round's discriminator against the class's real rows:
        the first scores the candidates before any round, each next one the
        generator after one more round (lower is better; 0.5: cannot tell).
        With ``n_rounds="auto"`` the last round scored is dropped when it did
        not lower the score.

    batch_size_ : int
        Rows per training batch actually used.

    timings_ : dict
        Seconds spent by the last fit in each stage: ``"encode"`` (validation,
        encoder, networks), ``"train"``, ``"check"`` (diversity check, screens)
        and, after :meth:`fit_resample`, ``"generate"`` (drawing, screening and
        decoding the synthetic rows).

    epsilon_ : float or None
        Privacy budget spent (encoder statistics plus DP-SGD, from the RDP
        accountant); at most ``epsilon``. None without differential privacy.

    delta_ : float or None
        The delta of the guarantee. None without differential privacy.

    noise_multiplier_ : float or None
        Standard deviation of the DP-SGD noise relative to the clipping bound (1.0).

    categorical_features_ : ndarray of shape (n_categorical,)
        Indices of the categorical columns.

    n_features_in_ : int
        Number of features in the input.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during fit, when ``X`` has string column names.

    See Also
    --------
    imblearn.over_sampling.SMOTENC : Over-sample mixed data by interpolation.

    Notes
    -----
    The constructor has 16 parameters besides the deprecated ``k_neighbors``;
    the user guide's *Parameters* page says what each one earns, and which
    were removed in 0.4 (their values are now fixed or derived).

    Unlike imbalanced-learn's samplers, :meth:`fit` trains the GAN, so that
    :meth:`sample` can draw records of a class afterwards.

    Started by ``torchrun`` with a ``torch.distributed`` process group
    initialised, every process trains on its own batches of the same data
    and gradients are averaged across processes after each step (data
    parallelism, as with DistributedDataParallel): the effective batch is
    ``batch_size`` times the number of processes, and every process ends with
    the same weights and returns the same rows.

    References
    ----------
    .. [1] L. Xu, M. Skoularidou, A. Cuesta-Infante, K. Veeramachaneni.
       "Modeling Tabular Data using Conditional GAN". NeurIPS 2019.
    .. [2] I. Gulrajani et al. "Improved Training of Wasserstein GANs". NeurIPS 2017.

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
        X_new = self._to_input_format(
            X if like is None else like, X, chunks, sum(n for _, n in todo)
        )
        y_new = np.concatenate([y] + [np.full(n, label, dtype=y.dtype) for label, n in todo])
        fitted["timings_"]["generate"] = time.perf_counter() - clock
        return X_new, y_new

    def sample(self, n_samples, y):
        """Draw synthetic records of one class from the trained generator.

        Parameters
        ----------
        n_samples : int
            Number of records to draw.

        y : object
            The class label, one of ``classes_``.

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
        chunks = list(_generate(vars(self), int(n_samples), y)) or [self._model().empty()]
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
        frame = to_frame(X)
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y.ravel()
        check_consistent_length(frame, y)
        if pd.isna(pd.Series(y)).any():
            raise ValueError("Input y contains NaN. Drop the rows whose label is missing.")
        categorical = resolve_categorical(frame, self.categorical_features)
        check_numeric_columns(frame, categorical)
        check_categorical_columns(frame, categorical)
        inputs = {
            "n_features_in_": frame.shape[1],
            "categorical_features_": np.array(
                [frame.columns.get_loc(c) for c in categorical], dtype=np.int64
            ),
            "sampling_strategy_": check_sampling_strategy(
                self.sampling_strategy, y, self._sampling_type
            ),
        }
        if isinstance(X, pd.DataFrame) and all(isinstance(c, str) for c in X.columns):
            inputs["feature_names_in_"] = np.asarray(X.columns, dtype=object)
        if self.epsilon is not None:
            self._check_private()
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
        """Encode, build, train and check; returns every fitted attribute as a dict.

        Nothing is set on ``self`` here: the caller assigns the dict once the
        whole fit succeeded (see :meth:`_set_fitted`).
        """
        clock = time.perf_counter()
        classes, y_idx = np.unique(y, return_inverse=True)
        plan = self._plan(frame, np.bincount(y_idx), inputs)
        strategy = inputs["sampling_strategy_"]
        watched = [int(np.searchsorted(classes, k)) for k, n in strategy.items() if n > 0]
        held = stopping_slice(plan, y_idx, watched)
        parts = encode_training(plan, frame, y_idx, len(classes), held)
        run = build_training(plan, parts, y_idx)
        timings = {"encode": time.perf_counter() - clock}
        clock = time.perf_counter()
        stop = make_stopping(plan, parts, run, y_idx, held, watched)
        progress = tqdm(total=plan.n_steps, desc="GANSampler", disable=not self.verbose)
        try:
            history = train(run, parts.data, plan.n_steps, progress, stop=stop)
            if stop:
                stop.restore()
            generator = run.generator
            broadcast_parameters(generator)  # BatchNorm statistics differ per process
        finally:
            progress.close()
        # Networks rest on the CPU so that a pickle loads on any machine.
        generator.cpu().eval()
        run.discriminator.cpu().eval()
        parts.conditions.forget_rows()
        conditions = parts.sampling.forget_rows().to("cpu")
        private, discriminator = run.private, run.discriminator
        del run, parts.data  # the training block: the screens read the encoder's space
        timings["train"] = time.perf_counter() - clock
        clock = time.perf_counter()
        model = Model(generator, parts.transformer, conditions, parts.marginals)
        encoded = parts.encoded_rows()
        diversity = {}
        if private is None:  # the spread of real rows is not private: no check under DP
            diversity, collapsed = check_diversity(model, encoded, y_idx, classes, plan.numpy_seed)
            _warn_collapse(collapsed)
        fitted = {
            **inputs,
            "classes_": classes,
            "device_": plan.device,
            "n_steps_": len(history),
            "batch_size_": plan.batch_size,
            "history_": history,
            "validation_scores_": stop.scores if stop else [],
            "transformer_": parts.transformer,
            "conditions_": conditions,
            "marginals_": parts.marginals,
            "generator_": generator,
            "discriminator_": discriminator,
            "epsilon_": private.spent() if private else None,
            "delta_": plan.privacy.delta if private else None,
            "noise_multiplier_": float(private.noise_multiplier) if private else None,
            "diversity_": diversity,
            "_torch_seed": plan.torch_seed,
            "_numpy_seed": plan.numpy_seed,
        }
        choosing, privacy = fit_screens(plan, frame, encoded, y_idx)
        fitted["candidates_"] = None
        if self.candidates != "generator":
            make = SOURCES.get(self.candidates, self.candidates)
            fitted["candidates_"] = model = make(model, frame, y_idx)
        hold = fit_marginal_hold(plan, parts, frame, y_idx)
        rounds = fit_rounds(plan, model, choosing, encoded, y_idx, watched)
        fitted["rounds_"] = rounds
        fitted["detection_scores_"] = {
            classes[k]: v for k, v in (rounds.scores_ if rounds else {}).items()
        }
        fitted["screens_"] = [s for s in (*choosing, rounds, hold, *privacy) if s is not None]
        timings["check"] = time.perf_counter() - clock
        fitted["timings_"] = timings
        return fitted

    def _plan(self, frame, class_counts, inputs):
        """The frozen plan of one fit: seeds, device, budget, privacy."""
        seeds = check_random_state(self.random_state).randint(np.iinfo(np.int32).max, size=2)
        auto_steps, auto_batch = auto_budget(len(frame))
        n_steps = auto_steps if self.n_steps == "auto" else self.n_steps
        if self.candidates != "generator":
            n_steps = 0  # other candidates need no generator: nothing to train
        batch_size = auto_batch if self.batch_size == "auto" else self.batch_size
        privacy = None
        if self.epsilon is not None:
            privacy = private_fit(
                self.epsilon,
                None,  # delta: min(1e-5, 1 / (10 * n_rows))
                frame,
                class_counts,
                batch_size,
                n_steps,  # one discriminator update per generator update
            )
        return FitPlan(
            torch_seed=int(seeds[0]),
            numpy_seed=int(seeds[1]),
            device=resolve_device(self.device),
            n_steps=n_steps,
            batch_size=batch_size,
            privacy=privacy,
            categorical=[frame.columns[i] for i in inputs["categorical_features_"]],
            params={**self.get_params(), "n_neighbors": _n_neighbors(self)},
        )

    def _model(self):
        return _model(vars(self))

    def _check_private(self):
        if self.reject_copies is True:
            warnings.warn(
                "reject_copies=True with epsilon: the copy screen compares synthetic rows "
                "with the training rows, a step outside the differential privacy "
                "analysis, so epsilon_ does not describe the output. Leave "
                'reject_copies="auto" for the guarantee.',
                PrivacyWarning,
                stacklevel=5,
            )
        if self.candidates != "generator":
            raise ValueError(
                f"candidates={self.candidates!r} cannot be combined with epsilon: those "
                "candidates are drawn from the training rows themselves. Use "
                'candidates="generator" with epsilon.'
            )
        if self.n_rounds not in ("auto", 0):
            warnings.warn(
                f"n_rounds={self.n_rounds!r} with epsilon: the rounds' discriminators learn "
                "from the training rows, a step outside the differential privacy analysis, "
                'so epsilon_ does not describe the output. Leave n_rounds="auto" for the '
                "guarantee.",
                PrivacyWarning,
                stacklevel=5,
            )
        if self.early_stopping is True:
            raise ValueError(
                "early_stopping=True cannot be combined with epsilon: its score compares "
                "synthetic rows with the training rows, which differential privacy "
                "forbids. Use a fixed n_steps."
            )
        if self.reject_copies == "near":
            raise ValueError(
                'reject_copies="near" cannot be combined with epsilon: it compares '
                "synthetic rows with the training rows, which differential privacy "
                "forbids. Use one or the other."
            )
        if distributed():
            raise ValueError(
                "epsilon is not supported under torchrun: every process would add its "
                "own noise and sample its own batches, which the privacy accountant "
                "does not model. Train with differential privacy in one process."
            )

    def _to_input_format(self, X, frame, chunks, n_new):
        """The input followed by ``n_new`` synthetic rows (an iterable of chunks), in
        ``X``'s container.

        The output is allocated once, with the input's dtypes, and each chunk is
        written into it as it arrives, so that the output is the only full-size
        copy ever held (streaming: generate, decode, write, release).
        """
        from scipy import sparse

        if sparse.issparse(X):
            parts = [sparse.csr_matrix(c.to_numpy(dtype=X.dtype)) for c in chunks]
            return sparse.vstack([X, *parts]).asformat(X.format)
        start = len(frame)
        if isinstance(X, pd.DataFrame):
            # input rows, then placeholders that the chunks overwrite
            fill = np.r_[np.arange(len(frame)), np.zeros(n_new, dtype=np.intp)]
            columns = [frame.iloc[:, j].array.take(fill) for j in range(frame.shape[1])]
            del fill  # n_rows + n_new positions: not held through generation
            for chunk in chunks:
                for j, column in enumerate(columns):
                    column[start : start + len(chunk)] = chunk.iloc[:, j].array
                start += len(chunk)
            out = pd.DataFrame(dict(enumerate(columns)), copy=False)
            out.columns = X.columns
            return out
        array = np.asarray(X)
        dtype = array.dtype if array.dtype.kind != "O" else object
        out = np.empty((len(array) + n_new, array.shape[1]), dtype=dtype)
        out[: len(array)] = array
        for chunk in chunks:
            out[start : start + len(chunk)] = chunk.to_numpy(dtype=dtype)
            start += len(chunk)
        return out


def _model(fitted):
    """The candidate source of a fit (a fitted sampler's ``vars``, or a fit in progress)."""
    return Model(
        fitted["generator_"], fitted["transformer_"], fitted["conditions_"], fitted["marginals_"]
    )


def _generate(fitted, n_samples, label):
    class_idx = int(np.searchsorted(fitted["classes_"], label))
    source = fitted.get("candidates_") or _model(fitted)
    return generate(source, fitted["screens_"], n_samples, class_idx, label, fitted["_numpy_seed"])


def _warn_collapse(collapsed):
    if collapsed:
        warnings.warn(
            f"The generator looks collapsed: synthetic rows of classes ({collapsed}) "
            f"spread less than {_COLLAPSE_RATIO:.0%} as much as the real ones (see "
            "diversity_). Train longer (n_steps), lower the learning_rate, or "
            "check history_ for an unstable discriminator.",
            ModeCollapseWarning,
            stacklevel=5,
        )


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

"""GANSampler: an imbalanced-learn over-sampler backed by a conditional tabular GAN."""

import numbers
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import torch
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution, check_sampling_strategy, check_target_type
from imblearn.utils._validation import ArraysTransformer
from sklearn.base import _fit_context
from sklearn.preprocessing import label_binarize
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_consistent_length, check_is_fitted
from tqdm.auto import tqdm

from ._networks import Activation, Critic, Generator, build
from ._privacy import ColumnNoise, DPCritic, class_rates, plan, secret_seed
from ._training import ConditionSampler, broadcast_parameters, distributed, rank, train
from ._transformer import TableTransformer, released_columns
from ._validation import (
    check_categorical_columns,
    check_numeric_columns,
    resolve_categorical,
    to_frame,
)
from .exceptions import ModeCollapseWarning, PrivacyWarning, SkganWarning

_FEW_ROWS = 5  # below this many rows a class gets a warning
_COLLAPSE_RATIO = 0.25  # synthetic spread below this share of the real one: collapse
_TAU = 0.2  # Gumbel-softmax temperature during training (CTGAN's choice)


def _auto_steps(n_rows):
    """Training budget in generator updates: 2000 up to 20k rows, then growing as sqrt(rows).

    Small minorities are the common case: a GAN needs about as many updates to
    learn 30 rows as 3,000, so the budget is set in steps, not epochs. 2000 steps
    at batch 200 was the shortest budget whose downstream scores matched longer
    ones in our tuning runs (see docs/benchmarks).
    """
    return int(np.clip(2000 * np.sqrt(n_rows / 20_000), 2000, 6000))


def resolve_device(device):
    """Turn ``"auto"`` into ``"cuda"`` when a GPU is usable, else ``"cpu"``."""
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        device = torch.device(device)
    except (RuntimeError, ValueError):
        raise ValueError(
            f"device={device!r} is not a torch device; use 'auto', 'cpu', 'cuda' or 'cuda:N'."
        ) from None
    if device.type == "cuda" and not torch.cuda.is_available():
        warnings.warn(
            f"device={str(device)!r} was requested but CUDA is not available; "
            "falling back to the CPU.",
            SkganWarning,
            stacklevel=3,
        )
        return torch.device("cpu")
    return device


@Substitution(sampling_strategy=BaseOverSampler._sampling_strategy_docstring)
class GANSampler(BaseOverSampler):
    """Over-sample with a class-conditional GAN for mixed-type tables.

    One generator learns every class of the table, with the class as its
    condition (a conditional WGAN-GP with a PacGAN critic and
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

    n_steps : int or "auto", default="auto"
        Number of generator updates. ``"auto"`` gives 2000 steps to tables of
        up to 20,000 rows, growing with the square root of the row count up to
        6000 steps, whatever the size of the minority class.

    batch_size : int, default=200
        Rows per training batch (rounded down to a multiple of ``pac``).
        Batches are drawn with replacement, so it may exceed the data size.

    generator_dim : tuple of int, default=(256, 256)
        Widths of the generator's residual layers.

    discriminator_dim : tuple of int, default=(256, 256)
        Widths of the critic's hidden layers.

    noise_dim : int, default=128
        Size of the generator's noise input.

    generator_lr, discriminator_lr : float, default=2e-4
        Adam learning rates.

    discriminator_steps : int, default=1
        Critic updates per generator update.

    pac : int, default=10
        Rows per critic pack (PacGAN); packs make mode collapse visible to the critic.

    critic_filter : float in [0, 1), default=0.0
        Share of generated candidates to discard: the rows the trained critic
        finds least realistic (discriminator rejection sampling). 0 keeps every
        row; 0.5 draws twice the rows and keeps the better half. Not available
        after :meth:`load` (the critic is not saved).

    reject_copies : bool or "auto", default="auto"
        Discard synthetic rows that are exact copies of a training row and
        draw replacements, so that no real record is handed out as synthetic.
        ``"auto"`` screens unless ``epsilon`` is set: the screen compares the
        output with the training rows, a step outside the differential
        privacy guarantee.

    dcr_guard : bool, default=False
        Also discard synthetic rows that lie closer to a training row than
        real rows lie to each other: the threshold ``dcr_threshold_`` is the
        5th percentile of the distances of real rows to their nearest other
        real row, in the encoded space. Costs a nearest-neighbour search per
        generated row, and the fitted sampler keeps the encoded training rows
        in memory (and in a pickle; :meth:`save` leaves them out).

    neighbour_filter : bool, default=False
        Keep only synthetic rows that have a training row of their own class
        among their 5 nearest training rows (in the encoded space), and draw
        more until enough pass. Rows deep inside another class's region are
        what push classifiers towards false positives: in our experiments the
        filter raised minority F1 in 19 of 21 imbalanced table x classifier
        cells (see the Quality benchmark page). Like ``dcr_guard``, it keeps
        the encoded training rows in memory, costs a nearest-neighbour search
        per generated row, and is not available after :meth:`load`.

    epsilon : float or None, default=None
        Differential privacy budget. When set, the synthetic rows are
        ``(epsilon, delta)``-differentially private with respect to the
        training rows: a fifth of the budget buys noisy column statistics
        for the encoder, the rest trains the critic with DP-SGD (Poisson
        batches of ``batch_size`` rows on average, per-row gradients clipped
        to ``max_grad_norm``, Gaussian noise), both composed by opacus' RDP
        accountant, which must be installed: ``pip install 'skgan[dp]'``.
        Class counts count as public. The critic then sees single rows with
        a logistic loss (``pac`` is not used), conditions on the class only,
        and ``diversity_`` is not computed. Smaller is more private and
        costs more quality; see the privacy guide.

    delta : float or None, default=None
        Differential privacy delta, used with ``epsilon``. None takes
        ``min(1e-5, 1 / (10 * n_samples))``.

    max_grad_norm : float, default=1.0
        Per-row gradient clipping bound of DP-SGD, used with ``epsilon``.

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

    critic_ : torch.nn.Module
        The trained critic.

    history_ : list of dict
        Per training step: generator and critic losses, the Wasserstein
        estimate, the gradient penalty and the condition loss.

    n_steps_ : int
        Number of generator updates actually run.

    diversity_ : dict
        Per class (with at least 5 rows), the spread of 1000 generated rows
        relative to the real rows of that class (summed per-column standard
        deviation in the encoded space; 1.0 = as diverse as the data). Below
        0.25 a :class:`~skgan.exceptions.ModeCollapseWarning` is raised.

    device_ : torch.device
        Device the networks were trained on.

    dcr_threshold_ : float or None
        Minimum distance to the closest training row that ``dcr_guard``
        enforces (None when the guard is off).

    epsilon_ : float or None
        Privacy budget spent (encoder statistics plus DP-SGD, from the RDP
        accountant); at most ``epsilon``. None without differential privacy.

    delta_ : float or None
        The delta of the guarantee. None without differential privacy.

    noise_multiplier_ : float or None
        Standard deviation of the DP-SGD noise relative to ``max_grad_norm``.

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
        "n_steps": [Interval(numbers.Integral, 1, None, closed="left"), StrOptions({"auto"})],
        "batch_size": [Interval(numbers.Integral, 1, None, closed="left")],
        "generator_dim": [tuple, list],
        "discriminator_dim": [tuple, list],
        "noise_dim": [Interval(numbers.Integral, 1, None, closed="left")],
        "generator_lr": [Interval(numbers.Real, 0, None, closed="neither")],
        "discriminator_lr": [Interval(numbers.Real, 0, None, closed="neither")],
        "discriminator_steps": [Interval(numbers.Integral, 1, None, closed="left")],
        "pac": [Interval(numbers.Integral, 1, None, closed="left")],
        "critic_filter": [Interval(numbers.Real, 0, 1, closed="left")],
        "reject_copies": ["boolean", StrOptions({"auto"})],
        "dcr_guard": ["boolean"],
        "neighbour_filter": ["boolean"],
        "epsilon": [Interval(numbers.Real, 0, None, closed="neither"), None],
        "delta": [Interval(numbers.Real, 0, 1, closed="neither"), None],
        "max_grad_norm": [Interval(numbers.Real, 0, None, closed="neither")],
        "device": [str, torch.device],
        "verbose": ["verbose"],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        categorical_features="auto",
        n_steps="auto",
        batch_size=200,
        generator_dim=(256, 256),
        discriminator_dim=(256, 256),
        noise_dim=128,
        generator_lr=2e-4,
        discriminator_lr=2e-4,
        discriminator_steps=1,
        pac=10,
        critic_filter=0.0,
        reject_copies="auto",
        dcr_guard=False,
        neighbour_filter=False,
        epsilon=None,
        delta=None,
        max_grad_norm=1.0,
        device="auto",
        verbose=0,
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.random_state = random_state
        self.categorical_features = categorical_features
        self.n_steps = n_steps
        self.batch_size = batch_size
        self.generator_dim = generator_dim
        self.discriminator_dim = discriminator_dim
        self.noise_dim = noise_dim
        self.generator_lr = generator_lr
        self.discriminator_lr = discriminator_lr
        self.discriminator_steps = discriminator_steps
        self.pac = pac
        self.critic_filter = critic_filter
        self.reject_copies = reject_copies
        self.dcr_guard = dcr_guard
        self.neighbour_filter = neighbour_filter
        self.epsilon = epsilon
        self.delta = delta
        self.max_grad_norm = max_grad_norm
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
        self._fit_generator(*self._check_inputs(X, y)[:2])
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
        arrays = ArraysTransformer(X, y)
        frame, y_checked, binarized = self._check_inputs(X, y)
        synthetic, y_new = self._fit_resample(frame, y_checked)
        X_new = self._to_input_format(X, frame, synthetic)
        if binarized:
            y_new = label_binarize(y_new, classes=self.classes_)
        return arrays.transform(X_new, y_new)

    def _fit_resample(self, X, y):
        """Train on a validated frame and return (synthetic rows, all labels)."""
        self._fit_generator(X, y)
        todo = [(label, n) for label, n in self.sampling_strategy_.items() if n > 0]
        synthetic = pd.concat(
            [X.iloc[:0]] + [self._generate(n, label) for label, n in todo], ignore_index=True
        )
        y_new = np.concatenate([y] + [np.full(n, label, dtype=y.dtype) for label, n in todo])
        return synthetic, y_new

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
                f"y={_show(y)} is not a class seen during fit; expected one of "
                f"{self.classes_.tolist()}."
            )
        frame = self._generate(int(n_samples), y)
        if hasattr(self, "feature_names_in_"):
            return frame
        return frame.to_numpy()

    def save(self, path):
        """Write the fitted generator and its encoder to ``path``.

        The file holds tensors and plain values only (no pickle), so
        :meth:`load` cannot run code from it. It contains no training row: the
        critic and the fingerprints used by ``reject_copies`` are left out, so
        a loaded sampler can :meth:`sample` but no longer screens for copies.

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
        self.n_features_in_ = frame.shape[1]
        if isinstance(X, pd.DataFrame) and all(isinstance(c, str) for c in X.columns):
            self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        self.categorical_features_ = np.array(
            [frame.columns.get_loc(c) for c in categorical], dtype=np.int64
        )
        self.sampling_strategy_ = check_sampling_strategy(
            self.sampling_strategy, y, self._sampling_type
        )
        counts = pd.Series(y).value_counts()
        for label, n in self.sampling_strategy_.items():
            if n > 0 and counts[label] < _FEW_ROWS:
                rows = "row" if counts[label] == 1 else "rows"
                warnings.warn(
                    f"Class {_show(label)} has only {counts[label]} {rows}: the generator cannot "
                    "learn its distribution, and its synthetic rows will stay close to "
                    "those few records. Consider collecting more data or merging classes.",
                    SkganWarning,
                    stacklevel=3,
                )
        return frame, y, binarized

    def _fit_generator(self, frame, y):
        """Encode ``frame``, build the networks and train them (shared by fit and fit_resample)."""
        seeds = check_random_state(self.random_state).randint(np.iinfo(np.int32).max, size=2)
        self._numpy_seed = int(seeds[1])
        self.device_ = resolve_device(self.device)
        self.classes_, y_idx = np.unique(y, return_inverse=True)
        n_classes, class_counts = len(self.classes_), np.bincount(y_idx)
        private = self.epsilon is not None
        self.n_steps_ = _auto_steps(len(frame)) if self.n_steps == "auto" else self.n_steps
        categorical = [frame.columns[i] for i in self.categorical_features_]
        noise = None
        if private:
            self._check_private()
            self.delta_ = (
                min(1e-5, 1.0 / (10 * len(frame))) if self.delta is None else float(self.delta)
            )
            encoder_noise, sgd_noise, accountant = plan(
                self.epsilon,
                self.delta_,
                float(class_rates(self.batch_size, class_counts).max()),
                self.n_steps_ * self.discriminator_steps,
            )
            noise = ColumnNoise(
                encoder_noise,
                released_columns(frame),
                self.delta_ / 2,
                np.random.default_rng(secret_seed()),
            )
        self.transformer_ = TableTransformer(categorical).fit(frame, noise)
        t = self.transformer_
        codes = t.codes(frame)
        data = torch.as_tensor(t.transform(frame, codes), device=self.device_)
        # Under differential privacy, conditions carry the class only: the
        # training-by-sampling index is built from per-row category codes.
        n_discrete = 0 if private else t.n_discrete_
        self.conditions_ = ConditionSampler(
            codes if n_discrete else codes[:, :0], y_idx, n_classes, n_discrete
        )
        reject = (not private) if self.reject_copies == "auto" else self.reject_copies
        self._training_hashes = _row_hashes(frame) if reject else None

        # each torchrun process draws its own batches; weights start equal and stay so
        rng = torch.Generator(device=self.device_).manual_seed(int(seeds[0]) + rank())
        init_rng = torch.Generator().manual_seed(int(seeds[0]))
        cond_dim = n_classes + n_discrete
        # DP-SGD clips each row's gradient: the critic sees rows one by one, without dropout
        pac, dropout = (1, 0.0) if private else (min(self.pac, self.batch_size), 0.5)
        self.generator_ = build(
            Generator,
            self.noise_dim,
            cond_dim,
            self.generator_dim,
            data.shape[1],
            generator=init_rng,
        ).to(self.device_)
        self.critic_ = build(
            Critic,
            data.shape[1] + cond_dim,
            self.discriminator_dim,
            pac,
            dropout,
            generator=init_rng,
        ).to(self.device_)
        broadcast_parameters(self.generator_)
        broadcast_parameters(self.critic_)
        batch = max(pac, self.batch_size // pac * pac)
        activation = Activation(t.n_continuous_, torch.as_tensor(t.segment_ids_)).to(self.device_)
        ctx = SimpleNamespace(
            generator=self.generator_,
            critic=self.critic_,
            activation=activation,
            sampler=self.conditions_.to(self.device_),
            rng=rng,
            noise_dim=self.noise_dim,
            batch_size=batch,
            tau=_TAU,
            gp_weight=10.0,
            critic_steps=self.discriminator_steps,
            opt_generator=torch.optim.Adam(
                self.generator_.parameters(),
                lr=self.generator_lr,
                betas=(0.5, 0.9),
                weight_decay=1e-6,
            ),
            opt_critic=torch.optim.Adam(
                self.critic_.parameters(),
                lr=self.discriminator_lr,
                betas=(0.5, 0.9),
                weight_decay=1e-6,
            ),
            dp=DPCritic(
                torch.as_tensor(y_idx, device=self.device_),
                torch.as_tensor(class_counts / len(y_idx), device=self.device_),
                self.batch_size,
                sgd_noise,
                accountant,
                self.delta_,
                self.max_grad_norm,
            )
            if private
            else None,
        )
        progress = tqdm(total=self.n_steps_, desc="GANSampler", disable=not self.verbose)
        try:
            self.history_ = train(ctx, data, self.n_steps_, progress)
            broadcast_parameters(self.generator_)  # BatchNorm statistics differ per process
        finally:
            progress.close()
            # Networks rest on the CPU so that a pickle loads on any machine.
            self.generator_.cpu().eval()
            self.critic_.cpu().eval()
            self.conditions_.forget_rows().to("cpu")
        self.epsilon_ = self.noise_multiplier_ = None
        if private:
            self.epsilon_ = ctx.dp.spent()
            self.noise_multiplier_ = float(ctx.dp.noise_multiplier)
        else:
            self.delta_ = None
        encoded = data.cpu().numpy()
        # the spread of real rows is not private: no diversity check under DP
        self.diversity_ = {} if private else self._check_diversity(encoded, y_idx)
        self._dcr_reference, self.dcr_threshold_ = None, None
        if self.dcr_guard:
            self._fit_dcr_guard(encoded)
        self._neighbours = None
        if self.neighbour_filter:
            self._neighbours = (torch.as_tensor(encoded), torch.as_tensor(y_idx))
        return self

    def _check_private(self):
        if self.reject_copies is True:
            warnings.warn(
                "reject_copies=True with epsilon: the copy screen compares synthetic rows "
                "with the training rows, a step outside the differential privacy "
                "analysis, so epsilon_ does not describe the output. Leave "
                'reject_copies="auto" for the guarantee.',
                PrivacyWarning,
                stacklevel=4,
            )
        for name in ("dcr_guard", "neighbour_filter"):
            if getattr(self, name):
                raise ValueError(
                    f"{name}=True cannot be combined with epsilon: it compares "
                    "synthetic rows with the training rows, which differential privacy "
                    "forbids. Use one or the other."
                )
        if distributed():
            raise ValueError(
                "epsilon is not supported under torchrun: every process would add its "
                "own noise and sample its own batches, which the privacy accountant "
                "does not model. Train with differential privacy in one process."
            )

    def _check_diversity(self, encoded, y_idx, n=1000):
        """Spread of synthetic vs real encoded rows per class; warn on collapse.

        The ratio is the summed per-column standard deviation of generated rows
        over that of real rows of the same class (1 = as diverse as the data).
        """
        rng = torch.Generator().manual_seed(self._numpy_seed)
        ratios = {}
        for k, label in enumerate(self.classes_):
            real = encoded[y_idx == k][:n]
            if len(real) < _FEW_ROWS:
                continue
            synthetic = self._encode(*self._raw_rows(n, k, rng, screen=False))
            spread = real.std(axis=0).sum()
            ratios[label] = float(synthetic.std(axis=0).sum() / spread) if spread > 0 else 1.0
        collapsed = ", ".join(
            f"{_show(k)}: {v:.2f}" for k, v in ratios.items() if v < _COLLAPSE_RATIO
        )
        if collapsed:
            warnings.warn(
                f"The generator looks collapsed: synthetic rows of classes ({collapsed}) "
                f"spread less than {_COLLAPSE_RATIO:.0%} as much as the real ones (see "
                "diversity_). Train longer (n_steps), lower the learning rates, or "
                "check history_ for an unstable critic.",
                ModeCollapseWarning,
                stacklevel=4,
            )
        return ratios

    def _generate(self, n_samples, label, chunk=8192):
        """Decode ``n_samples`` rows of class ``label``, streamed in chunks."""
        class_idx = int(np.searchsorted(self.classes_, label))
        rng = np.random.default_rng(self._numpy_seed + class_idx)
        torch_rng = torch.Generator().manual_seed(self._numpy_seed + class_idx)
        frames, have, barren, unfiltered = [], 0, 0, 0
        while have < n_samples:
            want = min(chunk, n_samples - have)
            frame = self._decode(self._raw_rows(want, class_idx, torch_rng), rng)
            if self._neighbours is not None and unfiltered < 5:
                frame = frame[self._near_own_class(frame, class_idx)]
                unfiltered = unfiltered + 1 if frame.empty else 0
            screen = barren < 5
            if screen and self._dcr_reference is not None:
                frame = frame[self._far_from_training(frame)]
            if screen and self._training_hashes is not None:
                frame = frame[~np.isin(_row_hashes(frame), self._training_hashes)]
            if screen and (self._training_hashes is not None or self._dcr_reference is not None):
                barren = barren + 1 if frame.empty else 0
                if barren == 5:
                    guard = (
                        " or came closer to one than dcr_guard allows" if self.dcr_guard else ""
                    )
                    warnings.warn(
                        f"Every synthetic row of class {_show(label)} drawn in 5 attempts "
                        f"copied a training row{guard}: the table has too few distinct rows "
                        "to make new ones. The remaining rows are not screened; check "
                        "skgan.metrics.exact_copy_rate before sharing them.",
                        PrivacyWarning,
                        stacklevel=3,
                    )
            frames.append(frame)
            have += len(frame)
        out = pd.concat(frames, ignore_index=True) if frames else self._decode_empty()
        return out.iloc[:n_samples].reset_index(drop=True)

    def _raw_rows(self, n, class_idx, rng, screen=True):
        """Generate ``n`` rows of one class as (normal scores, segment codes).

        With ``critic_filter`` > 0, more candidates are drawn and only the ones
        the critic finds most realistic are kept.
        """
        t = self.transformer_
        keep = 1.0 - self.critic_filter if screen and getattr(self, "critic_", None) else 1.0
        m = int(np.ceil(n / keep))
        segment_mask = torch.zeros(max(t.n_segments_, 1), max(t.n_discrete_, 1))
        segment_mask[torch.as_tensor(t.segment_ids_), torch.arange(t.n_discrete_)] = 1.0
        classes = torch.full((m,), class_idx, dtype=torch.long)
        cond, _ = self.conditions_.draw_sampling(classes, segment_mask[:, : t.n_discrete_], rng)
        with torch.no_grad():
            noise = torch.randn(m, self.noise_dim, generator=rng)
            raw = self.generator_(noise, cond)
            activation = Activation(t.n_continuous_, torch.as_tensor(t.segment_ids_))
            cont, logits = activation.split(raw)
            codes = (
                activation.sample_codes(logits, rng)
                if t.n_discrete_
                else torch.zeros(m, 0, dtype=torch.long)
            )
            if m > n:
                # a pack of `pac` copies of one row gives that row's own critic score
                pac = self.critic_.pac
                rows = torch.as_tensor(self._encode(cont.numpy(), codes.numpy()))
                packs = rows.repeat_interleave(pac, 0), cond.repeat_interleave(pac, 0)
                score = self.critic_(*packs)
                best = torch.topk(score, n).indices.sort().values
                cont, codes = cont[best], codes[best]
        return cont.numpy(), codes.numpy()

    def _far_from_training(self, frame):
        """Mask of the decoded rows whose nearest training row is ``dcr_threshold_`` or further.

        Distances are taken between released rows, re-encoded, and training rows.
        """
        rows = torch.as_tensor(self.transformer_.transform(frame))
        nearest, _ = _k_nearest(rows, self._dcr_reference, 1)
        return (nearest[:, 0] >= self.dcr_threshold_).numpy()

    def _near_own_class(self, frame, class_idx, k=5):
        """Mask of decoded rows with a training row of their class among their k nearest."""
        reference, labels = self._neighbours
        rows = torch.as_tensor(self.transformer_.transform(frame))
        _, index = _k_nearest(rows, reference, k)
        return (labels[index] == class_idx).any(dim=1).numpy()

    def _fit_dcr_guard(self, encoded, n_probe=2000):
        """Threshold: 5th percentile of real rows' distances to their nearest other real row."""
        reference = torch.as_tensor(encoded, dtype=torch.float32)
        rng = np.random.default_rng(self._numpy_seed)
        probe = rng.choice(len(reference), size=min(n_probe, len(reference)), replace=False)
        distances = torch.cdist(reference[probe], reference)
        distances[torch.arange(len(probe)), torch.as_tensor(probe)] = float("inf")
        self.dcr_threshold_ = float(np.quantile(distances.min(dim=1).values.numpy(), 0.05))
        self._dcr_reference = reference

    def _encode(self, cont, codes):
        """(normal scores, segment codes) -> encoded rows as the critic sees them."""
        t = self.transformer_
        onehot = np.zeros((len(cont), t.n_discrete_), dtype=np.float32)
        onehot[np.arange(len(cont))[:, None], codes + t.segment_offsets_[:-1]] = 1.0
        return np.hstack([np.clip(cont, -5, 5), onehot]).astype(np.float32)

    def _decode(self, raw, rng):
        cont, codes = raw
        return self.transformer_.inverse_transform(cont, codes, rng)

    def _decode_empty(self):
        return self._decode(
            (
                np.zeros((0, self.transformer_.n_continuous_)),
                np.zeros((0, self.transformer_.n_segments_), dtype=np.int64),
            ),
            np.random.default_rng(0),
        )

    def _to_input_format(self, X, frame, synthetic):
        if isinstance(X, pd.DataFrame):
            out = pd.concat([frame, synthetic], ignore_index=True)
            out.columns = X.columns
            return out
        from scipy import sparse

        if sparse.issparse(X):
            stacked = sparse.vstack([X, sparse.csr_matrix(synthetic.to_numpy(dtype=X.dtype))])
            return stacked.asformat(X.format)
        array = np.asarray(X)
        dtype = array.dtype if array.dtype.kind != "O" else object
        return np.vstack([array, synthetic.to_numpy(dtype=dtype)])


def _show(label):
    """repr of a class label without NumPy's scalar wrapper (``1``, not ``np.int64(1)``)."""
    return repr(label.item() if isinstance(label, np.generic) else label)


def _k_nearest(rows, reference, k, chunk=4096):
    """Distances to, and indices of, each row's k nearest reference rows (chunked cdist)."""
    k = min(k, len(reference))
    best = torch.full((len(rows), k), float("inf"))
    index = torch.zeros((len(rows), k), dtype=torch.long)
    for start in range(0, len(reference), chunk):
        block = torch.cdist(rows, reference[start : start + chunk])
        positions = torch.arange(start, start + block.shape[1]).expand(len(rows), -1)
        best, order = torch.topk(torch.cat([best, block], 1), k, dim=1, largest=False)
        index = torch.cat([index, positions], 1).gather(1, order)
    return best, index


def _row_hashes(frame):
    """One 64-bit hash per row, for exact-copy detection."""
    return pd.util.hash_pandas_object(frame, index=False).to_numpy()

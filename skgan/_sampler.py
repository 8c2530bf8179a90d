"""GANSampler: an imbalanced-learn over-sampler backed by a conditional tabular GAN."""

import numbers
import warnings

import numpy as np
import pandas as pd
import torch
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution
from imblearn.utils._validation import ArraysTransformer
from sklearn.base import _fit_context
from sklearn.preprocessing import label_binarize
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Hidden, Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from ._fitting import fit, plan_fit
from ._generation import draw_rows, fitted_model, show
from ._inputs import check_inputs, resolve_n_neighbors
from ._output import append_synthetic, sampled_rows
from ._sources import SOURCES

_X_Y = """X : {array-like, dataframe, sparse matrix} of shape (n_samples, n_features)
            Training data; columns may be numeric, categorical and contain NaN.

        y : array-like of shape (n_samples,)
            Class labels."""


@Substitution(sampling_strategy=BaseOverSampler._sampling_strategy_docstring)
class GANSampler(BaseOverSampler):
    r"""Over-sample with a class-conditional GAN for mixed-type tables.

    One generator learns every class (a conditional WGAN-GP with
    training-by-sampling, after Xu et al. 2019), starting at each class's
    Gaussian copula; adversarial rounds then play it against fresh
    gradient-boosting discriminators until they can no longer tell its rows
    from the class's. Synthetic rows pass a class-neighbourhood screen, get
    their class's exact marginals and missing rates back, and never copy a
    training row. Sparse input is learned in a low-rank space.

    Read more in the :ref:`User Guide <user_guide>`; :ref:`choosing_parameters`
    says what each parameter earns and :ref:`how_it_works` how a fit runs.

    Parameters
    ----------
    {sampling_strategy}

    random_state : int, RandomState instance or None, default=None
        Seeds training and sampling; global random states are untouched.

    categorical_features : "auto", array-like of str, int or bool, default="auto"
        The categorical columns, as in :class:`~imblearn.over_sampling.SMOTENC`;
        ``"auto"`` takes object, category, string and bool columns.

    candidates : {{"generator", "marginals", "interpolation"}} or callable, default="generator"
        Where candidates come from: the generator, or untrained rows (each
        column from its own row of the class; SMOTE within the class), or
        your own source (see :ref:`candidate_sources`).

    n_steps : int or "auto", default="auto"
        Generator network updates. ``"auto"``: none where the adversarial
        rounds play (they are the training), else 200 to 500 by table size.

    early_stopping : bool or "auto", default="auto"
        Keep the best generator on a held-out fifth of each over-sampled
        class, checked every 50 steps. ``"auto"``: on without ``epsilon``.

    batch_size : int or "auto", default="auto"
        Rows per training batch (``"auto"``: a quarter of the rows, 100 to 500).

    generator_dim, discriminator_dim : tuple of int, default=(256, 256)
        Hidden widths of the generator and of the discriminator (the WGAN critic).

    learning_rate : float, default=2e-4
        Learning rate of both Adam optimisers.

    n_neighbors : int or None, default=5
        The class-neighbourhood screen: of three candidates per row, keep
        those whose nearest training rows are most of their class. None: off.

    k_neighbors : int or None, default="deprecated"
        Deprecated alias of ``n_neighbors`` (removed in 0.6).

    reject_copies : bool, "auto" or "near", default="auto"
        Redraw synthetic rows equal to a training row (``"near"``: also
        those nearer than 95% of real rows are to each other). ``"auto"``:
        on without ``epsilon``.

    n_rounds : int or "auto", default="auto"
        Adversarial rounds: each fits a fresh discriminator per over-sampled
        class and reweights the generator by its odds of a row being real;
        generation keeps one of ``4 ** n_rounds`` candidates (at most 64).
        ``"auto"``: up to 3 rounds, stopping when a fresh detector tells no
        less or rows crowd onto real ones, and fewer on large requests (the
        pool holds 2**17 candidates a class); none with ``epsilon``.

    epsilon : float or None, default=None
        Differential privacy budget (needs the ``dp`` extra); see :ref:`privacy`.

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

    transformer_, conditions_, marginals_ : object
        The fitted encoder, the class level counts that condition generated
        rows, and every numeric column's quantiles within every class (None
        with ``epsilon``).

    generator_, discriminator_ : torch.nn.Module
        The trained generator and WGAN critic, on the CPU.

    history_ : list of dict
        Per training step: losses, Wasserstein estimate, gradient penalty.

    n_steps_, batch_size_ : int
        Generator updates run and rows per batch used.

    do_early_stopping_ : bool
        Whether early stopping ran.

    stopping_scores_ : list of float
        Early stopping's held-out detection AUC per check (lower is better).

    rounds_ : AdversarialRounds or None
        The rounds' discriminators per class; None when none were played.

    detection_scores_ : dict
        Per over-sampled class, the cross-fitted detection AUC before the
        rounds and after each round scored (lower is better).

    diversity_ : dict
        Per class, the spread of generated rows over the real rows' (1: as diverse).

    candidates_ : object or None
        The fitted candidate source unless ``candidates="generator"``.

    screens_ : list
        The fitted stages in the order they run: neighbourhood screen,
        rounds, marginal hold, copy and distance screens (not saved).

    device_ : torch.device
        Device the networks were trained on.

    timings_ : dict
        Seconds per stage of the last fit (encode, train, check, generate).

    epsilon_, delta_, noise_multiplier_ : float or None
        The privacy guarantee spent and DP-SGD's noise; None without ``epsilon``.

    categorical_features_ : ndarray of shape (n_categorical,)
        Indices of the categorical columns.

    n_features_in_ : int
        Number of features in the input.

    sparse_codec_ : object
        After a fit on a SciPy sparse matrix: the low-rank projection and the
        decoding back to sparse rows (see :ref:`sparse_input`).

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during fit, when ``X`` has string column names.

    See Also
    --------
    imblearn.over_sampling.SMOTENC : Over-sample mixed data by interpolation.

    Notes
    -----
    :meth:`fit` trains (unlike imbalanced-learn's samplers), so that
    :meth:`sample` can draw more rows afterwards.

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
    >>> X_res, y_res = GANSampler(n_steps=20, random_state=0).fit_resample(X, y)
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
    @Substitution(X_y=_X_Y)
    def fit(self, X, y):
        """Train the GAN on ``(X, y)`` and compute ``sampling_strategy_``.

        Parameters
        ----------
        {X_y}

        Returns
        -------
        self : GANSampler
            The fitted sampler.
        """
        frame, y, _, inputs = check_inputs(self, X, y)
        self._set_fitted(self._fit_generator(frame, y, inputs))
        return self

    @_fit_context(prefer_skip_nested_validation=True)
    @Substitution(X_y=_X_Y)
    def fit_resample(self, X, y):
        """Train the GAN and return the data with synthetic rows appended.

        Parameters
        ----------
        {X_y}

        Returns
        -------
        X_resampled : {{ndarray, dataframe, sparse matrix, list}} of shape \
                (n_samples_new, n_features)
            The original rows, unchanged and in order, then the synthetic rows.
            Same container and dtypes as ``X``.

        y_resampled : {{ndarray, series, list}} of shape (n_samples_new,)
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
        frame, y_checked, binarized, inputs = check_inputs(self, X, y)
        fitted = self._fit_generator(frame, y_checked, inputs)
        X_new, y_new = self._fit_resample(frame, y_checked, fitted, like=X)
        # assigned last: a fit_resample that raised, even while generating, changed nothing
        self._set_fitted(fitted)
        if binarized:
            y_new = label_binarize(y_new, classes=self.classes_)
        return arrays.transform(X_new, y_new)

    def _fit_resample(self, X, y, fitted, like=None):
        return append_synthetic(X, y, fitted, like)

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
        return sampled_rows(vars(self), list(draw_rows(vars(self), int(n_samples), y, seed)))

    def save(self, path):
        """Write the fitted generator and its encoder to ``path``.

        Tensors and plain values only (:meth:`load` cannot run code from the
        file), and no training row: the critic, the rounds and the screens
        are left out, so a loaded sampler samples from the generator alone.
        See :ref:`persistence` for what the file holds.

        Parameters
        ----------
        path : str or path-like
            Destination file (conventionally ``*.pt``).
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
            A fitted sampler that can :meth:`sample`.

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
        params = {**self.get_params(), "n_neighbors": resolve_n_neighbors(self)}
        counts = np.unique(y, return_counts=True)[1]
        plan = plan_fit(params, frame, counts, categorical)
        return {**inputs, **vars(fit(plan, frame, y, inputs["sampling_strategy_"]))}

    def _model(self):
        return fitted_model(vars(self))

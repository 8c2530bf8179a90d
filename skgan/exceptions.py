"""Warnings and errors raised by skgan."""

__all__ = [
    "MemoryBudgetError",
    "ModeCollapseWarning",
    "PrivacyWarning",
    "SkganWarning",
    "TrainingDivergedError",
]


class SkganWarning(UserWarning):
    """Base class of every warning skgan emits.

    Examples
    --------
    >>> import warnings
    >>> from skgan.exceptions import SkganWarning
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", SkganWarning)  # silence all of skgan's warnings
    """


class ModeCollapseWarning(SkganWarning):
    """The generator's output is far less diverse than the real data.

    Examples
    --------
    >>> import warnings
    >>> from skgan.exceptions import ModeCollapseWarning
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("error", ModeCollapseWarning)  # make collapse fatal
    """


class TrainingDivergedError(FloatingPointError):
    """A GAN loss became NaN or infinite during training.

    Attributes
    ----------
    history : ndarray of shape (n_steps, 5)
        Losses recorded up to the failure (generator, discriminator, Wasserstein
        estimate, gradient penalty, condition loss).

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from skgan import GANSampler
    >>> from skgan.exceptions import TrainingDivergedError
    >>> X, y = make_classification(n_samples=100, random_state=0)
    >>> try:
    ...     GANSampler(n_steps=5, learning_rate=1e12).fit(X, y)
    ... except TrainingDivergedError as error:
    ...     print(error.history.shape[1])
    5
    """

    def __init__(self, message, history=None):
        super().__init__(message)
        self.history = history


class PrivacyWarning(SkganWarning):
    """Synthetic rows may disclose training rows (for example exact copies).

    Examples
    --------
    >>> import warnings
    >>> from skgan.exceptions import PrivacyWarning
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("error", PrivacyWarning)  # never release possible copies
    """


class MemoryBudgetError(ValueError, MemoryError):
    """Fitting this input would need more memory than skgan allows it.

    Raised before any work starts, when the memory a fit would need, estimated
    from the input's shape, exceeds 50 times the input's own size (at least
    2 GB): a :class:`ValueError` (bad input, as scikit-learn reports it) and a
    :class:`MemoryError`. The message names what to do, such as passing a
    wide, mostly-zero table as a scipy sparse matrix.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> from skgan import GANSampler
    >>> from skgan.exceptions import MemoryBudgetError
    >>> indices = np.arange(40) * 1_000_000  # one value per row, 50 million columns
    >>> X = sparse.csr_matrix((np.ones(40), indices, np.arange(41)), shape=(40, 50_000_000))
    >>> try:
    ...     GANSampler().fit(X, np.arange(40) % 2)
    ... except MemoryBudgetError as error:
    ...     print(str(error)[:40])
    X is a sparse matrix of 40 rows and 50,0
    """

"""Warnings and errors raised by skgan."""

__all__ = [
    "ModeCollapseWarning",
    "PrivacyWarning",
    "SkganWarning",
    "TrainingDivergedError",
]


class SkganWarning(UserWarning):
    """Base class of every warning skgan emits."""


class ModeCollapseWarning(SkganWarning):
    """The generator's output is far less diverse than the real data."""


class TrainingDivergedError(FloatingPointError):
    """A GAN loss became NaN or infinite during training.

    Attributes
    ----------
    history : ndarray of shape (n_steps, 5)
        Losses recorded up to the failure (generator, critic, Wasserstein
        estimate, gradient penalty, condition loss).
    """

    def __init__(self, message, history=None):
        super().__init__(message)
        self.history = history


class PrivacyWarning(SkganWarning):
    """Synthetic rows may disclose training rows (for example exact copies)."""

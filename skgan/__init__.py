"""skgan: GAN-based over-sampling for imbalanced, mixed-type tables."""

from ._sampler import GANSampler
from ._version import __version__

__all__ = ["GANSampler", "__version__"]

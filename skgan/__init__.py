"""skgan: GAN-based over-sampling for imbalanced, mixed-type tables."""

from ._sampler import GANSampler

__version__ = "0.1.0"

__all__ = ["GANSampler", "__version__"]

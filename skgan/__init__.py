"""skgan: GAN-based over-sampling for imbalanced, mixed-type tables."""

from ._sampler import GANSampler

__version__ = "0.3.0.dev0"

__all__ = ["GANSampler", "__version__"]

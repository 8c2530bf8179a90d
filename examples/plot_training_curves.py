"""
Reading training curves
=======================

TODO
"""

# %%
import os

from skgan import GANSampler

n_steps = int(os.environ.get("SKGAN_EXAMPLE_STEPS", 0)) or "auto"
print(n_steps)

"""skgan's CPU Adam makes the updates of torch.optim.Adam."""

import os
import subprocess
import sys
from pathlib import Path

import torch

from skgan._optim import Adam, adam


def _loss(params):
    weight, bias = params
    return (weight @ bias).sin().sum() + (bias**2).sum()


def test_adam_matches_torch():
    torch.manual_seed(0)
    ours = [torch.nn.Parameter(torch.randn(5, 3)), torch.nn.Parameter(torch.randn(3))]
    theirs = [torch.nn.Parameter(p.detach().clone()) for p in ours]
    options = dict(lr=1e-2, betas=(0.5, 0.9), weight_decay=1e-6)
    optimisers = [(ours, Adam(ours, **options)), (theirs, torch.optim.Adam(theirs, **options))]
    for _ in range(30):
        for params, optimiser in optimisers:
            optimiser.zero_grad()
            _loss(params).backward()
            optimiser.step()
    for a, b in zip(ours, theirs):
        torch.testing.assert_close(a, b, rtol=1e-6, atol=1e-7)


def test_cpu_optimiser_is_ours():
    param = torch.nn.Parameter(torch.zeros(2))
    assert isinstance(adam([param], torch.device("cpu"), lr=1e-3), Adam)
    assert "torch.optim" not in type(adam([param], torch.device("cpu"), lr=1e-3)).__module__


# In a fresh process: stepping our Adam and a whole CPU fit never import torch._dynamo,
# while building and stepping torch.optim.Adam does (what the check would catch).
_DYNAMO_PROBE = """
import sys
import numpy as np
import torch
from skgan import GANSampler
from skgan._optim import adam

seen = lambda: "torch._dynamo" in sys.modules
param = torch.nn.Parameter(torch.ones(3))
optimiser = adam([param], torch.device("cpu"), lr=1e-3)
(param**2).sum().backward()
optimiser.step()
after_step = seen()
rng = np.random.default_rng(0)
X, y = rng.normal(size=(60, 2)), np.r_[np.zeros(45, int), np.ones(15, int)]
tiny = dict(generator_dim=(4,), discriminator_dim=(4,), batch_size=20)
GANSampler(n_steps=2, random_state=0, **tiny).fit_resample(X, y)
after_fit = seen()
torch.optim.Adam([param], lr=1e-3).step()
print(after_step, after_fit, seen())
"""


def test_a_cpu_fit_does_not_import_torch_dynamo():
    root = str(Path(__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": path, "OMP_NUM_THREADS": "1", "CUDA_VISIBLE_DEVICES": ""}
    result = subprocess.run(
        [sys.executable, "-c", _DYNAMO_PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    after_step, after_fit, after_torch_adam = result.stdout.split()
    assert (after_step, after_fit) == ("False", "False"), result.stdout
    assert after_torch_adam == "True"  # the probe does see the import when it happens


def test_zero_grad_drops_or_zeroes_like_torch():
    param = torch.nn.Parameter(torch.ones(3))
    optimiser = Adam([param], lr=1e-3)
    (param * 2).sum().backward()
    grad = param.grad
    optimiser.zero_grad(set_to_none=False)
    assert param.grad is grad and torch.equal(grad, torch.zeros(3))  # kept, zeroed in place
    optimiser.zero_grad()
    assert param.grad is None

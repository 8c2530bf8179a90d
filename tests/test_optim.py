"""skgan's CPU Adam makes the updates of torch.optim.Adam."""

import sys

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
    assert sys.modules  # the point: no torch._dynamo import is needed to build or step it

"""Adam for the CPU without ``torch.optim``'s first-use cost.

Building or stepping a ``torch.optim`` optimiser imports ``torch._dynamo``
(2-3 s in a fresh process, more than a small fit takes: every CLI call and
every joblib worker pays it). On the CPU a training step updates a dozen
small tensors, so the plain update below costs well under a millisecond; on
CUDA, where launches dominate, torch's fused Adam is used instead.
"""

import math

import torch


class Adam:
    """Adam with L2 weight decay (the update of ``torch.optim.Adam``), in place.

    Parameters
    ----------
    params : iterable of Tensor
    lr : float
    betas : tuple of float, default=(0.9, 0.999)
    eps : float, default=1e-8
    weight_decay : float, default=0.0
    """

    def __init__(self, params, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.params = [p for p in params if p.requires_grad]
        self.lr, self.betas, self.eps, self.weight_decay = lr, betas, eps, weight_decay
        self.moments = [(torch.zeros_like(p), torch.zeros_like(p)) for p in self.params]
        self.steps = 0

    def zero_grad(self, set_to_none=True):
        """Clear the gradients: drop them (default) or fill them with zeros in place."""
        for p in self.params:
            if set_to_none or p.grad is None:
                p.grad = None
            else:
                p.grad.zero_()

    @torch.no_grad()
    def step(self):
        self.steps += 1
        beta1, beta2 = self.betas
        correction1 = 1.0 - beta1**self.steps
        root2 = math.sqrt(1.0 - beta2**self.steps)
        for p, (mean, square) in zip(self.params, self.moments):
            if p.grad is None:
                continue
            grad = p.grad.add(p, alpha=self.weight_decay) if self.weight_decay else p.grad
            mean.lerp_(grad, 1.0 - beta1)
            square.mul_(beta2).addcmul_(grad, grad, value=1.0 - beta2)
            denominator = (square.sqrt() / root2).add_(self.eps)
            p.addcdiv_(mean, denominator, value=-self.lr / correction1)


def adam(params, device, **options):
    """The Adam optimiser for ``device``: torch's fused one on CUDA, :class:`Adam` elsewhere."""
    if device.type == "cuda":
        return torch.optim.Adam(params, fused=True, **options)
    return Adam(params, **options)

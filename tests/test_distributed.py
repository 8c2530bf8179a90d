"""Data-parallel training over two CPU processes on the gloo backend (as under torchrun)."""

import numpy as np
import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from skgan import GANSampler

from .conftest import FAST_PARAMS


def _worker(rank, world, init_file, out_dir):
    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"file://{init_file}", rank=rank, world_size=world)
    try:
        rng = np.random.default_rng(0)
        X = rng.normal(size=(200, 3))
        y = (rng.random(200) < 0.2).astype(int)
        sampler = GANSampler(**FAST_PARAMS).fit(X, y)
        torch.save(
            {
                "weights": sampler.generator_.state_dict(),
                "losses": [h["loss_discriminator"] for h in sampler.history_],
                "rows": torch.tensor(sampler.sample(20, y=1)),
            },
            f"{out_dir}/rank{rank}.pt",
        )
    finally:
        dist.destroy_process_group()


@pytest.mark.skipif(not dist.is_available(), reason="torch built without distributed support")
def test_two_processes_train_one_model(tmp_path):
    mp.spawn(_worker, args=(2, tmp_path / "init", tmp_path), nprocs=2, join=True)
    a, b = (torch.load(tmp_path / f"rank{r}.pt", weights_only=True) for r in (0, 1))
    for name, tensor in a["weights"].items():
        torch.testing.assert_close(tensor, b["weights"][name], msg=name)
    assert a["losses"] != b["losses"], "each process must train on its own batches"
    torch.testing.assert_close(a["rows"], b["rows"])

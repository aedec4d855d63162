"""PyTorch peer for rpf's training workloads, written as a careful PyTorch user would.

Usage: torch_train.py THREADS MEMBERS EPOCHS POINTS WIDTH. Full-batch Adam on the notebook's toy
data with WIDTH-WIDTH ELU nets. Members are stacked on a leading axis and computed with one
batched matmul (baddbmm) per layer; one Adam optimiser steps all members at once. The frozen
prior's outputs on the training set are computed once. Prints one JSON line: {"trainSeconds": ...}.
"""

import json
import math
import sys
import time

import torch

THREADS, MEMBERS, EPOCHS, POINTS, WIDTH = (int(a) for a in (sys.argv[1:6] + ["1", "9", "3000", "100", "16"][len(sys.argv) - 1 :]))
BETA, LR = 3.0, 0.03
torch.set_num_threads(THREADS)
torch.manual_seed(0)


def glorot(fan_in, fan_out):
    std = math.sqrt(2.0 / (fan_in + fan_out)) / 0.87962566103423978
    return torch.nn.init.trunc_normal_(torch.empty(MEMBERS, fan_in, fan_out), std=std, a=-2 * std, b=2 * std)


def make_net():
    sizes = [(1, WIDTH), (WIDTH, WIDTH), (WIDTH, 1)]
    return [(glorot(i, o), torch.zeros(MEMBERS, 1, o)) for i, o in sizes]


def forward(net, x):
    h = x
    for index, (w, b) in enumerate(net):
        h = torch.baddbmm(b, h, w)
        if index < len(net) - 1:
            h = torch.nn.functional.elu(h)
    return h


x = torch.rand(POINTS, 1) * 0.5
eps = torch.randn(POINTS, 3) * 0.02
y = x + 0.3 * torch.sin(2 * math.pi * (x + eps[:, :1])) + 0.3 * torch.sin(4 * math.pi * (x + eps[:, 1:2])) + eps[:, 2:]
counts = torch.stack([torch.bincount(torch.randint(0, POINTS, (POINTS,)), minlength=POINTS) for _ in range(MEMBERS)]).float()
weights = counts.unsqueeze(-1)
xs = x.expand(MEMBERS, POINTS, 1).contiguous()
ys = y.expand(MEMBERS, POINTS, 1).contiguous()

prior = make_net()
trainable = make_net()
params = [t.requires_grad_() for pair in trainable for t in pair]
optimizer = torch.optim.Adam(params, lr=LR, betas=(0.9, 0.999), eps=1e-8)

started = time.perf_counter()
with torch.no_grad():
    prior_out = BETA * forward(prior, xs)
for _ in range(EPOCHS):
    optimizer.zero_grad(set_to_none=True)
    residual = forward(trainable, xs) + prior_out - ys
    # Per-member weighted MSE, summed over members so each member gets its own gradient.
    loss = (weights * residual.square()).mean(dim=(1, 2)).sum()
    loss.backward()
    optimizer.step()
elapsed = time.perf_counter() - started
print(json.dumps({"trainSeconds": elapsed, "torch": torch.__version__, "threads": torch.get_num_threads()}))

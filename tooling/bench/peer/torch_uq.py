"""PyTorch peer for rpf's uncertainty benchmark (the UCI protocol), written as a careful user would.

Usage: torch_uq.py TRAIN_CSV TEST_CSV TARGET SEED [THREADS]

A heteroscedastic deep ensemble (Lakshminarayanan, Pritzel & Blundell 2017): 5 members, each an MLP
with one hidden layer of 50 ReLU units and two outputs, mean and variance = softplus(raw) + 1e-6,
trained on the Gaussian negative log-likelihood with Adam (lr 1e-3, minibatches of 32). Inputs get
the same preprocessing as rpf's tabular preset: each input column with at least 3 distinct values
is Yeo-Johnson transformed with the maximum-likelihood λ of the training split (scipy's
yeojohnson_normmax, held to rpf's search range [-3, 3]); then inputs and target are standardised
with the training split's mean and std (the population std, as rpf does). Each member holds out the same random 10% of the training split and keeps the weights of
its best validation NLL (early stopping, patience 20 epochs, at most 1000 epochs) — the tuning a
careful user does without looking at the test split. The predictive is the uniform mixture: mean of
the member means, variance = mean of member variances + variance of member means.

Prints one JSON line: {"mean": [...], "std": [...], "trainSeconds": s} in the target's units,
one value per test row in file order.
"""

import csv
import json
import sys
import time

import torch
from scipy import stats

MEMBERS, HIDDEN, LR, BATCH, PATIENCE, MAX_EPOCHS, VARIANCE_FLOOR = 5, 50, 1e-3, 32, 20, 1000, 1e-6
LAMBDA_RANGE = (-3.0, 3.0)


def read_csv(path, target):
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    y_index = header.index(target)
    x = [[float(cell) for i, cell in enumerate(row) if i != y_index] for row in body]
    y = [[float(row[y_index])] for row in body]
    return torch.tensor(x, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)


def yeo_johnson(x, x_test):
    """Each column of x and x_test through the Yeo-Johnson transform fitted on x's column."""
    x, x_test = x.clone(), x_test.clone()
    for column in range(x.shape[1]):
        values = x[:, column].numpy()
        if len(set(values.tolist())) < 3:
            continue
        lam = min(max(float(stats.yeojohnson_normmax(values)), LAMBDA_RANGE[0]), LAMBDA_RANGE[1])
        x[:, column] = torch.from_numpy(stats.yeojohnson(values, lam))
        x_test[:, column] = torch.from_numpy(stats.yeojohnson(x_test[:, column].numpy(), lam))
    return x, x_test


def make_member(inputs):
    return torch.nn.Sequential(
        torch.nn.Linear(inputs, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 2)
    ).double()


def mean_and_variance(member, x):
    raw = member(x)
    return raw[:, :1], torch.nn.functional.softplus(raw[:, 1:]) + VARIANCE_FLOOR


def nll(member, x, y):
    mean, variance = mean_and_variance(member, x)
    return torch.nn.functional.gaussian_nll_loss(mean, y, variance, full=True, eps=VARIANCE_FLOOR)


def train_member(x, y, x_valid, y_valid, generator):
    member = make_member(x.shape[1])
    optimizer = torch.optim.Adam(member.parameters(), lr=LR)
    best, best_state, waited = float("inf"), None, 0
    for _ in range(MAX_EPOCHS):
        order = torch.randperm(x.shape[0], generator=generator)
        for start in range(0, x.shape[0], BATCH):
            batch = order[start : start + BATCH]
            optimizer.zero_grad(set_to_none=True)
            nll(member, x[batch], y[batch]).backward()
            optimizer.step()
        with torch.no_grad():
            score = nll(member, x_valid, y_valid).item()
        if score < best:
            best, waited = score, 0
            best_state = {name: value.clone() for name, value in member.state_dict().items()}
        else:
            waited += 1
            if waited >= PATIENCE:
                break
    member.load_state_dict(best_state)
    return member


def main():
    train_path, test_path, target, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    torch.set_num_threads(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    x, y = read_csv(train_path, target)
    x_test, _ = read_csv(test_path, target)
    x, x_test = yeo_johnson(x, x_test)
    x_mean, x_std = x.mean(0), x.std(0, unbiased=False).clamp_min(1e-12)
    y_mean, y_std = y.mean(0), y.std(0, unbiased=False).clamp_min(1e-12)
    xs, ys, xs_test = (x - x_mean) / x_std, (y - y_mean) / y_std, (x_test - x_mean) / x_std

    started = time.perf_counter()
    order = torch.randperm(xs.shape[0], generator=generator)
    valid_rows = max(1, round(0.1 * xs.shape[0]))
    valid, fit = order[:valid_rows], order[valid_rows:]
    members = [train_member(xs[fit], ys[fit], xs[valid], ys[valid], generator) for _ in range(MEMBERS)]
    elapsed = time.perf_counter() - started

    with torch.no_grad():
        outputs = [mean_and_variance(member, xs_test) for member in members]
    means = torch.stack([mean for mean, _ in outputs])
    variances = torch.stack([variance for _, variance in outputs])
    mixture_mean = means.mean(0)
    mixture_variance = variances.mean(0) + means.var(0, unbiased=False)
    print(json.dumps({
        "mean": (mixture_mean * y_std + y_mean).squeeze(1).tolist(),
        "std": (mixture_variance.sqrt() * y_std).squeeze(1).tolist(),
        "trainSeconds": elapsed,
        "torch": torch.__version__,
    }))


main()

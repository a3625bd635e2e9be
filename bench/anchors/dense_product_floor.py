#!/usr/bin/env python3
"""The product floor of a dense network's training epoch: how long the epoch's matrix products
alone take at the rates this machine's OpenBLAS reaches for each of their shapes, one thread.

Usage: dense_product_floor.py [--widths 784,256,256,10] [--batch 64] [--samples 10000]
                              [--dtype float64|float32] [--json]

For widths n_0, ..., n_L and a batch of B samples, every layer n_{i-1} -> n_i takes three
products per step: the forward Y = X W^T (B x n_{i-1} by n_{i-1} x n_i), the weight gradient
dW = dY^T X (n_i x B by B x n_{i-1}) and the input gradient dX = dY W (B x n_i by n_i x n_{i-1}),
the last one for every layer but the first (nobody reads the data's gradient; PyTorch and radnet
skip it). Each product's rate is the best of 5 rounds of numpy.matmul into a preallocated result,
each round at least 2*10^8 multiply-adds, timed by the process's CPU time; the floor is the sum
over the products of (multiply-adds per step / rate) times the steps of one epoch,
ceil(samples / B) (the last, partial step counted whole, as the epoch runs it).

numpy runs on the system's OpenBLAS (Debian's libopenblas0-pthread); OPENBLAS_CORETYPE selects
its kernels (Haswell: AVX2; SkylakeX or Cooperlake: AVX-512), and the environment decides it:
run it under each setting to compare (docs/cnn.md, "Which kernels OpenBLAS runs here").
"""
import argparse
import json
import math
import os
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402  (after the thread limits, which OpenBLAS reads when loaded)


def positive_ints(text):
    try:
        values = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated positive integers, got '{text}'")
    if len(values) < 2 or any(value < 1 for value in values):
        raise argparse.ArgumentTypeError(f"expected at least two positive widths, got '{text}'")
    return values


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got '{text}'")
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got '{text}'")
    return value


def products(widths, batch):
    """(name, M, K, N) of every product of one training step, C = A (M x K) B (K x N)."""
    for layer, (fan_in, fan_out) in enumerate(zip(widths, widths[1:])):
        yield f"forward {fan_in}->{fan_out}", batch, fan_in, fan_out
        yield f"dW {fan_in}->{fan_out}", fan_out, batch, fan_in
        if layer > 0:
            yield f"dX {fan_in}->{fan_out}", batch, fan_out, fan_in


def best_seconds(left, right, out):
    multiply_adds = left.shape[0] * left.shape[1] * right.shape[1]
    repeats = max(1, int(2e8 / multiply_adds))
    np.matmul(left, right, out=out)
    best = math.inf
    for _ in range(5):
        start = time.process_time()
        for _ in range(repeats):
            np.matmul(left, right, out=out)
        best = min(best, (time.process_time() - start) / repeats)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--widths", type=positive_ints, default=[784, 256, 256, 10])
    parser.add_argument("--batch", type=positive_int, default=64)
    parser.add_argument("--samples", type=positive_int, default=10000)
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args()
    steps = math.ceil(args.samples / args.batch)
    generator = np.random.default_rng(1)
    rows = []
    for name, rows_m, inner_k, columns_n in products(args.widths, args.batch):
        left = generator.random((rows_m, inner_k)).astype(args.dtype)
        right = generator.random((inner_k, columns_n)).astype(args.dtype)
        out = np.empty((rows_m, columns_n), dtype=args.dtype)
        seconds = best_seconds(left, right, out)
        multiply_adds = rows_m * inner_k * columns_n
        rows.append({"product": name, "shape": [rows_m, inner_k, columns_n], "multiplyAdds": multiply_adds,
                     "ratePerSecond": multiply_adds / seconds, "epochMs": seconds * steps * 1e3})
    floor_ms = sum(row["epochMs"] for row in rows)
    epoch_multiply_adds = sum(row["multiplyAdds"] for row in rows) * steps
    coretype = os.environ.get("OPENBLAS_CORETYPE", "")
    if args.json:
        json.dump({"widths": args.widths, "batch": args.batch, "samples": args.samples, "dtype": args.dtype,
                   "openblasCoretype": coretype, "epochMultiplyAdds": epoch_multiply_adds, "floorMs": floor_ms,
                   "products": rows}, sys.stdout)
        print()
        return
    print(f"{args.dtype}, one thread, OPENBLAS_CORETYPE={coretype or '(unset: detected)'}; "
          f"{steps} steps of batch {args.batch}")
    for row in rows:
        m, k, n = row["shape"]
        print(f"{row['product']:<18} {m:>5} x {k:>5} . {k:>5} x {n:>5}  {row['ratePerSecond'] / 1e9:6.1f}e9/s"
              f"  {row['epochMs']:8.1f} ms per epoch")
    print(f"epoch: {epoch_multiply_adds:.3g} multiply-adds, {floor_ms:.0f} ms of products at these rates")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""numpy's run of what `./radnet compress MODEL -o OUT` does, as a whole process: the anchor that
the `radnet compress` process is timed against (docs/default-backend.md).

Reads a radnet radial-network .safetensors file (F64, layers.{i}.weight / layers.{i}.bias, radial
sigmoid without shifts), QR-compresses it with the economy algorithm (Algorithm 1 of the radial
paper with A_1 = [b_1 W_1]; for each hidden layer the economy QR A_i = Q_i R_i with diag(R_i) >= 0,
b^red_i, W^red_i the columns of R_i, A_{i+1} = [b_{i+1} W_{i+1} Q_i]), checks max |F - F_red| on
N seeded inputs from [-3, 3]^n0 (default 1000, as radnet's --check) and writes the reduced network
as F64 safetensors.

Usage: numpy_compress.py MODEL.safetensors OUT.safetensors [--check N]
Needs numpy (Debian's python3-numpy, run with /usr/bin/python3). Threads: numpy's BLAS decides
(OPENBLAS_NUM_THREADS / OMP_NUM_THREADS).
"""
import argparse
import json
import os
import struct
import sys

import numpy as np


def read_safetensors(path):
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        if spec["dtype"] != "F64":
            sys.exit(f"{path}: tensor {name} is {spec['dtype']}, this anchor reads F64 only")
        start, end = spec["data_offsets"]
        tensors[name] = np.frombuffer(data[start:end], dtype="<f8").reshape(spec["shape"])
    return header.get("__metadata__", {}), tensors


def write_safetensors(path, metadata, tensors):
    header, offset, blobs = {"__metadata__": metadata}, 0, []
    for name, t in tensors.items():
        blob = np.ascontiguousarray(t, dtype="<f8").tobytes()
        header[name] = {"dtype": "F64", "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)
    os.replace(tmp, path)


def economy_qr(a):
    q, r = np.linalg.qr(a, mode="reduced")
    signs = np.where(np.diag(r) < 0, -1.0, 1.0)
    return q * signs, r * signs[:, None]


def compress(weights, biases):
    layers = len(weights)
    a = np.column_stack([biases[0], weights[0]])
    red_w, red_b = [], []
    for i in range(layers - 1):
        q, r = economy_qr(a)
        red_b.append(r[:, 0])
        red_w.append(r[:, 1:])
        a = np.column_stack([biases[i + 1], weights[i + 1] @ q])
    red_b.append(a[:, 0])
    red_w.append(a[:, 1:])
    return red_w, red_b


def forward(weights, biases, x):
    h = x
    for i, (w, b) in enumerate(zip(weights, biases)):
        h = h @ w.T + b
        if i < len(weights) - 1:
            r = np.linalg.norm(h, axis=1, keepdims=True)
            safe = np.where(r > 0, r, 1.0)
            h = np.where(r > 0, h * (1.0 / (1.0 + np.exp(-r)) / safe), 0.0)
    return h


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("out")
    p.add_argument("--check", type=int, default=1000)
    a = p.parse_args()
    metadata, tensors = read_safetensors(a.model)
    layers = sum(1 for name in tensors if name.endswith(".weight"))
    weights = [tensors[f"layers.{i}.weight"] for i in range(layers)]
    biases = [tensors[f"layers.{i}.bias"] for i in range(layers)]
    red_w, red_b = compress(weights, biases)
    x = np.random.default_rng(1).uniform(-3, 3, size=(a.check, weights[0].shape[1]))
    diff = np.abs(forward(weights, biases, x) - forward(red_w, red_b, x)).max()
    out = {}
    for i in range(layers):
        out[f"layers.{i}.weight"] = red_w[i]
        out[f"layers.{i}.bias"] = red_b[i]
    widths = [weights[0].shape[1]] + [w.shape[0] for w in red_w]
    metadata = dict(metadata, widths=json.dumps(widths))
    write_safetensors(a.out, metadata, out)
    print(f"wrote {a.out}: widths {[weights[0].shape[1]] + [w.shape[0] for w in weights]} -> {widths}, "
          f"max |F - F_red| on {a.check} inputs: {diff:.3e}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The anchor of `radnet compress` as a whole process: QR-compress a radnet radial network
(safetensors, F64) with numpy's economy QR, check F against F_red on random inputs, write the
reduced network.

Usage: numpy_compress.py MODEL.safetensors OUT.safetensors [--check N]

The algorithm (the radial paper's Algorithm 1, economy form): Q_0 = I; for every hidden layer i,
the augmented n_i x (1 + m_{i-1}) matrix [b_i | W_i Q_{i-1}] = Q_i R_i (numpy.linalg.qr, mode
"reduced"), m_i = min(n_i, 1 + m_{i-1}); the reduced layer's bias is R_i's first column, its
weights the rest; the output layer is (W_L Q_{L-1}, b_L). Radial activations commute with the
orthogonal Q_i, so F_red = F. The check runs N inputs uniform in [-3, 3]^n0 (seeded) through both
networks (radial sigmoid, rho(z) = sigmoid(|z|) z / |z|) and prints max |F - F_red|, as
`radnet compress --check N` (default 1000) does.
"""
import json, struct, sys
import numpy as np


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    size = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + size])
    meta = header.pop("__metadata__", {})
    if meta.get("kind") != "radial" or meta.get("activation") != "sigmoid":
        sys.exit(f"{path}: expected a radnet radial network with the sigmoid profile, got {meta}")
    body = data[8 + size:]
    tensors = {}
    for name, info in header.items():
        if info["dtype"] != "F64":
            sys.exit(f"{path}: {name} is {info['dtype']}, expected F64")
        start, end = info["data_offsets"]
        tensors[name] = np.frombuffer(body[start:end], dtype="<f8").reshape(info["shape"])
    layers = len(json.loads(meta["widths"])) - 1
    return [(tensors[f"layers.{i}.weight"], tensors[f"layers.{i}.bias"]) for i in range(layers)]


def write(path, layers):
    widths = [layers[0][0].shape[1]] + [w.shape[0] for w, _ in layers]
    header, chunks, offset = {}, [], 0
    header["__metadata__"] = {"format": "radnet", "kind": "radial", "widths": json.dumps(widths).replace(" ", ""),
                              "activation": "sigmoid", "trainable_shifts": "false"}
    for i, (w, b) in enumerate(layers):
        for name, t in ((f"layers.{i}.weight", w), (f"layers.{i}.bias", b)):
            raw = np.ascontiguousarray(t, dtype="<f8").tobytes()
            header[name] = {"dtype": "F64", "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
            chunks.append(raw)
            offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def compress(layers):
    reduced, q = [], None
    for w, b in layers[:-1]:
        moved = w if q is None else w @ q
        qi, r = np.linalg.qr(np.column_stack([b, moved]), mode="reduced")
        reduced.append((r[:, 1:], r[:, 0]))
        q = qi
    w, b = layers[-1]
    reduced.append((w @ q, b.copy()))
    return reduced


def forward(layers, x):
    h = x
    for i, (w, b) in enumerate(layers):
        h = h @ w.T + b
        if i < len(layers) - 1:
            r = np.linalg.norm(h, axis=1, keepdims=True)
            h = h * np.where(r > 0, 1 / (1 + np.exp(-r)) / np.where(r > 0, r, 1), 0.5)
    return h


def main():
    args = sys.argv[1:]
    check = 1000
    if "--check" in args:
        at = args.index("--check")
        check = int(args[at + 1])
        del args[at:at + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    layers = read(args[0])
    reduced = compress(layers)
    x = np.random.default_rng(1).uniform(-3, 3, size=(check, layers[0][0].shape[1]))
    difference = np.max(np.abs(forward(layers, x) - forward(reduced, x)))
    write(args[1], reduced)
    widths = [reduced[0][0].shape[1]] + [w.shape[0] for w, _ in reduced]
    print(f"reduced widths {widths}, max |F - F_red| = {difference:.3g} on {check} inputs")


main()

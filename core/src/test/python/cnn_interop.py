"""PyTorch side of io.radnet.core.io.CnnInteropTest (Debian's python3-torch, no safetensors package).

A CNN file's metadata "layers" lists its modules (Conv2d(in,out,k,stride,padding,bias); BatchNorm2d(C);
BatchNorm1d(C); ReLU(); MaxPool2d(k,stride); Dropout(p); Flatten(); Linear(in,out,bias)), separated by ";";
the equivalent torch.nn.Sequential has the same state-dict names (0.weight, 1.running_mean, ...).

  forward MODEL.safetensors IN.csv OUT.csv
      build the nn.Sequential the radnet file describes, load its tensors with a strict load_state_dict,
      and write its float64 evaluation-mode outputs on IN.csv (one flattened NCHW sample per row) to OUT.csv
  train-step MODEL.safetensors IN.csv R.csv OUT.csv GRADIENT.csv STATISTICS.csv
      load a radnet file (its dropout must have p = 0), run one training-mode batch on IN.csv and the
      backward pass of L = sum(R * output); write the outputs, the parameters' gradients (one row, in
      named_parameters order) and every batch norm's running mean then running variance afterwards (one row)
  export OUT.safetensors LAYERS C,H,W SEED IN.csv OUT.csv
      build that nn.Sequential seeded, give batch normalisation random affine parameters and run two
      training-mode batches (running statistics and num_batches_tracked move), then save its plain state
      dict (metadata {"format": "pt"}: F64 tensors, num_batches_tracked as I64 as PyTorch keeps it) and write
      its evaluation-mode outputs on IN.csv
"""
import json
import re
import struct
import sys

import torch

from safetensors_interop import read_csv, read_safetensors, write_csv


def module(spec):
    name, args = re.fullmatch(r"(\w+)\((.*)\)", spec.strip()).groups()
    a = [v.strip() for v in args.split(",")] if args.strip() else []
    if name == "Conv2d":
        return torch.nn.Conv2d(int(a[0]), int(a[1]), int(a[2]), stride=int(a[3]), padding=int(a[4]), bias=a[5] == "true")
    if name == "Linear":
        return torch.nn.Linear(int(a[0]), int(a[1]), bias=a[2] == "true")
    if name == "BatchNorm2d":
        return torch.nn.BatchNorm2d(int(a[0]))
    if name == "BatchNorm1d":
        return torch.nn.BatchNorm1d(int(a[0]))
    if name == "MaxPool2d":
        return torch.nn.MaxPool2d(int(a[0]), stride=int(a[1]))
    if name == "Dropout":
        return torch.nn.Dropout(float(a[0]))
    if name == "ReLU":
        return torch.nn.ReLU()
    if name == "Flatten":
        return torch.nn.Flatten()
    raise ValueError("unknown module " + spec)


def sequential(layers):
    return torch.nn.Sequential(*[module(spec) for spec in layers.split(";")]).double()


def forward(model_path, inputs, outputs):
    metadata, tensors = read_safetensors(model_path)
    assert metadata["format"] == "radnet" and metadata["kind"] == "cnn", metadata
    net = sequential(metadata["layers"])
    channels, height, width = (int(v) for v in metadata["input"].split("x"))
    net.load_state_dict(tensors, strict=True)
    net.eval()
    with torch.no_grad():
        x = read_csv(inputs).reshape(-1, channels, height, width)
        write_csv(outputs, net(x))


def train_step(model_path, inputs, weights, outputs, gradient, statistics):
    metadata, tensors = read_safetensors(model_path)
    net = sequential(metadata["layers"])
    channels, height, width = (int(v) for v in metadata["input"].split("x"))
    net.load_state_dict(tensors, strict=True)
    net.train()
    out = net(read_csv(inputs).reshape(-1, channels, height, width))
    (out * read_csv(weights)).sum().backward()
    write_csv(outputs, out.detach())
    write_csv(gradient, torch.cat([p.grad.flatten() for p in net.parameters()]).reshape(1, -1))
    stats = [t.flatten() for m in net if isinstance(m, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d))
             for t in (m.running_mean, m.running_var)]
    write_csv(statistics, torch.cat(stats).reshape(1, -1))


def write_state_dict(path, state):
    header = {"__metadata__": {"format": "pt"}}
    chunks = []
    offset = 0
    for name, t in state.items():
        values = t.detach().contiguous().flatten().tolist()
        dtype, code = ("I64", "q") if t.dtype == torch.int64 else ("F64", "d")
        raw = struct.pack("<%d%s" % (len(values), code), *values)
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in chunks:
            f.write(raw)


def export(path, layers, shape, seed, inputs, outputs):
    torch.manual_seed(seed)
    net = sequential(layers)
    channels, height, width = (int(v) for v in shape.split(","))
    with torch.no_grad():
        for m in net:
            if isinstance(m, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
        net.train()
        for _ in range(2):
            net(torch.randn(6, channels, height, width, dtype=torch.float64))
    write_state_dict(path, net.state_dict())
    net.eval()
    with torch.no_grad():
        write_csv(outputs, net(read_csv(inputs).reshape(-1, channels, height, width)))


if __name__ == "__main__":
    if sys.argv[1] == "forward":
        forward(*sys.argv[2:5])
    elif sys.argv[1] == "train-step":
        train_step(*sys.argv[2:8])
    elif sys.argv[1] == "export":
        export(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6], sys.argv[7])
    else:
        sys.exit("unknown mode " + sys.argv[1])

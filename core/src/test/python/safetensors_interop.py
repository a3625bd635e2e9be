"""PyTorch side of io.radnet.core.io.PyTorchInteropTest (Debian's python3-torch, no safetensors package).

The safetensors format is simple enough to read and write with struct and json: an 8-byte
little-endian header length, a JSON header {name: {dtype, shape, data_offsets}, "__metadata__": {...}},
then the raw little-endian tensor bytes. The radial network below is the reference implementation's
module layout (layers.{i} = nn.Linear, act_fns.{i}.bias = the shift s, rho(z) = eta(|z| + s) z/|z|).

  forward MODEL.safetensors IN.csv OUT.csv
      load a file radnet wrote into the PyTorch module (strict state-dict load), run it on IN.csv in
      float64 and write the outputs to OUT.csv
  export OUT.safetensors F32|F64 SEED IN.csv OUT.csv
      build a seeded (3, 8, 6, 2) radial sigmoid network with shifts, save its plain state dict
      (metadata {"format": "pt"}, as safetensors.torch.save_file would) in the given dtype, and
      write its float64 outputs on IN.csv (computed from the stored, rounded values) to OUT.csv
  export-sequential OUT.safetensors F32|F64 SEED IN.csv OUT.csv
      the same for a seeded nn.Sequential(Linear(3, 7), Tanh(), Linear(7, 5), Tanh(), Linear(5, 2)) MLP,
      whose state dict has PyTorch's native names 0.weight, 0.bias, 2.weight, ... (the Tanh modules
      hold indices 1 and 3 without parameters)
"""
import json
import struct
import sys

import torch

ETA = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "squash": lambda r: r * r / (r * r + 1),
    "step-relu": lambda r: torch.where(r >= 1, r, torch.zeros_like(r)),
}
DTYPES = {"F64": (torch.float64, "d"), "F32": (torch.float32, "f")}


class RadialActivation(torch.nn.Module):
    def __init__(self, eta, shift=0.0):
        super().__init__()
        self.eta = eta
        self.bias = torch.nn.Parameter(torch.tensor([shift], dtype=torch.float64))

    def forward(self, z):
        r = torch.linalg.norm(z, dim=1, keepdim=True)
        safe = torch.where(r > 0, r, torch.ones_like(r))
        scale = torch.where(r > 0, self.eta(r + self.bias) / safe, torch.zeros_like(r))
        return scale * z


class RadialNetwork(torch.nn.Module):
    def __init__(self, widths, eta, shifts):
        super().__init__()
        self.layers = torch.nn.ModuleList(
            torch.nn.Linear(widths[i], widths[i + 1]).double() for i in range(len(widths) - 1))
        self.act_fns = torch.nn.ModuleList(RadialActivation(eta) for _ in range(len(widths) - 2)) if shifts else None
        self.eta = eta

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = self.act_fns[i](x) if self.act_fns is not None else RadialActivation(self.eta)(x)
        return x


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    metadata = header.pop("__metadata__", {})
    buffer = data[8 + n:]
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype, _ = DTYPES[entry["dtype"]]
        flat = torch.frombuffer(bytearray(buffer[begin:end]), dtype=dtype) if end > begin else torch.zeros(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"]).to(torch.float64)
    return metadata, tensors


def write_safetensors(path, tensors, metadata, dtype_name):
    _, code = DTYPES[dtype_name]
    header = {"__metadata__": metadata}
    chunks = []
    offset = 0
    for name, t in tensors.items():
        values = t.detach().contiguous().flatten().tolist()
        raw = struct.pack("<%d%s" % (len(values), code), *values)
        header[name] = {"dtype": dtype_name, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in chunks:
            f.write(raw)


def read_csv(path):
    with open(path) as f:
        return torch.tensor([[float(v) for v in line.split(",")] for line in f if line.strip()], dtype=torch.float64)


def write_csv(path, t):
    with open(path, "w") as f:
        for row in t.tolist():
            f.write(",".join(repr(v) for v in row) + "\n")


def forward(model_path, inputs, outputs):
    metadata, tensors = read_safetensors(model_path)
    assert metadata["format"] == "radnet" and metadata["kind"] == "radial", metadata
    widths = json.loads(metadata["widths"])
    net = RadialNetwork(widths, ETA[metadata["activation"]], shifts="act_fns.0.bias" in tensors)
    net.load_state_dict(tensors, strict=True)
    with torch.no_grad():
        write_csv(outputs, net(read_csv(inputs)))


def export(path, dtype_name, seed, inputs, outputs):
    torch.manual_seed(seed)
    net = RadialNetwork([3, 8, 6, 2], torch.sigmoid, shifts=True)
    with torch.no_grad():
        for act in net.act_fns:
            act.bias.uniform_(-0.5, 0.5)
    dtype, _ = DTYPES[dtype_name]
    state = {name: t.to(dtype) for name, t in net.state_dict().items()}
    write_safetensors(path, state, {"format": "pt"}, dtype_name)
    net.load_state_dict({name: t.to(torch.float64) for name, t in state.items()})
    with torch.no_grad():
        write_csv(outputs, net(read_csv(inputs)))


def export_sequential(path, dtype_name, seed, inputs, outputs):
    torch.manual_seed(seed)
    net = torch.nn.Sequential(torch.nn.Linear(3, 7), torch.nn.Tanh(), torch.nn.Linear(7, 5), torch.nn.Tanh(),
                              torch.nn.Linear(5, 2)).double()
    dtype, _ = DTYPES[dtype_name]
    state = {name: t.to(dtype) for name, t in net.state_dict().items()}
    write_safetensors(path, state, {"format": "pt"}, dtype_name)
    net.load_state_dict({name: t.to(torch.float64) for name, t in state.items()})
    with torch.no_grad():
        write_csv(outputs, net(read_csv(inputs)))


if __name__ == "__main__":
    if sys.argv[1] == "forward":
        forward(*sys.argv[2:5])
    elif sys.argv[1] == "export":
        export(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6])
    elif sys.argv[1] == "export-sequential":
        export_sequential(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6])
    else:
        sys.exit("unknown mode " + sys.argv[1])

"""radnet's networks as PyTorch modules, and radnet's model files read and written in Python.

Needs only torch (the ``safetensors`` package is not used: the format is read and written with
``struct`` and ``json``). Everything computes in float64, as radnet does, so a network loaded
here gives radnet's outputs to rounding (the tests in radnet's build check 1e-12).

Networks
--------
``RadialNetwork(widths, activation, shifts=None, trainable_shifts=True)``
    F = W_L ∘ ρ ∘ W_{L-1} ∘ … ∘ ρ ∘ W_1 with affine layers W_i(x) = A_i x + b_i (``nn.Linear``,
    n_{i-1} → n_i) and, after every hidden layer, the radial rescaling activation of the radial
    paper (§3) and its reference implementation::

        ρ(v) = η(|v| + s) · v / |v|,   ρ(0) = 0   (|v| below the smallest normal double counts as 0)

    with |v| the Euclidean norm over the last dimension, a profile η and an activation shift s
    (none, one number for every hidden layer, or one per hidden layer; trainable unless
    ``trainable_shifts=False``, then a buffer). Profiles, as radnet names them
    (case-insensitive): ``sigmoid``, ``tanh``, ``relu`` (max(0, r)), ``step-relu`` (r for
    r ≥ 1, else 0), ``squash`` (r²/(r² + 1)) and ``shifted-relu:B`` (max(0, r − B)).

``Mlp(widths, activation)``
    The same affine layers with a pointwise activation σ after every hidden layer:
    ``relu``, ``leaky-relu:A`` (x for x > 0, else A·x; A = 0.01 if omitted), ``sigmoid``,
    ``tanh``, ``elu:A`` (x for x > 0, else A(eˣ − 1); A = 1 if omitted), ``softplus``
    (max(x, 0) + log1p(e^{−|x|}), exact also for large x) and ``identity``.

``RCNet(widths, repetitions, activation="relu")``
    A repeated-composition network F = L₂ ∘ g^{∘r} ∘ L₁ for widths (d, m, h₁, …, h_{k−1}, m, out):
    L₁ = ``layers.0`` (ℝ^d → ℝ^m, no activation), g(v) = σ(A_k σ(… σ(A₁ v + c₁) …) + c_k) made of
    ``layers.1`` … ``layers.k``, applied r times with the same parameters, and L₂ = ``layers.{k+1}``
    (radnet's ``RepeatedCompositionNetwork``). With r = 1 it is the MLP (identity, σ, …, σ).

``RepeatedCompositionNetwork(widths, compositions, block_activations)``
    The layout of radnet's RCNet model files (``kind=rcnet``, radnet's ``RcnetFiles``):
    F = L₂ ∘ g^{∘r} ∘ L₁ with L₁ = ``input`` (ℝ^d → ℝ^m), g made of ``block.{j}`` (σ_j after
    layer j, ``identity`` for an affine end, as the constructions of the RCNet paper end g) and
    L₂ = ``output``; widths (d, m, h₁, …, h_{k−1}, m, out), r = ``compositions``.

``HyperNetwork(x_width, generator_widths, generator_activations, primary_widths, primary_activation, primary_biases)``
    The hypernetworks paper's h(x, I) = g(x; f(I)) (its eq. (2)), radnet's ``HyperNetwork``, on
    rows [x | I] (the first ``x_width`` = d_x columns x, the rest I): the weight generator f is
    ``generator.{i}`` (``nn.Linear`` layers, the i-th hidden one followed by
    ``generator_activations[i]``); the primary network g of widths ``primary_widths`` (d_x, …, out)
    has no parameters of its own: per sample, θ = f(I) holds W_1 … W_L (each n_i × n_{i-1},
    row-major), then b_1 … b_L when ``primary_biases``, and g(x; θ) = W_L σ(… σ(W_1 x + b_1) …) + b_L
    with σ = ``primary_activation``.

``EmbeddingNetwork(x_width, embedding_widths, embedding_activations, primary_widths, primary_activations)``
    The embedding method q([x, e(I)]) (the paper's eq. (1)), radnet's ``EmbeddingNetwork``, on rows
    [x | I]: e is ``embedding.{i}``, q is ``primary.{i}`` (``nn.Linear`` layers, hidden activations
    as named).

State-dict names are radnet's (and the radial paper's reference implementation's):
``layers.{i}.weight`` (shape n_{i+1} × n_i), ``layers.{i}.bias`` (n_{i+1}) and, for radial
networks with shifts, ``act_fns.{i}.bias`` (shape [1]), the shift of hidden layer i + 1.

Model files
-----------
``load(path, kind=None, activation=None)``
    Reads a radnet ``.safetensors`` file (F64 or F32; F32 values are widened exactly to
    float64) and returns a ``RadialNetwork`` or ``Mlp`` holding its values, loaded with a strict
    ``load_state_dict`` (a file of ``kind=hypernetwork`` or ``kind=embedding`` gives a
    ``HyperNetwork`` or ``EmbeddingNetwork``, built from its metadata ``x_width``,
    ``{part}_widths``, ``{part}_activations``, ``primary_activation``, ``primary_biases``; a file
    of ``kind=rcnet`` a ``RepeatedCompositionNetwork`` from ``widths``, ``compositions`` and
    ``block_activations``). A radnet file says its kind, widths, activation and whether its shifts
    train (metadata ``format=radnet``, ``kind``, ``widths``, ``activation``,
    ``trainable_shifts``); a plain state dict says none of these, so ``kind`` (``"radial"`` or
    ``"mlp"``) and ``activation`` must be given: they are never guessed.
``save(module, path, dtype="F64")``
    Writes a ``RadialNetwork`` or ``Mlp`` as a radnet file that ``radnet info``, ``eval``,
    ``train`` and ``compress`` read. ``dtype="F32"`` rounds every value to the nearest float
    (ties to even) and says so in the metadata (``dtype=F32``, ``rounding``), as radnet does.
``read_safetensors(path)`` / ``write_safetensors(path, tensors, metadata, dtype)``
    The format itself: an 8-byte little-endian header length N, N bytes of JSON
    ``{name: {"dtype", "shape", "data_offsets"}, "__metadata__": {str: str}}``, then the
    little-endian, row-major tensor data, every byte indexed by exactly one tensor.

Command line
------------
::

    python3 radnet_torch.py forward MODEL.safetensors IN.csv OUT.csv [MODEL IN OUT ...] [--kind radial|mlp] [--activation NAME]
    python3 radnet_torch.py rcnet-forward MODEL.safetensors REPETITIONS ACTIVATION IN.csv OUT.csv

``forward`` loads each MODEL with ``load`` and writes its outputs on the rows of IN.csv
(comma-separated numbers, no header) to OUT.csv in shortest round-trip form. ``rcnet-forward`` reads the tensors
``layers.{i}.*`` of MODEL as an ``RCNet`` with r = REPETITIONS and σ = ACTIVATION.

Example::

    import torch, radnet_torch
    net = radnet_torch.load("model.safetensors")       # written by `radnet init` or `radnet train`
    y = net(torch.tensor([[0.5, -1.0]], dtype=torch.float64))
    radnet_torch.save(net, "model32.safetensors", dtype="F32")
"""
import argparse
import json
import math
import struct
import sys

import torch

__all__ = [
    "radial_profile", "pointwise_activation", "RadialActivation", "PointwiseActivation", "RadialNetwork", "Mlp",
    "RCNet", "RepeatedCompositionNetwork", "HyperNetwork", "EmbeddingNetwork", "read_safetensors", "write_safetensors", "load", "save",
]

FORMAT = "radnet"
F32_ROUNDING = "nearest (ties to even) from F64"
_DTYPES = {"F64": (torch.float64, "d", 8), "F32": (torch.float32, "f", 4)}
_TINY = torch.finfo(torch.float64).tiny
RADIAL_NAMES = "sigmoid, tanh, relu, step-relu, squash, shifted-relu:B"
POINTWISE_NAMES = "relu, leaky-relu:A, sigmoid, tanh, elu:A, softplus, identity"


def _split(name):
    text = name.strip().lower()
    base, _, parameter = text.partition(":")
    if not parameter:
        return base, None
    try:
        return base, float(parameter)
    except ValueError:
        raise ValueError("activation '%s' has a non-numeric parameter" % name) from None


def _squash(r):
    square = r * r
    return torch.where(torch.isinf(square), torch.ones_like(r), square / (square + 1))


def radial_profile(name):
    """The profile η for a radnet radial profile name (case-insensitive), as a function of a tensor r."""
    base, parameter = _split(name)
    if base == "shifted-relu" and parameter is not None:
        return lambda r: torch.clamp(r - parameter, min=0.0)
    if parameter is None:
        if base in ("step-relu", "steprelu"):
            return lambda r: torch.where(r >= 1.0, r, torch.zeros_like(r))
        if base in ("squash", "squashing"):
            return _squash
        if base == "relu":
            return lambda r: torch.clamp(r, min=0.0)
        if base == "sigmoid":
            return torch.sigmoid
        if base == "tanh":
            return torch.tanh
    raise ValueError("unknown radial profile '%s'; accepted: %s" % (name, RADIAL_NAMES))


def pointwise_activation(name):
    """The pointwise σ for a radnet MLP activation name (case-insensitive), as a function of a tensor x."""
    base, parameter = _split(name)
    if base == "leaky-relu":
        slope = 0.01 if parameter is None else parameter
        return lambda x: torch.where(x > 0, x, slope * x)
    if base == "elu":
        alpha = 1.0 if parameter is None else parameter
        return lambda x: torch.where(x > 0, x, alpha * torch.expm1(x))
    if parameter is None:
        if base == "relu":
            return lambda x: torch.where(x > 0, x, torch.zeros_like(x))
        if base == "sigmoid":
            return torch.sigmoid
        if base == "tanh":
            return torch.tanh
        if base == "softplus":
            return lambda x: torch.clamp(x, min=0.0) + torch.log1p(torch.exp(-torch.abs(x)))
        if base == "identity":
            return lambda x: x
    raise ValueError("unknown pointwise activation '%s'; accepted: %s" % (name, POINTWISE_NAMES))


class RadialActivation(torch.nn.Module):
    """ρ(v) = η(|v| + s)·v/|v| over the last dimension, ρ(0) = 0; the shift s is ``bias`` (shape [1]) if given."""

    def __init__(self, profile, shift=None, trainable_shift=True):
        super().__init__()
        self.profile = profile
        self.eta = radial_profile(profile)
        if shift is not None:
            value = torch.tensor([float(shift)], dtype=torch.float64)
            if trainable_shift:
                self.bias = torch.nn.Parameter(value)
            else:
                self.register_buffer("bias", value)
        else:
            self.bias = None

    def forward(self, v):
        r = torch.linalg.vector_norm(v, dim=-1, keepdim=True)
        nonzero = r >= _TINY
        safe = torch.where(nonzero, r, torch.ones_like(r))
        shifted = safe if self.bias is None else safe + self.bias
        scale = torch.where(nonzero, self.eta(shifted) / safe, torch.zeros_like(r))
        return scale * v

    def extra_repr(self):
        return "profile=%s" % self.profile


class PointwiseActivation(torch.nn.Module):
    """σ applied to every entry."""

    def __init__(self, activation):
        super().__init__()
        self.activation = activation
        self.sigma = pointwise_activation(activation)

    def forward(self, x):
        return self.sigma(x)

    def extra_repr(self):
        return "activation=%s" % self.activation


def _linear_layers(widths):
    if len(widths) < 3 or any(int(w) < 1 for w in widths):
        raise ValueError("widths need at least three entries (one hidden layer), each >= 1, got %s" % list(widths))
    return torch.nn.ModuleList(
        torch.nn.Linear(int(widths[i]), int(widths[i + 1]), dtype=torch.float64) for i in range(len(widths) - 1))


class RadialNetwork(torch.nn.Module):
    """A radial network: affine layers ``layers.{i}`` with ρ after every hidden layer (``act_fns.{i}``)."""

    def __init__(self, widths, activation="sigmoid", shifts=None, trainable_shifts=True):
        super().__init__()
        self.widths = [int(w) for w in widths]
        self.activation = activation
        self.layers = _linear_layers(self.widths)
        hidden = len(self.widths) - 2
        if shifts is None:
            values = [None] * hidden
        elif isinstance(shifts, (int, float)):
            values = [float(shifts)] * hidden
        else:
            values = [float(s) for s in shifts]
            if len(values) != hidden:
                raise ValueError("%d shifts for %d hidden layers" % (len(values), hidden))
        self.has_shifts = shifts is not None
        self.trainable_shifts = bool(trainable_shifts) and self.has_shifts
        self.act_fns = torch.nn.ModuleList(RadialActivation(activation, s, trainable_shifts) for s in values)

    def forward(self, x):
        last = len(self.layers) - 1
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < last:
                x = self.act_fns[i](x)
        return x


class Mlp(torch.nn.Module):
    """A multilayer perceptron: affine layers ``layers.{i}`` with σ after every hidden layer."""

    def __init__(self, widths, activation="relu"):
        super().__init__()
        self.widths = [int(w) for w in widths]
        self.activation = activation
        self.layers = _linear_layers(self.widths)
        self.sigma = PointwiseActivation(activation)

    def forward(self, x):
        last = len(self.layers) - 1
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < last:
                x = self.sigma(x)
        return x


def _rcnet_widths(widths, repetitions):
    """The widths (d, m, h_1, ..., m, out) as ints, checked: a block layer at least, g: R^m -> R^m, r >= 1."""
    widths = [int(w) for w in widths]
    if len(widths) < 4:
        raise ValueError("an RCNet needs widths (d, m, ..., m, out) with at least one block layer, got %s" % widths)
    if widths[1] != widths[-2]:
        raise ValueError("the block g must map R^m to R^m, but widths %s give R^%d -> R^%d"
                         % (widths, widths[1], widths[-2]))
    if int(repetitions) < 1:
        raise ValueError("the number of compositions r must be at least 1, got %s" % repetitions)
    return widths


class RCNet(torch.nn.Module):
    """F = L₂ ∘ g^{∘r} ∘ L₁: ``layers.0`` = L₁, ``layers.1..k`` = g (σ after each), ``layers.{k+1}`` = L₂."""

    def __init__(self, widths, repetitions, activation="relu"):
        super().__init__()
        self.widths = _rcnet_widths(widths, repetitions)
        self.repetitions = int(repetitions)
        self.activation = activation
        self.layers = _linear_layers(self.widths)
        self.sigma = PointwiseActivation(activation)

    def forward(self, x):
        x = self.layers[0](x)
        block = self.layers[1:-1]
        for _ in range(self.repetitions):
            for layer in block:
                x = self.sigma(layer(x))
        return self.layers[-1](x)


def _affine_layers(widths):
    if len(widths) < 2 or any(int(w) < 1 for w in widths):
        raise ValueError("widths need an input and an output width, each >= 1, got %s" % list(widths))
    return torch.nn.ModuleList(
        torch.nn.Linear(int(widths[i]), int(widths[i + 1]), dtype=torch.float64) for i in range(len(widths) - 1))


def _activation_list(names, widths, what):
    listed = [n for n in names.split(",")] if isinstance(names, str) and names else list(names or [])
    if len(listed) != len(widths) - 2:
        raise ValueError("%s: %d activations for the %d hidden layers of widths %s"
                         % (what, len(listed), len(widths) - 2, list(widths)))
    return [PointwiseActivation(n) for n in listed]


def _apply_mlp(layers, sigmas, x):
    for i, layer in enumerate(layers):
        x = layer(x)
        if i < len(sigmas):
            x = sigmas[i](x)
    return x


class RepeatedCompositionNetwork(torch.nn.Module):
    """F = L₂ ∘ g^{∘r} ∘ L₁: ``input`` = L₁, ``block.{j}`` = g's layers (σ_j after each), ``output`` = L₂."""

    def __init__(self, widths, compositions, block_activations):
        super().__init__()
        self.widths = _rcnet_widths(widths, compositions)
        names = block_activations.split(",") if isinstance(block_activations, str) else list(block_activations)
        if len(names) != len(self.widths) - 3:
            raise ValueError("widths (d, m, h_1, ..., m, out) %s need one block activation per block layer, got %s"
                             % (self.widths, names))
        self.compositions = int(compositions)
        layers = _affine_layers(self.widths)
        self.input = layers[0]
        self.block = torch.nn.ModuleList(layers[1:-1])
        self.output = layers[-1]
        self.block_sigmas = torch.nn.ModuleList(PointwiseActivation(n) for n in names)

    def forward(self, x):
        x = self.input(x)
        for _ in range(self.compositions):
            for layer, sigma in zip(self.block, self.block_sigmas):
                x = sigma(layer(x))
        return self.output(x)


class HyperNetwork(torch.nn.Module):
    """h(x, I) = g(x; f(I)) on rows [x | I]: f = ``generator.{i}``; g's weights θ = f(I), per sample."""

    def __init__(self, x_width, generator_widths, generator_activations, primary_widths, primary_activation="relu",
                 primary_biases=False):
        super().__init__()
        self.x_width = int(x_width)
        self.generator_widths = [int(w) for w in generator_widths]
        self.primary_widths = [int(w) for w in primary_widths]
        self.primary_biases = bool(primary_biases)
        if self.primary_widths[0] != self.x_width:
            raise ValueError("g takes x of width %d, but x_width is %d" % (self.primary_widths[0], self.x_width))
        n = self.primary_widths
        needed = sum(n[i + 1] * n[i] for i in range(len(n) - 1)) + (sum(n[1:]) if self.primary_biases else 0)
        if self.generator_widths[-1] != needed:
            raise ValueError("f outputs %d numbers but g %s %s biases has %d weights"
                             % (self.generator_widths[-1], n, "with" if self.primary_biases else "without", needed))
        self.generator = _affine_layers(self.generator_widths)
        self.generator_sigmas = torch.nn.ModuleList(
            _activation_list(generator_activations, self.generator_widths, "generator_activations"))
        self.primary_sigma = PointwiseActivation(primary_activation)

    def forward(self, rows):
        x, image = rows[:, :self.x_width], rows[:, self.x_width:]
        theta = _apply_mlp(self.generator, self.generator_sigmas, image)
        n = self.primary_widths
        weights, biases, offset = [], [], 0
        for i in range(len(n) - 1):
            weights.append(theta[:, offset:offset + n[i + 1] * n[i]].reshape(-1, n[i + 1], n[i]))
            offset += n[i + 1] * n[i]
        for i in range(len(n) - 1):
            if self.primary_biases:
                biases.append(theta[:, offset:offset + n[i + 1]])
                offset += n[i + 1]
        a = x
        for i, w in enumerate(weights):
            z = torch.bmm(w, a.unsqueeze(-1)).squeeze(-1)
            if self.primary_biases:
                z = z + biases[i]
            a = self.primary_sigma(z) if i < len(weights) - 1 else z
        return a


class EmbeddingNetwork(torch.nn.Module):
    """q([x, e(I)]) on rows [x | I]: e = ``embedding.{i}``, q = ``primary.{i}``."""

    def __init__(self, x_width, embedding_widths, embedding_activations, primary_widths, primary_activations):
        super().__init__()
        self.x_width = int(x_width)
        self.embedding_widths = [int(w) for w in embedding_widths]
        self.primary_widths = [int(w) for w in primary_widths]
        if self.primary_widths[0] != self.x_width + self.embedding_widths[-1]:
            raise ValueError("q takes %d inputs, but x has %d columns and e outputs %d"
                             % (self.primary_widths[0], self.x_width, self.embedding_widths[-1]))
        self.embedding = _affine_layers(self.embedding_widths)
        self.embedding_sigmas = torch.nn.ModuleList(
            _activation_list(embedding_activations, self.embedding_widths, "embedding_activations"))
        self.primary = _affine_layers(self.primary_widths)
        self.primary_sigmas = torch.nn.ModuleList(
            _activation_list(primary_activations, self.primary_widths, "primary_activations"))

    def forward(self, rows):
        x, image = rows[:, :self.x_width], rows[:, self.x_width:]
        e = _apply_mlp(self.embedding, self.embedding_sigmas, image)
        return _apply_mlp(self.primary, self.primary_sigmas, torch.cat([x, e], dim=1))


def _composite(path, metadata, tensors):
    """The network a radnet file of kind rcnet, hypernetwork or embedding describes."""
    kind = metadata["kind"]
    if kind == "rcnet":
        net = RepeatedCompositionNetwork(json.loads(metadata["widths"]), int(metadata["compositions"]),
                                         metadata["block_activations"])
        net.load_state_dict(tensors, strict=True)
        return net
    x_width = int(metadata["x_width"])
    if kind == "hypernetwork":
        net = HyperNetwork(x_width, json.loads(metadata["generator_widths"]), metadata["generator_activations"],
                           json.loads(metadata["primary_widths"]), metadata["primary_activation"],
                           metadata["primary_biases"].lower() == "true")
    else:
        net = EmbeddingNetwork(x_width, json.loads(metadata["embedding_widths"]), metadata["embedding_activations"],
                               json.loads(metadata["primary_widths"]), metadata["primary_activations"])
    net.load_state_dict(tensors, strict=True)
    return net


def read_safetensors(path):
    """Returns (metadata, {name: float64 tensor}) of a safetensors file of F64/F32 tensors, validated."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError("%s: %d bytes, shorter than the 8-byte header length" % (path, len(data)))
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        raise ValueError("%s: the header length %d is past the end of the file" % (path, n))
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", None) or {}
    buffer = data[8 + n:]
    tensors = {}
    position = 0
    for name, entry in sorted(header.items(), key=lambda item: tuple(item[1]["data_offsets"])):
        if entry["dtype"] not in _DTYPES:
            raise ValueError("%s: tensor '%s' has dtype %s; F64 and F32 are read" % (path, name, entry["dtype"]))
        dtype, code, size = _DTYPES[entry["dtype"]]
        begin, end = entry["data_offsets"]
        count = math.prod(entry["shape"])
        if begin != position or end - begin != count * size:
            raise ValueError("%s: tensor '%s' does not index the data buffer exactly" % (path, name))
        values = struct.unpack("<%d%s" % (count, code), buffer[begin:end])
        tensors[name] = torch.tensor(values, dtype=torch.float64).reshape(entry["shape"])
        position = end
    if position != len(buffer):
        raise ValueError("%s: %d bytes after the last tensor" % (path, len(buffer) - position))
    return metadata, tensors


def write_safetensors(path, tensors, metadata=None, dtype="F64"):
    """Writes {name: tensor} in order as F64, or as F32 rounded to nearest (ties to even), with string metadata."""
    if dtype not in _DTYPES:
        raise ValueError("dtype must be F64 or F32, got %s" % dtype)
    torch_dtype, code, _ = _DTYPES[dtype]
    header = {"__metadata__": dict(metadata)} if metadata else {}
    chunks = []
    offset = 0
    for name, t in tensors.items():
        rounded = t.detach().to(torch_dtype)
        if not torch.isfinite(rounded).all():
            raise ValueError("tensor '%s' has a value that is not finite as %s" % (name, dtype))
        values = rounded.contiguous().flatten().tolist()
        raw = struct.pack("<%d%s" % (len(values), code), *values)
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in chunks:
            f.write(raw)


def _widths(tensors):
    weights = sorted(int(name.split(".")[1]) for name in tensors if name.startswith("layers.") and name.endswith(".weight"))
    if weights != list(range(len(weights))) or not weights:
        raise ValueError("expected tensors layers.0.weight ... layers.{L-1}.weight, got %s" % sorted(tensors))
    shapes = [tuple(tensors["layers.%d.weight" % i].shape) for i in weights]
    return [shapes[0][1]] + [s[0] for s in shapes]


def load(path, kind=None, activation=None):
    """A RadialNetwork or Mlp holding the file's values (float64); kind and activation are needed for plain dicts."""
    metadata, tensors = read_safetensors(path)
    if metadata.get("format") == FORMAT and metadata.get("kind") in ("hypernetwork", "embedding", "rcnet"):
        if kind is not None or activation is not None:
            raise ValueError("%s is a %s file, which declares its own kind and activations" % (path, metadata["kind"]))
        return _composite(path, metadata, tensors)
    widths = _widths(tensors)
    has_shifts = "act_fns.0.bias" in tensors
    if metadata.get("format") == FORMAT:
        declared = metadata["kind"].lower()
        if kind is not None and kind.lower() != declared:
            raise ValueError("%s holds a %s network, not %s" % (path, declared, kind))
        kind = declared
        activation = activation or metadata["activation"]
        if json.loads(metadata["widths"]) != widths:
            raise ValueError("%s: metadata widths %s disagree with the tensor shapes %s" % (path, metadata["widths"], widths))
        trainable = metadata.get("trainable_shifts", "false").lower() == "true"
    else:
        if kind is None or activation is None:
            raise ValueError("%s is a plain state dict (no format=radnet metadata) with widths %s: give its kind "
                             "('radial' or 'mlp') and its activation; they are never guessed" % (path, widths))
        kind = kind.lower()
        trainable = True
    if kind == "radial":
        net = RadialNetwork(widths, activation, shifts=0.0 if has_shifts else None, trainable_shifts=trainable)
    elif kind == "mlp":
        net = Mlp(widths, activation)
    else:
        raise ValueError("kind must be 'radial' or 'mlp', got '%s'" % kind)
    shifts = {name: t.reshape(1) for name, t in tensors.items() if name.startswith("act_fns.")}
    net.load_state_dict({**tensors, **shifts}, strict=True)
    return net


def save(module, path, dtype="F64"):
    """Writes a RadialNetwork or Mlp as a radnet model file (F64 exactly, or F32 rounded to nearest)."""
    if isinstance(module, RadialNetwork):
        kind, trainable = "radial", module.trainable_shifts
    elif isinstance(module, Mlp):
        kind, trainable = "mlp", False
    else:
        raise ValueError("radnet model files hold RadialNetwork and Mlp modules, not %s" % type(module).__name__)
    metadata = {"format": FORMAT, "kind": kind, "widths": json.dumps(module.widths, separators=(",", ":")),
                "activation": module.activation, "trainable_shifts": "true" if trainable else "false"}
    if dtype == "F32":
        metadata.update({"dtype": "F32", "rounding": F32_ROUNDING})
    write_safetensors(path, module.state_dict(), metadata, dtype)


def _read_csv(path):
    with open(path) as f:
        return torch.tensor([[float(v) for v in line.split(",")] for line in f if line.strip()], dtype=torch.float64)


def _write_csv(path, t):
    with open(path, "w") as f:
        for row in t.tolist():
            f.write(",".join(repr(v) for v in row) + "\n")


def _main(argv):
    parser = argparse.ArgumentParser(prog="radnet_torch.py", description="radnet model files in PyTorch")
    commands = parser.add_subparsers(dest="command", required=True)
    forward = commands.add_parser("forward", help="run a model file on the rows of a CSV file")
    forward.add_argument("files", nargs="+", metavar="MODEL IN.csv OUT.csv")
    forward.add_argument("--kind", choices=["radial", "mlp"])
    forward.add_argument("--activation")
    rcnet = commands.add_parser("rcnet-forward", help="run a file's layers.{i} tensors as an RCNet")
    rcnet.add_argument("model")
    rcnet.add_argument("repetitions", type=int)
    rcnet.add_argument("activation")
    rcnet.add_argument("inputs")
    rcnet.add_argument("outputs")
    args = parser.parse_args(argv)
    if args.command == "forward":
        if len(args.files) % 3 != 0:
            parser.error("forward takes MODEL IN.csv OUT.csv triples, got %d paths" % len(args.files))
        runs = [(load(args.files[k], args.kind, args.activation), args.files[k + 1], args.files[k + 2])
                for k in range(0, len(args.files), 3)]
    else:
        _, tensors = read_safetensors(args.model)
        net = RCNet(_widths(tensors), args.repetitions, args.activation)
        net.load_state_dict(tensors, strict=True)
        runs = [(net, args.inputs, args.outputs)]
    with torch.no_grad():
        for net, inputs, outputs in runs:
            _write_csv(outputs, net(_read_csv(inputs)))


if __name__ == "__main__":
    _main(sys.argv[1:])

#!/usr/bin/env python3
"""Time PyTorch on the parameter-sharing workloads of `bench/run fitness`, the same networks,
batches and optimizers as radnet's FitnessBenchmark (the values do not matter for the time:
seeded random data of the same shapes).

  rcnet    [--threads N] [--json]   one epoch of the RCNet approximation network
                                    L2 o g^4 o L1, g(v) = ReLU(A v + c) shared, width 100,
                                    input 2, output 1; MSE, RAdam lr 0.002, shuffled batches of
                                    500 from 10,000 samples (20 steps)
  hypernet [--threads N] [--json]   one SGD step (lr 0.01, MSE) of the hypernetwork
                                    h(x, I) = g(x; f(I)): generator f an MLP (8, 32, 32, 32, 90)
                                    with ReLU, primary g (8, 10, 1) with ReLU and no biases whose
                                    90 weights f generates per sample; a batch of 200 rows [x | I]
  cnn      [--threads N] [--json]   one training step of the intrinsic-parameters paper's CNN
                                    (Table 1: four 3x3 convolutions, batch norm on every layer,
                                    max-pool, dropout, FC 4096-512-64-10), nn.Sequential in the
                                    issue's module order, train mode; cross-entropy, RAdam
                                    lr 0.002, weight decay 1e-4; the batch is the first 128
                                    Fashion-MNIST training images, standardised by their own mean
                                    and standard deviation, as FitnessBenchmark.cnnStep reads them

Each timing runs in its own child process and is the median of 5 steps (epochs) after one
warm-up. The children run under two malloc settings, alternating round after round:

  glibc   glibc's defaults (no MALLOC_*_ variable, no GLIBC_TUNABLES): how `python3` runs it
  radnet  MALLOC_TOP_PAD_=67108864 and MALLOC_MMAP_THRESHOLD_=33554432, the values
          bin/radnet-java gives radnet's JVMs (and JMH's forks) when they are unset

With glibc's defaults, the CNN step hands its large tensors (up to 11 MB in float32) back to the
kernel and page-faults them in again on every step, by an amount that differs from process to
process (10,000-25,000 minor faults per step; docs/benchmarks.md, "PyTorch's bimodal CNN step").

  --processes K      K rounds (default 3): 2K child processes per precision
  --dtype D          float32, float64 or both (default both)

Prints, per precision and malloc setting, the least and the largest median of the children, their
process CPU time and page faults per step, and the anchor: the least median over all 2K children
of the precision (the competition's best case). --json gives {"workload", "threads", "processes",
"ms": {"float32": anchor, "float64": anchor}, "runs": [{"dtype", "malloc", "ms", "cpuMs",
"minorFaultsPerStep"}, ...], "loadAverage": [before, after]}. float64 is a reference of the
precision radnet computes in; the fitness rows compare with float32.

Needs Debian's python3-torch (run with /usr/bin/python3) with libopenblas0-pthread, and for cnn
Debian's dataset-fashion-mnist.
"""
import argparse, gzip, json, os, resource, subprocess, sys, time

WORKLOADS = ("rcnet", "hypernet", "cnn")
DTYPES = ("float32", "float64")
FASHION_MNIST = "/usr/share/datasets/fashion-mnist"
# bin/radnet-java's values (64 MiB of top pad, glibc's largest mmap threshold).
RADNET_MALLOC = {"MALLOC_TOP_PAD_": "67108864", "MALLOC_MMAP_THRESHOLD_": "33554432"}
MALLOC_SETTINGS = ("glibc", "radnet")


class OneLineParser(argparse.ArgumentParser):
    def error(self, message):
        sys.exit(f"pytorch_fitness.py: {message}")


def positive(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: '{text}'")
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"must be between 1 and 64, got {value}")
    return value


p = OneLineParser()
p.add_argument("workload", choices=WORKLOADS)
p.add_argument("--threads", type=positive, default=1)
p.add_argument("--processes", type=positive, default=3)
p.add_argument("--dtype", choices=DTYPES + ("both",), default="both")
p.add_argument("--json", action="store_true")
p.add_argument("--child", choices=DTYPES, help=argparse.SUPPRESS)
a = p.parse_args()
if a.workload == "cnn":
    for name in ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"):
        if not os.path.isfile(f"{FASHION_MNIST}/{name}"):
            sys.exit(f"pytorch_fitness.py: {FASHION_MNIST}/{name} is missing (apt-get install dataset-fashion-mnist)")


def child_environment(malloc):
    environment = {name: value for name, value in os.environ.items()
                   if name != "GLIBC_TUNABLES" and not (name.startswith("MALLOC_") and name.endswith("_"))}
    if malloc == "radnet":
        environment.update(RADNET_MALLOC)
    return environment


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def run_children():
    dtypes = DTYPES if a.dtype == "both" else (a.dtype,)
    before = load_average()
    runs = []
    for _ in range(a.processes):
        for malloc in MALLOC_SETTINGS:
            for dtype in dtypes:
                command = [sys.executable, os.path.abspath(__file__), a.workload, "--threads", str(a.threads),
                           "--child", dtype]
                done = subprocess.run(command, env=child_environment(malloc), capture_output=True, text=True)
                if done.returncode != 0:
                    last = (done.stderr.strip().splitlines() or ["no message"])[-1]
                    sys.exit(f"pytorch_fitness.py: the {dtype} child ({malloc} malloc) failed: {last}")
                runs.append({"dtype": dtype, "malloc": malloc, **json.loads(done.stdout)})
    anchors = {dtype: min(r["ms"] for r in runs if r["dtype"] == dtype) for dtype in dtypes}
    result = {"workload": a.workload, "threads": a.threads, "processes": a.processes, "ms": anchors,
              "runs": runs, "loadAverage": [before, load_average()]}
    if a.json:
        print(json.dumps(result))
        return
    for dtype in dtypes:
        for malloc in MALLOC_SETTINGS:
            mine = [r for r in runs if r["dtype"] == dtype and r["malloc"] == malloc]
            ms, cpu, faults = ([r[key] for r in mine] for key in ("ms", "cpuMs", "minorFaultsPerStep"))
            print(f"{a.workload} {dtype}, {malloc} malloc: median ms {min(ms):.2f}-{max(ms):.2f}, "
                  f"CPU ms {min(cpu):.2f}-{max(cpu):.2f}, page faults per step {min(faults):.0f}-{max(faults):.0f} "
                  f"({len(mine)} processes)")
    print(f"{a.workload} anchor: " + ", ".join(f"{dtype} {anchors[dtype]:.2f} ms" for dtype in dtypes)
          + f", the least median of {2 * a.processes} processes per precision ({a.threads} thread(s), "
          f"load average {before:.2f} -> {result['loadAverage'][1]:.2f})")


if a.child is None:
    run_children()
    sys.exit(0)

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, str(a.threads))
import torch
import torch.nn as nn
torch.set_num_threads(a.threads)


def measure(step, repeats=5):
    """{"ms": median wall time, "cpuMs": median process CPU time, "minorFaultsPerStep": mean}
    of `repeats` calls of step after one warm-up call."""
    step()
    walls, cpus = [], []
    faults_before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        step()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults_before
    return {"ms": sorted(walls)[repeats // 2] * 1000, "cpuMs": sorted(cpus)[repeats // 2] * 1000,
            "minorFaultsPerStep": faults / repeats}


class RcNet(nn.Module):
    def __init__(self, width=100, repetitions=4):
        super().__init__()
        self.first, self.block, self.last = nn.Linear(2, width), nn.Linear(width, width), nn.Linear(width, 1)
        self.repetitions = repetitions

    def forward(self, x):
        v = self.first(x)
        for _ in range(self.repetitions):
            v = torch.relu(self.block(v))
        return self.last(v)


def rcnet(dtype):
    torch.manual_seed(1)
    x, y = torch.rand(10000, 2, dtype=dtype), torch.rand(10000, 1, dtype=dtype)
    net = RcNet().to(dtype)
    opt, lf = torch.optim.RAdam(net.parameters(), lr=0.002), nn.MSELoss()

    def epoch():
        perm = torch.randperm(x.shape[0])
        for i in range(0, x.shape[0], 500):
            idx = perm[i:i + 500]
            opt.zero_grad()
            lf(net(x[idx]), y[idx]).backward()
            opt.step()
    return measure(epoch)


def hypernet(dtype):
    torch.manual_seed(1)
    f = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(),
                      nn.Linear(32, 90)).to(dtype)
    rows, y = torch.rand(200, 16, dtype=dtype), torch.rand(200, 1, dtype=dtype)
    opt, lf = torch.optim.SGD(f.parameters(), lr=0.01), nn.MSELoss()

    def step():
        x, i = rows[:, :8], rows[:, 8:]
        theta = f(i)
        w1, w2 = theta[:, :80].reshape(-1, 10, 8), theta[:, 80:].reshape(-1, 1, 10)
        hidden = torch.relu(torch.bmm(w1, x.unsqueeze(2)))
        out = torch.bmm(w2, hidden).squeeze(2)
        opt.zero_grad()
        lf(out, y).backward()
        opt.step()
    return measure(step)


def first_fashion_mnist_images(count):
    with gzip.open(f"{FASHION_MNIST}/train-images-idx3-ubyte.gz") as f:
        f.read(16)
        pixels = f.read(count * 784)
    with gzip.open(f"{FASHION_MNIST}/train-labels-idx1-ubyte.gz") as f:
        f.read(8)
        labels = f.read(count)
    x = torch.tensor(list(pixels), dtype=torch.float64).reshape(count, 1, 28, 28) / 255.0
    x = (x - x.mean()) / x.std(unbiased=False)
    return x, torch.tensor(list(labels), dtype=torch.long)


def cnn(dtype):
    torch.manual_seed(1)
    net = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.BatchNorm2d(32), nn.ReLU(),
        nn.Conv2d(32, 32, 3), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25),
        nn.Conv2d(32, 64, 3), nn.BatchNorm2d(64), nn.ReLU(),
        nn.Conv2d(64, 64, 3), nn.BatchNorm2d(64), nn.ReLU(), nn.Flatten(), nn.Dropout(0.25),
        nn.Linear(4096, 512), nn.BatchNorm1d(512), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(512, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 10)).to(dtype)
    net.train()
    x, y = first_fashion_mnist_images(128)
    x = x.to(dtype)
    opt, lf = torch.optim.RAdam(net.parameters(), lr=0.002, weight_decay=1e-4), nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        lf(net(x), y).backward()
        opt.step()
    return measure(step)


fn = {"rcnet": rcnet, "hypernet": hypernet, "cnn": cnn}[a.workload]
print(json.dumps(fn(getattr(torch, a.child))))

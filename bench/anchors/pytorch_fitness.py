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

Prints the median ms (of 5 after one warm-up) in float32 and float64. Needs Debian's
python3-torch (run with /usr/bin/python3) with libopenblas0-pthread, and for cnn Debian's
dataset-fashion-mnist.
"""
import argparse, gzip, json, os, time

p = argparse.ArgumentParser()
p.add_argument("workload", choices=["rcnet", "hypernet", "cnn"])
p.add_argument("--threads", type=int, default=1)
p.add_argument("--json", action="store_true")
a = p.parse_args()
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, str(a.threads))
import torch
import torch.nn as nn
torch.set_num_threads(a.threads)


def median_ms(step, repeats=5):
    step()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        step()
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2] * 1000


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
    return median_ms(epoch)


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
    return median_ms(step)


FASHION_MNIST = "/usr/share/datasets/fashion-mnist"


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
    return median_ms(step)


fn = {"rcnet": rcnet, "hypernet": hypernet, "cnn": cnn}[a.workload]
result = {"workload": a.workload, "threads": a.threads,
          "ms": {"float32": fn(torch.float32), "float64": fn(torch.float64)}}
print(json.dumps(result) if a.json else f"{a.workload}: float32 {result['ms']['float32']:.2f} ms, float64 {result['ms']['float64']:.2f} ms ({a.threads} thread(s))")

#!/usr/bin/env python3
"""Regenerates the PyTorch 1.13 trajectories pasted into PyTorchReferenceTest.java.

Param(2, 1): theta = (W11, W12, b1) starts at (0.5, -1, 0.25); the gradients g1, g2, g3 of
OptimizerFixtures are applied cyclically for twelve steps of each optimizer, in float64.
Run with Debian's python3-torch:  /usr/bin/python3 core/src/test/python/optimizer_reference.py
"""
import torch

THETA = [0.5, -1.0, 0.25]
GRADIENTS = [[0.2, -0.4, 1.0], [-0.3, 0.1, 0.5], [0.05, 0.7, -0.2]]
OPTIMIZERS = {
    "SGD": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.05),
    "NESTEROV": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.05),
    "ADAM": lambda p: torch.optim.Adam(p, lr=0.1, betas=(0.8, 0.9), eps=1e-8, weight_decay=0.05),
    "ADAMW": lambda p: torch.optim.AdamW(p, lr=0.1, betas=(0.8, 0.9), eps=1e-8, weight_decay=0.05),
    "RADAM": lambda p: torch.optim.RAdam(p, lr=0.1, betas=(0.9, 0.7), eps=1e-8, weight_decay=0.05),
    "ADADELTA": lambda p: torch.optim.Adadelta(p, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.05),
}

for name, make in OPTIMIZERS.items():
    w = torch.tensor([THETA[:2]], dtype=torch.float64, requires_grad=True)
    b = torch.tensor([THETA[2]], dtype=torch.float64, requires_grad=True)
    optimizer = make([w, b])
    print(name)
    for t in range(12):
        g = GRADIENTS[t % 3]
        w.grad = torch.tensor([g[:2]], dtype=torch.float64)
        b.grad = torch.tensor([g[2]], dtype=torch.float64)
        optimizer.step()
        print("{" + ", ".join(repr(v) for v in w.detach().flatten().tolist() + b.detach().tolist()) + "},")

# The intrinsic-parameters paper's setting: RAdam(lr=0.002, weight_decay=1e-4) with the learning
# rate 0.002 * 0.93^(i-1) in epoch i (ExponentialLR stepped after every epoch), four epochs of
# three steps each.
w = torch.tensor([THETA[:2]], dtype=torch.float64, requires_grad=True)
b = torch.tensor([THETA[2]], dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.RAdam([w, b], lr=0.002, weight_decay=1e-4)
scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.93)
print("RADAM_PAPER_SCHEDULE")
for t in range(12):
    g = GRADIENTS[t % 3]
    w.grad = torch.tensor([g[:2]], dtype=torch.float64)
    b.grad = torch.tensor([g[2]], dtype=torch.float64)
    optimizer.step()
    print("{" + ", ".join(repr(v) for v in w.detach().flatten().tolist() + b.detach().tolist()) + "},")
    if t % 3 == 2:
        scheduler.step()

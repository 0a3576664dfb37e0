"""PyTorch's own shape-only evaluation of the benchmark cell (issue 6), on the meta device.

The program is src/main/resources/dev/shapes/bench/cell.shapes written as PyTorch: every
declaration `x: f32[B, T, 512]` becomes a tensor on the meta device (shapes and dtypes, no
storage), the 20 statements run in the same order, the failing one is caught as a notebook
would show it. The cell's failing statement (a PyTorch error) dominates PyTorch's
time, because raising a c10::Error records a C++ backtrace, so the program is also timed without it
(the "no-error" variant). The import and the first calls are warm-up; each call of program() is timed
with time.perf_counter() (wall) and time.process_time() (CPU).

Writes the per-call times in microseconds as JSON to the file given (default: stdout only).
Run with the system Python, which has Debian's python3-torch: /usr/bin/python3 meta_cell.py [OUT]
"""
import json
import statistics
import sys
import time
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

WARMUP, REPEAT = 50, 500


def program(with_error=True):
    results = []
    # use torch: the import above
    B = 32
    T = 128
    x = torch.empty(B, T, 512, device="meta")
    tokens = torch.empty(B, T, dtype=torch.int64, device="meta")
    labels = torch.empty(B, dtype=torch.int64, device="meta")
    proj = nn.Linear(512, 256, device="meta")
    head = nn.Linear(256, 10, device="meta")
    h = torch.relu(proj(x))
    scores = torch.matmul(h, h.transpose(1, 2)) / 16
    masked = scores.masked_fill((tokens == 0).unsqueeze(1), -1e9)
    attn = torch.softmax(masked, dim=-1)
    ctx = attn @ h
    logits = head(ctx.mean(dim=1))
    loss = F.cross_entropy(logits, labels)
    if with_error:
        try:
            bad = F.cross_entropy(logits, labels.unsqueeze(1))  # the classic mistake
            results.append(bad.shape)
        except RuntimeError as e:
            results.append(f"{type(e).__name__}: {e}")
    pred = torch.empty(B, 1, device="meta")
    target = torch.empty(B, device="meta")
    mse = F.mse_loss(pred, target)  # [B, 1] against [B] broadcasts, with a UserWarning
    bce = F.binary_cross_entropy_with_logits(logits, torch.rand(B, 10, device="meta"))
    results += [x.shape, tokens.shape, labels.shape, h.shape, scores.shape, masked.shape, attn.shape, ctx.shape,
                logits.shape, loss.shape, pred.shape, target.shape, mse.shape, bce.shape]
    return results


def timed(with_error):
    """Wall and process CPU time of each call, in microseconds."""
    for _ in range(WARMUP):
        program(with_error)
    times, cpu = [], []
    for _ in range(REPEAT):
        start, start_cpu = time.perf_counter(), time.process_time()
        program(with_error)
        cpu.append((time.process_time() - start_cpu) * 1e6)
        times.append((time.perf_counter() - start) * 1e6)
    return times, cpu


def main(out):
    report = {"torch": torch.__version__, "threads": torch.get_num_threads(), "times_us": {}, "cpu_us": {}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for variant, with_error in (("with-error", True), ("no-error", False)):
            times, cpu = timed(with_error)
            report["times_us"][variant] = times
            report["cpu_us"][variant] = cpu
            print(f"pytorch meta-device cell ({variant}): median wall {statistics.median(times):.0f} us, "
                  f"CPU {statistics.median(cpu):.0f} us ({REPEAT} runs, torch {torch.__version__})")
    if out:
        with open(out, "w") as f:
            json.dump(report, f)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)

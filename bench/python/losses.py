"""PyTorch's side of the loss benchmark (issue 6): makes the inputs, times the losses on CPU.

Writes into DIR the raw inputs Shapes reads (logits.f32 [8192, 1000], labels.i64 [8192],
targets.f32 [8192, 1000], little-endian), each loss's reduction='none' result (<loss>.none.f32)
and torch.json: the reduced values and the per-call times in milliseconds.

Timing: each loss is called WARMUP times, then REPEAT times, each call timed with
time.perf_counter() (wall) and time.process_time() (CPU); PyTorch runs with its default thread
count (printed).
Run with the system Python, which has Debian's python3-torch: /usr/bin/python3 losses.py DIR
"""
import json
import statistics
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

ROWS, CLASSES = 8192, 1000
WARMUP, REPEAT = 5, 30


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    generator = torch.Generator().manual_seed(6)
    logits = torch.randn(ROWS, CLASSES, generator=generator, dtype=torch.float32) * 3
    labels = torch.randint(0, CLASSES, (ROWS,), generator=generator, dtype=torch.int64)
    targets = torch.rand(ROWS, CLASSES, generator=generator, dtype=torch.float32)
    logits.numpy().tofile(out / "logits.f32")
    labels.numpy().tofile(out / "labels.i64")
    targets.numpy().tofile(out / "targets.f32")

    losses = {
        "cross_entropy": lambda **kw: F.cross_entropy(logits, labels, **kw),
        "binary_cross_entropy_with_logits": lambda **kw: F.binary_cross_entropy_with_logits(logits, targets, **kw),
        "mse_loss": lambda **kw: F.mse_loss(logits, targets, **kw),
    }
    report = {"torch": torch.__version__, "threads": torch.get_num_threads(), "rows": ROWS, "classes": CLASSES,
              "losses": {}}
    with torch.no_grad():
        for name, loss in losses.items():
            loss(reduction="none").numpy().astype("<f4").tofile(out / f"{name}.none.f32")
            for _ in range(WARMUP):
                loss()
            times, cpu = [], []
            for _ in range(REPEAT):
                start, start_cpu = time.perf_counter(), time.process_time()
                value = loss()
                cpu.append((time.process_time() - start_cpu) * 1e3)
                times.append((time.perf_counter() - start) * 1e3)
            report["losses"][name] = {"value": value.item(), "times_ms": times, "cpu_ms": cpu}
    (out / "torch.json").write_text(json.dumps(report, indent=1))
    for name, entry in report["losses"].items():
        print(f"pytorch {name:34s} median CPU {statistics.median(entry['cpu_ms']):8.2f} ms, "
              f"wall {statistics.median(entry['times_ms']):8.2f} ms  value {entry['value']:.9f}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "target/data"))

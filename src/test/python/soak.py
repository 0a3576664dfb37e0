"""Soak: many cells (valid, failing and malformed) through the installed Shapes kernel.

Usage (Debian's Python, JUPYTER_PATH pointing at the installed kernelspec):
    python3 soak.py CELLS KERNEL_LOG_FILE
Every cell must get its reply; the kernel's heap after a full GC (jcmd GC.run,
GC.heap_info) is sampled after a warm-up and at the end and printed, with the
reply latency percentiles. Exits non-zero when the kernel stops answering or
the heap grows beyond the bound.
"""
import queue
import random
import re
import shutil
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager

CELLS = int(sys.argv[1])
LOG = sys.argv[2]
HEAP_GROWTH_BOUND_MB = 48
WARMUP = min(300, CELLS // 5)

VALID = [
    "%%shapes torch\nlogits: f32[32, 10]\nlabels: i64[32]\nloss = F.cross_entropy(logits, labels)",
    "x: f32[4, 3] = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 0, 1]]\ny = F.softmax(x, dim=1)\nz = y.sum(dim=1)",
    "%%shapes numpy\na: f32[5, 2]\nb = a.T @ a\nc = np.mean(b, axis=0)",
    "w: f32[B, T, C]\nv = w.view(-1, C)\nu = v.sum(1)",
    "%who",
    "N = 64\nq: f32[N, 10]\nr = q.argmax(dim=1)",
]
FAILING = [
    "%%shapes torch\nlogits: f32[32, 10]\nlabels: i64[32, 1]\nloss = F.cross_entropy(logits, labels)",
    "a: f32[2, 3]\nb = a @ a\nc = b + 1",
    "%%shapes numpy\na: f32[5, 6]\nb: f32[7]\nc = a * b",
    "p: f32[8, 1]\nt: f32[8]\nl = F.mse_loss(p, t)",
    "%%shapes torch 1.13\nx: f32[3, 2] = [[1, 2], [3, 4], [5, 6]]\ny = x[x]",
]
ALPHABET = "()[]{}:,.=+-*/@%#'\"\\\n ;0123456789abcxyzBCN_é€\u200b"


def malformed(rng):
    base = rng.choice(VALID + FAILING)
    kind = rng.randrange(5)
    if kind == 0:
        return base[: rng.randrange(len(base) + 1)]
    if kind == 1:
        at = rng.randrange(len(base) + 1)
        return base[:at] + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 4))) + base[at:]
    if kind == 2:
        return "x = " + "(" * rng.randint(1, 400) + "1"
    if kind == 3:
        return "%nosuchmagic\n" + base
    return "".join(chr(rng.randrange(1, 0x2FF)) for _ in range(rng.randint(1, 30)))


def heap_used_mb(pid):
    jcmd = shutil.which("jcmd")
    subprocess.run([jcmd, str(pid), "GC.run"], check=True, capture_output=True, timeout=60)
    out = subprocess.run([jcmd, str(pid), "GC.heap_info"], check=True, capture_output=True, text=True,
                         timeout=60).stdout
    # the heap's generations come before Metaspace; sum what they use (the layout depends on the collector)
    heap = out.split("Metaspace")[0]
    lines = [line for line in heap.splitlines() if "total" in line and "used" in line]
    if any("garbage-first heap" in line for line in lines):
        lines = [line for line in lines if "garbage-first heap" in line]
    return sum(int(m) for line in lines for m in re.findall(r"used (\d+)K", line)) / 1024.0


def run_cell(kc, code):
    msg_id = kc.execute(code)
    deadline = time.monotonic() + 60
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]["status"]


def main():
    rng = random.Random(20261122)
    log = open(LOG, "w")
    km = KernelManager(kernel_name="shapes")
    km.start_kernel(stderr=log, stdout=log)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    pid = km.provisioner.process.pid
    statuses = {}
    latencies = []
    heap_start = None
    try:
        for i in range(CELLS):
            roll = rng.random()
            code = rng.choice(VALID) if roll < 0.4 else rng.choice(FAILING) if roll < 0.7 else malformed(rng)
            started = time.monotonic()
            status = run_cell(kc, code)
            latencies.append(time.monotonic() - started)
            statuses[status] = statuses.get(status, 0) + 1
            if i + 1 == WARMUP:
                heap_start = heap_used_mb(pid)
            if (i + 1) % 1000 == 0:
                print(f"{i + 1} cells, statuses {statuses}", flush=True)
        # drain iopub so nothing is left queued, then take the final heap
        while True:
            try:
                kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                break
        heap_end = heap_used_mb(pid)
        alive = run_cell(kc, "x: f32[2]\ny = x * 2") == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p95 = latencies[int(len(latencies) * 0.95)] * 1000
    print(f"cells {CELLS}, statuses {statuses}")
    print(f"reply latency median {p50:.1f} ms, p95 {p95:.1f} ms")
    print(f"heap after full GC: {heap_start:.1f} MB after {WARMUP} cells, {heap_end:.1f} MB at the end "
          f"(growth {heap_end - heap_start:+.1f} MB, bound {HEAP_GROWTH_BOUND_MB} MB)")
    if not alive:
        print("FAIL the kernel stopped answering")
        raise SystemExit(1)
    if heap_end - heap_start > HEAP_GROWTH_BOUND_MB:
        print("FAIL the heap grew beyond the bound")
        raise SystemExit(1)
    print("soak passed")


main()

"""Kernel benchmark: the Shapes kernel against Debian's ipykernel, same client, same run.

For each kernel (by kernelspec name) it measures
  * cold start: from launching the kernel process to the first kernel_info_reply
    (median of --starts launches; the client sends kernel_info_request at once
    and its sockets retry the connection every 5 ms),
  * execute round trip: from sending execute_request to the kernel's
    status: idle for it on iopub (median and p95 over --cells cells, after
    --warmup cells),
  * kernel CPU per cell: CPU time the kernel process spent on those cells,
    divided by their number (less sensitive to other load than wall time),
  * idle CPU: CPU time of the kernel process over --idle seconds of doing
    nothing but answering the client's heartbeats (after --settle seconds of
    rest, so a JIT compiler finishing its queue is not counted), as a
    percentage of one core.

Run with Debian's Python (the one that has jupyter_client):
    JUPYTER_PATH=... /usr/bin/python3 bench/kernel_bench.py --kernel shapes --kernel python3
Prints one JSON object per kernel, then a ratio table.
"""
import argparse
import json
import os
import statistics
import sys
import time

import zmq
from jupyter_client.manager import KernelManager

CELLS = {
    "shapes": "logits: f32[32, 10]\nlabels: i64[32]\nloss = F.cross_entropy(logits, labels)",
    "python3": "x = 1",
}


def reply_for(kc, msg_id, timeout):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.0, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def wait_idle(kc, msg_id, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.0, deadline - time.monotonic()))
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return


def fast_context():
    context = zmq.Context()
    context.setsockopt(zmq.RECONNECT_IVL, 5)
    context.setsockopt(zmq.RECONNECT_IVL_MAX, 5)
    return context


def cold_start(name):
    km = KernelManager(kernel_name=name, context=fast_context())
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels(hb=False)
    msg_id = kc.kernel_info()
    reply_for(kc, msg_id, 60)
    elapsed = time.perf_counter() - t0
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    return elapsed


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    return ticks / os.sysconf("SC_CLK_TCK")


def measure(name, starts, cells, warmup, idle, settle):
    starts_s = [cold_start(name) for _ in range(starts)]
    km = KernelManager(kernel_name=name, context=fast_context())
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    code = CELLS.get(name, "x = 1")
    pid = km.provisioner.process.pid
    times = []
    cpu_start = None
    for i in range(warmup + cells):
        if i == warmup:
            cpu_start = cpu_seconds(pid)
        t0 = time.perf_counter()
        msg_id = kc.execute(code)
        wait_idle(kc, msg_id)
        if i >= warmup:
            times.append(time.perf_counter() - t0)
        reply_for(kc, msg_id, 30)
    cpu_per_cell = (cpu_seconds(pid) - cpu_start) / cells
    time.sleep(settle)
    before = cpu_seconds(pid)
    time.sleep(idle)
    idle_cpu = (cpu_seconds(pid) - before) / idle * 100
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    times.sort()
    return {
        "kernel": name,
        "cold_start_ms": round(statistics.median(starts_s) * 1000, 1),
        "cold_start_min_ms": round(min(starts_s) * 1000, 1),
        "cold_starts_ms": [round(s * 1000, 1) for s in starts_s],
        "round_trip_median_ms": round(statistics.median(times) * 1000, 3),
        "round_trip_p95_ms": round(times[int(len(times) * 0.95) - 1] * 1000, 3),
        "round_trip_min_ms": round(times[0] * 1000, 3),
        "cpu_per_cell_ms": round(cpu_per_cell * 1000, 3),
        "idle_cpu_percent": round(idle_cpu, 3),
        "cells": cells,
    }


def jvm_hello_ms():
    """How long this machine takes to start a JVM that does nothing (a yardstick for the load)."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "Hello.java")
        with open(src, "w") as f:
            f.write("public class Hello { public static void main(String[] a) {} }")
        subprocess.run(["javac", "-d", d, src], check=True)
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run(["java", "-Xshare:auto", "-XX:+UseSerialGC", "-cp", d, "Hello"], check=True)
            runs.append(time.perf_counter() - t0)
        return round(statistics.median(runs) * 1000, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kernel", action="append", default=[])
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--cells", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--idle", type=float, default=30)
    parser.add_argument("--settle", type=float, default=10)
    args = parser.parse_args()
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    kernels = args.kernel or ["shapes", "python3"]
    results = [measure(k, args.starts, args.cells, args.warmup, args.idle, args.settle) for k in kernels]
    for r in results:
        print(json.dumps(r))
    print(json.dumps({"empty_jvm_start_ms": jvm_hello_ms(), "loadavg": open("/proc/loadavg").read().split()[:3]}))
    # the last kernel is the baseline (python3 = ipykernel by default)
    base = results[-1]
    print()
    print(f"{'measure':<26}" + "".join(f"{r['kernel']:>14}" for r in results)
          + "".join(f"{r['kernel'] + '/' + base['kernel']:>22}" for r in results[:-1]))
    for key, label in [("cold_start_ms", "cold start median (ms)"), ("cold_start_min_ms", "cold start best (ms)"),
                       ("round_trip_median_ms", "round trip median (ms)"), ("round_trip_p95_ms", "round trip p95 (ms)"),
                       ("round_trip_min_ms", "round trip best (ms)"), ("cpu_per_cell_ms", "kernel CPU per cell (ms)"),
                       ("idle_cpu_percent", "idle CPU (% of a core)")]:
        ratios = "".join(f"{(r[key] / base[key] if base[key] else float('nan')):>22.2f}" for r in results[:-1])
        print(f"{label:<26}" + "".join(f"{r[key]:>14}" for r in results) + ratios)


if __name__ == "__main__":
    sys.exit(main())

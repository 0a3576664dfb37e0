"""Prints the ratio tables of bench/run from the figures it wrote (issue 6).

Statistic: the median. For JMH, the median of the measurement iterations' average times; for
PyTorch, the median of the timed calls. Both were measured in the same bench/run, one right
after the other, on the same machine.

Usage: report.py RESULTS_DIR DATA_DIR
"""
import json
import statistics
import sys
from pathlib import Path


def jmh(path):
    """{(benchmark method, params tuple): median score} of a JMH JSON result file."""
    out = {}
    if not path.exists():
        return out
    for entry in json.loads(path.read_text()):
        method = entry["benchmark"].rsplit(".", 1)[1]
        params = tuple(sorted((entry.get("params") or {}).items()))
        scores = [score for fork in entry["primaryMetric"]["rawData"] for score in fork]
        out[(method, params)] = statistics.median(scores)
    return out


def cell_table(results):
    shapes = jmh(results / "cell.json")
    meta_file = results / "meta.json"
    if not shapes or not meta_file.exists():
        return
    meta = json.loads(meta_file.read_text())
    cpu_file = results / "cell-cpu.json"
    cpu = json.loads(cpu_file.read_text()) if cpu_file.exists() else {}
    print("### Interpreter: the 20-statement cell (parse + evaluate + render text/plain, text/html, "
          "application/json)\n")
    print("| cell | Shapes wall µs (JMH) | PyTorch meta wall µs | PyTorch ÷ Shapes | Shapes CPU µs | "
          "PyTorch meta CPU µs | PyTorch ÷ Shapes |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for variant in ("with-error", "no-error"):
        ours = shapes[("parseEvaluateRender", (("variant", variant),))]
        theirs = statistics.median(meta["times_us"][variant])
        label = "as written (one statement fails)" if variant == "with-error" else "without the failing statement"
        cells = [label, f"{ours:.0f}", f"{theirs:.0f}", f"{theirs / ours:.1f}×"]
        if variant in cpu and variant in meta.get("cpu_us", {}):
            ours_cpu = statistics.median(cpu[variant]["cpu_us"])
            theirs_cpu = statistics.median(meta["cpu_us"][variant])
            cells += [f"{ours_cpu:.0f}", f"{theirs_cpu:.0f}", f"{theirs_cpu / ours_cpu:.1f}×"]
        else:
            cells += ["–", "–", "–"]
        print("| " + " | ".join(cells) + " |")
    print("\nGoal: ≤ 1000 µs per cell and PyTorch ÷ Shapes ≥ 5×. CPU time counts every thread of the JVM (JIT and "
          "GC included) and the whole Python process.\n")
    print("Where Shapes' time goes (JMH wall µs):\n")
    print("| cell | parse | parse + evaluate | render (3 mime types) |")
    print("|---|---:|---:|---:|")
    for variant in ("with-error", "no-error"):
        key = (("variant", variant),)
        print(f"| {variant} | {shapes[('parse', key)]:.0f} | {shapes[('parseEvaluate', key)]:.0f} "
              f"| {shapes[('render', key)]:.0f} |")
    print()


def loss_table(results, data):
    torch_file = data / "torch.json"
    if not torch_file.exists():
        return
    torch = json.loads(torch_file.read_text())
    values = json.loads((results / "values-vector.json").read_text()) if (results / "values-vector.json").exists() \
        else {}
    print(f"### Numeric kernels: f32[{torch['rows']}, {torch['classes']}], reduction='mean' "
          f"(PyTorch {torch['torch']} CPU, {torch['threads']} thread(s))\n")
    wall = {"SIMD": jmh(results / "losses-vector.json"), "scalar": jmh(results / "losses-scalar.json")}
    cpu = {}
    for kind, name in (("SIMD", "losses-cpu-vector.json"), ("scalar", "losses-cpu-scalar.json")):
        path = results / name
        cpu[kind] = json.loads(path.read_text()) if path.exists() else {}
    print("| loss | PyTorch CPU ms | Shapes SIMD CPU ms | Shapes ÷ PyTorch | Shapes scalar CPU ms "
          "| Shapes ÷ PyTorch | \\|Shapes − PyTorch\\| |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, entry in torch["losses"].items():
        theirs = statistics.median(entry["cpu_ms"])
        cells = [name, f"{theirs:.2f}"]
        for kind in ("SIMD", "scalar"):
            if name in cpu[kind]:
                ours = statistics.median(cpu[kind][name]["cpu_ms"])
                cells += [f"{ours:.2f}", f"{ours / theirs:.2f}×"]
            else:
                cells += ["–", "–"]
        diff = values.get(name, {}).get("diff")
        cells.append(f"{diff:.1e}" if diff is not None else "–")
        print("| " + " | ".join(cells) + " |")
    print("\nWall time (PyTorch's timed calls; Shapes under JMH, a minute later):\n")
    print("| loss | PyTorch ms | Shapes SIMD ms | Shapes ÷ PyTorch | Shapes scalar ms | Shapes ÷ PyTorch |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, entry in torch["losses"].items():
        theirs = statistics.median(entry["times_ms"])
        key = ("evaluate", (("loss", name),))
        cells = [name, f"{theirs:.2f}"]
        for kind in ("SIMD", "scalar"):
            if key in wall[kind]:
                cells += [f"{wall[kind][key]:.2f}", f"{wall[kind][key] / theirs:.2f}×"]
            else:
                cells += ["–", "–"]
        print("| " + " | ".join(cells) + " |")
    print("\nGoal: Shapes ≤ 0.5× PyTorch's time (SIMD; the scalar reference kernels run when the JVM has no "
          "--add-modules jdk.incubator.vector).\n")


def scale_table(results):
    scale_file = results / "scale.json"
    if not scale_file.exists():
        return
    rows = json.loads(scale_file.read_text())
    print("### Scale: shape-only programs (time and memory follow the statements, not the sizes)\n")
    print("| sizes | statements | parse + evaluate ms | render ms | µs / statement | allocated KB / statement "
          "| retained KB | retained bytes / statement |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        per_statement = (r["evaluate_ms"] + r["render_ms"]) * 1000 / r["statements"]
        print(f"| [{r['rows']}, {r['cols']}] | {r['statements']} | {r['evaluate_ms']:.2f} | {r['render_ms']:.2f} "
              f"| {per_statement:.1f} | {r['allocated_bytes'] / 1024 / r['statements']:.1f} "
              f"| {r['retained_bytes'] // 1024} | {r['retained_bytes'] // r['statements']} |")
    print()


def main(results, data):
    machine = results / "machine.txt"
    if machine.exists():
        print("### Machine\n")
        print("```\n" + machine.read_text().strip() + "\n```\n")
    cell_table(results)
    loss_table(results, data)
    scale_table(results)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

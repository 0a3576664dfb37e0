#!/usr/bin/env python3
"""Record more PyTorch ground truth than ../shared/oracle/gen_oracle.py covers:
further combinations of the losses' options and the tensor operations around
them. Same format as the shared oracle (see src/test/resources/oracle/README.md).

Run with Debian's PyTorch 1.13 (python3-torch):
    /usr/bin/python3 src/test/python/record_torch.py OUT.jsonl [--seed S] [--per-family N]
Programs start `use torch 1.13` (or `use torch` when run under PyTorch 2.x).
"""
import hashlib
import json
import random
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

DT = {"f32": torch.float32, "f64": torch.float64, "i64": torch.int64, "i32": torch.int32,
      "u8": torch.uint8, "bool": torch.bool}
REV = {v: k for k, v in DT.items()}
MAJOR = int(torch.__version__.split(".")[0])
HEADER = "use torch" if MAJOR >= 2 else "use torch " + ".".join(torch.__version__.split(".")[:2])


def fmt(x):
    if isinstance(x, list):
        return "[" + ", ".join(fmt(v) for v in x) + "]"
    if isinstance(x, bool):
        return "True" if x else "False"
    if isinstance(x, float):
        return repr(round(x, 4))
    return str(x)


class Prog:
    def __init__(self):
        self.lines = [HEADER]
        self.env = {"torch": torch, "nn": nn, "F": F}

    def decl(self, name, dtype, shape, values=None):
        dims = ", ".join(str(d) for d in shape)
        if values is None:
            self.lines.append(f"{name}: {dtype}[{dims}]")
            t = torch.randn(*shape).to(DT[dtype]) if dtype.startswith("f") else torch.zeros(*shape, dtype=DT[dtype])
        else:
            self.lines.append(f"{name}: {dtype}[{dims}] = {fmt(values)}")
            t = torch.tensor(values, dtype=DT[dtype])
        self.env[name] = t
        return t

    def run(self, text):
        """A statement: executed for real (so later ones can use its result) and recorded."""
        self.lines.append(text)
        if "=" in text.split("(")[0]:
            name, expr = text.split("=", 1)
            self.env[name.strip()] = eval(expr, self.env)
        else:
            eval(text, self.env)

    def text(self):
        return "\n".join(self.lines) + "\n"


def floats(rng, shape, scale=2.0):
    if not shape:
        return round(rng.uniform(-scale, scale), 4)
    return [floats(rng, shape[1:], scale) for _ in range(shape[0])]


def probs(rng, shape):
    if not shape:
        return round(rng.uniform(0.01, 0.99), 4)
    return [probs(rng, shape[1:]) for _ in range(shape[0])]


def ints(rng, shape, lo, hi):
    if not shape:
        return rng.randrange(lo, hi)
    return [ints(rng, shape[1:], lo, hi) for _ in range(shape[0])]


def outcome(fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            r = fn()
        except Exception as e:  # noqa: BLE001 - the recording is of whatever PyTorch raises
            return {"status": "error", "type": type(e).__name__, "message": str(e).split("\nException raised from")[0]}
    out = {"status": "ok", "warnings": [str(w.message) for w in caught]}
    if isinstance(r, torch.Tensor):
        out["dtype"] = REV.get(r.dtype, str(r.dtype))
        out["shape"] = list(r.shape)
        out["value"] = r.tolist()
    else:
        out["dtype"] = None
        out["shape"] = None
        out["value"] = r if isinstance(r, (int, float, list)) else None
    return out


CASES = []


def record(family, prog, last, shape_only=False):
    """Records the program whose last statement is `last` (a Python expression over prog.env)."""
    prog.lines.append(last if "=" in last.split("(")[0] else "result = " + last)
    expr = last.split("=", 1)[1] if "=" in last.split("(")[0] else last
    exp = outcome(lambda: eval(expr, prog.env))
    if shape_only and exp["status"] == "ok":
        exp["value"] = None
    CASES.append({"family": family, "framework": "torch", "dsl": prog.text(), "expect": exp})


def spell(rng, fname, module, kwargs):
    kw = ", ".join(f"{k}={v}" for k, v in kwargs)
    if rng.random() < 0.5:
        return lambda a, b: f"F.{fname}({a}, {b}{', ' + kw if kw else ''})"
    return lambda a, b: f"nn.{module}({kw})({a}, {b})"


def ce_combo(rng):
    n, c = rng.randint(1, 5), rng.randint(2, 5)
    spatial = rng.choice([[], [], [rng.randint(1, 3)], [rng.randint(1, 3), rng.randint(1, 3)], [2, 1, 2]])
    p = Prog()
    p.decl("logits", "f32", [n, c] + spatial, floats(rng, [n, c] + spatial))
    kwargs = []
    variant = rng.choice(["idx", "idx", "prob", "oob", "ignore", "batch", "spatial_bad", "rank_up", "byte", "i32",
                          "float", "weight_bad", "weight_f64"])
    tshape = [n] + spatial
    if variant in ("idx", "weight_bad", "weight_f64"):
        p.decl("labels", "i64", tshape, ints(rng, tshape, 0, c))
    elif variant == "prob":
        p.decl("labels", rng.choice(["f32", "f32", "f64"]), [n, c] + spatial, probs(rng, [n, c] + spatial))
    elif variant == "oob":
        vals = ints(rng, tshape, 0, c)
        flat = vals
        while isinstance(flat, list) and isinstance(flat[0], list):
            flat = flat[0]
        flat[0] = rng.choice([c, c + 2, -1, -3])
        p.decl("labels", "i64", tshape, vals)
    elif variant == "ignore":
        vals = ints(rng, tshape, 0, c)
        flat = vals
        while isinstance(flat, list) and isinstance(flat[0], list):
            flat = flat[0]
        ii = rng.choice([-100, -1, c])
        flat[0] = ii
        p.decl("labels", "i64", tshape, vals)
        kwargs.append(("ignore_index", str(ii)))
    elif variant == "batch":
        m = n + rng.randint(1, 3)
        p.decl("labels", "i64", [m] + spatial, ints(rng, [m] + spatial, 0, c))
    elif variant == "spatial_bad":
        bad = list(spatial) + [2] if not spatial else [s + 1 for s in spatial]
        p.decl("labels", "i64", [n] + bad, ints(rng, [n] + bad, 0, c))
    elif variant == "rank_up":
        p.decl("labels", "i64", tshape + [1], ints(rng, tshape + [1], 0, c))
    elif variant == "byte":
        p.decl("labels", "u8", tshape, ints(rng, tshape, 0, c))
    elif variant == "i32":
        p.decl("labels", "i32", tshape, ints(rng, tshape, 0, c))
    else:
        p.decl("labels", "f32", tshape, [float(v) for v in ints(rng, [n], 0, c)] if not spatial
               else floats(rng, tshape))
    if variant in ("weight_bad", "weight_f64") or rng.random() < 0.3:
        wc = c + 1 if variant == "weight_bad" else c
        p.decl("w", "f64" if variant == "weight_f64" else "f32", [wc], [round(rng.uniform(0.2, 2.0), 4) for _ in range(wc)])
        kwargs.append(("weight", "w"))
    if rng.random() < 0.4:
        kwargs.append(("label_smoothing", rng.choice(["0.1", "0.25", "1.5"])))
    if rng.random() < 0.7:
        kwargs.append(("reduction", rng.choice(['"mean"', '"sum"', '"none"'])))
    sp = spell(rng, "cross_entropy", "CrossEntropyLoss", kwargs)
    record("ce_combo/" + variant, p, "loss = " + sp("logits", "labels"))


def nll_combo(rng):
    n, c = rng.randint(1, 5), rng.randint(2, 5)
    spatial = rng.choice([[], [2], [2, 2]])
    p = Prog()
    p.decl("x", "f32", [n, c] + spatial, floats(rng, [n, c] + spatial))
    p.run("logp = F.log_softmax(x, dim=1)")
    variant = rng.choice(["ok", "ignore", "oob", "rank", "batch"])
    tshape = [n] + spatial
    kwargs = []
    if variant == "rank":
        tshape = tshape + [c]
    if variant == "batch":
        tshape = [n + 1] + spatial
    vals = ints(rng, tshape, 0, c)
    if variant in ("ignore", "oob"):
        flat = vals
        while isinstance(flat, list) and isinstance(flat[0], list):
            flat = flat[0]
        flat[-1] = -100 if variant == "ignore" else c
    p.decl("labels", "i64", tshape, vals)
    if rng.random() < 0.3:
        p.decl("w", "f32", [c], [round(rng.uniform(0.2, 2.0), 4) for _ in range(c)])
        kwargs.append(("weight", "w"))
    if rng.random() < 0.6:
        kwargs.append(("reduction", rng.choice(['"mean"', '"sum"', '"none"'])))
    sp = spell(rng, "nll_loss", "NLLLoss", kwargs)
    record("nll_combo/" + variant, p, "loss = " + sp("logp", "labels"))


def bce_combo(rng):
    n, c = rng.randint(1, 4), rng.randint(1, 4)
    p = Prog()
    p.decl("x", "f32", [n, c], floats(rng, [n, c]))
    p.run("probs = torch.sigmoid(x)")
    variant = rng.choice(["ok", "weight_row", "weight_bad", "target_range", "long", "shape"])
    if variant == "target_range":
        p.decl("t", "f32", [n, c], floats(rng, [n, c], 3.0))
    elif variant == "long":
        p.decl("t", "i64", [n, c], ints(rng, [n, c], 0, 2))
    elif variant == "shape":
        p.decl("t", "f32", [n], [float(v) for v in ints(rng, [n], 0, 2)])
    else:
        p.decl("t", "f32", [n, c], [[float(v) for v in row] for row in ints(rng, [n, c], 0, 2)])
    kwargs = []
    if variant == "weight_row":
        p.decl("w", "f32", [c], [round(rng.uniform(0.5, 2.0), 4) for _ in range(c)])
        kwargs.append(("weight", "w"))
    if variant == "weight_bad":
        p.decl("w", "f32", [c + 2], [round(rng.uniform(0.5, 2.0), 4) for _ in range(c + 2)])
        kwargs.append(("weight", "w"))
    if rng.random() < 0.5:
        kwargs.append(("reduction", rng.choice(['"mean"', '"sum"', '"none"'])))
    sp = spell(rng, "binary_cross_entropy", "BCELoss", kwargs)
    record("bce_combo/" + variant, p, "loss = " + sp("probs", "t"))


def bcewl_combo(rng):
    n, c = rng.randint(1, 4), rng.randint(1, 4)
    p = Prog()
    p.decl("logits", "f32", [n, c], floats(rng, [n, c]))
    variant = rng.choice(["ok", "pos_weight", "pos_weight_bad", "weight", "weight_bad", "f64", "bool", "shape"])
    if variant == "f64":
        p.decl("t", "f64", [n, c], [[float(v) for v in row] for row in ints(rng, [n, c], 0, 2)])
    elif variant == "bool":
        p.decl("t", "bool", [n, c], [[bool(v) for v in row] for row in ints(rng, [n, c], 0, 2)])
    elif variant == "shape":
        p.decl("t", "f32", [n, c + 1], [[float(v) for v in row] for row in ints(rng, [n, c + 1], 0, 2)])
    else:
        p.decl("t", "f32", [n, c], [[float(v) for v in row] for row in ints(rng, [n, c], 0, 2)])
    kwargs = []
    if variant.startswith("pos_weight"):
        k = c if variant == "pos_weight" else c + 2
        p.decl("pw", "f32", [k], [round(rng.uniform(0.5, 3.0), 4) for _ in range(k)])
        kwargs.append(("pos_weight", "pw"))
    if variant.startswith("weight"):
        shape = rng.choice([[c], [n, 1], [n, c]]) if variant == "weight" else [c + 3]
        p.decl("w", "f32", shape, probs(rng, shape))
        kwargs.append(("weight", "w"))
    if rng.random() < 0.5:
        kwargs.append(("reduction", rng.choice(['"mean"', '"sum"', '"none"'])))
    sp = spell(rng, "binary_cross_entropy_with_logits", "BCEWithLogitsLoss", kwargs)
    record("bcewl_combo/" + variant, p, "loss = " + sp("logits", "t"))


def regression_combo(rng):
    fn, mod, extra = rng.choice([("mse_loss", "MSELoss", None), ("l1_loss", "L1Loss", None),
                                 ("smooth_l1_loss", "SmoothL1Loss", ("beta", ["0.0", "0.5", "2.0", "-1.0"])),
                                 ("huber_loss", "HuberLoss", ("delta", ["0.5", "2.0", "0.0"]))])
    n = rng.randint(1, 4)
    variant = rng.choice(["same", "col_vs_vec", "vec_vs_col", "multi", "bcast", "bad", "int_target", "f64_target",
                          "int_both"])
    shapes = {"same": ([n, 2], [n, 2]), "col_vs_vec": ([n, 1], [n]), "vec_vs_col": ([n], [n, 1]),
              "multi": ([n, 3], [n, 3]), "bcast": ([n, 3], [3]), "bad": ([n, 3], [n, 2]),
              "int_target": ([n, 2], [n, 2]), "f64_target": ([n, 2], [n, 2]), "int_both": ([n, 2], [n, 2])}[variant]
    p = Prog()
    if variant == "int_both":
        p.decl("pred", "i64", shapes[0], ints(rng, shapes[0], -3, 3))
    else:
        p.decl("pred", "f32", shapes[0], floats(rng, shapes[0]))
    if variant in ("int_target", "int_both"):
        p.decl("target", "i64", shapes[1], ints(rng, shapes[1], -3, 3))
    elif variant == "f64_target":
        p.decl("target", "f64", shapes[1], floats(rng, shapes[1]))
    else:
        p.decl("target", "f32", shapes[1], floats(rng, shapes[1]))
    kwargs = []
    if extra and rng.random() < 0.6:
        kwargs.append((extra[0], rng.choice(extra[1])))
    if rng.random() < 0.6:
        kwargs.append(("reduction", rng.choice(['"mean"', '"sum"', '"none"'])))
    sp = spell(rng, fn, mod, kwargs)
    record(fn + "_combo/" + variant, p, "loss = " + sp("pred", "target"))


def kl_combo(rng):
    n, c = rng.randint(1, 4), rng.randint(2, 4)
    p = Prog()
    p.decl("x", "f32", [n, c], floats(rng, [n, c]))
    p.run("logp = F.log_softmax(x, dim=1)")
    variant = rng.choice(["probs", "log_target", "col", "bad"])
    if variant == "log_target":
        p.decl("q", "f32", [n, c], probs(rng, [n, c]))
        p.run("logq = torch.log(q)")
        target, kwargs = "logq", [("log_target", "True")]
    elif variant == "col":
        p.decl("q", "f32", [n, 1], probs(rng, [n, 1]))
        target, kwargs = "q", []
    elif variant == "bad":
        p.decl("q", "f32", [n, c + 1], probs(rng, [n, c + 1]))
        target, kwargs = "q", []
    else:
        p.decl("q", "f32", [n, c], probs(rng, [n, c]))
        target, kwargs = "q", []
    kwargs.append(("reduction", rng.choice(['"mean"', '"batchmean"', '"sum"', '"none"'])))
    sp = spell(rng, "kl_div", "KLDivLoss", kwargs)
    record("kl_combo/" + variant, p, "loss = " + sp("logp", target))


def legacy_combo(rng):
    n, c = rng.randint(1, 4), rng.randint(2, 4)
    p = Prog()
    p.decl("logits", "f32", [n, c], floats(rng, [n, c]))
    p.decl("labels", "i64", [n], ints(rng, [n], 0, c))
    sa, rd = rng.choice([("False", None), (None, "False"), ("True", "True"), ("False", "True")])
    kw = ", ".join(f"{k}={v}" for k, v in (("size_average", sa), ("reduce", rd)) if v is not None)
    if rng.random() < 0.5:
        record("legacy/ce", p, f"loss = F.cross_entropy(logits, labels, {kw})")
    else:
        record("legacy/ce_module", p, f"loss = nn.CrossEntropyLoss({kw})(logits, labels)")


def reduction_bad(rng):
    p = Prog()
    p.decl("a", "f32", [2, 3], floats(rng, [2, 3]))
    p.decl("labels", "i64", [2], ints(rng, [2], 0, 3))
    r = rng.choice(['"avg"', '"batchmean"', "None", '"elementwise_mean"'])
    f = rng.choice(["cross_entropy", "mse_loss"])
    other = "labels" if f == "cross_entropy" else "a"
    record("reduction/" + f, p, f"loss = F.{f}(a, {other}, reduction={r})")


def ops_combo(rng):
    p = Prog()
    v = rng.choice(["mm1", "mv", "vm", "dot", "bmm3x2", "bmm3x3", "bmm_bcast", "reshape_infer", "reshape_two",
                    "squeeze_range", "unsqueeze_range", "flatten", "transpose", "permute_len", "softmax_dim",
                    "argmax_keep", "sum_dims", "mean_int", "cat", "cat_bad", "stack_bad", "one_hot_infer",
                    "one_hot_int", "index_int", "index_fancy", "index_col", "index_mask", "index_mask_bad",
                    "index_float", "index_many", "arith_promote", "arith_div", "arith_bcast_bad", "arith_bool",
                    "linear3d", "linear1d", "sequential", "max_dim", "expand", "gather"])
    n, k, m = rng.randint(2, 5), rng.randint(2, 5), rng.randint(2, 5)
    if v in ("mm1", "mv", "vm", "dot", "bmm3x2", "bmm3x3", "bmm_bcast"):
        bad = rng.random() < 0.5
        shapes = {"mm1": ([n, k], [k + bad, m]), "mv": ([n, k], [k + bad]), "vm": ([k], [k + bad, m]),
                  "dot": ([k], [k + bad]), "bmm3x2": ([2, n, k], [k + bad, m]), "bmm3x3": ([2, n, k], [2, k + bad, m]),
                  "bmm_bcast": ([2, n, k], [3 if bad else 1, k, m])}[v]
        p.decl("a", "f32", shapes[0], floats(rng, shapes[0]))
        p.decl("b", "f32", shapes[1], floats(rng, shapes[1]))
        record("ops/" + v, p, "y = a @ b")
    elif v.startswith("reshape"):
        p.decl("x", "f32", [n, k], floats(rng, [n, k]))
        args = rng.choice(["-1", f"-1, {k}", f"{k}, -1", f"-1, {k + 1}", f"{n * k}", "-1, -1", f"{n}, {k}, 1"])
        record("ops/" + v, p, f"y = x.{rng.choice(['view', 'reshape'])}({args})")
    elif v in ("squeeze_range", "unsqueeze_range"):
        p.decl("x", "f32", [n, 1], floats(rng, [n, 1]))
        d = rng.choice([2, 3, -3, -4, 1])
        record("ops/" + v, p, f"y = x.{v.split('_')[0]}({d})")
    elif v == "flatten":
        p.decl("x", "f32", [2, n, k], floats(rng, [2, n, k]))
        args = rng.choice(["", "1", "0, 1", "start_dim=1", "2, 1"])
        record("ops/flatten", p, f"y = x.flatten({args})")
    elif v in ("transpose", "permute_len"):
        p.decl("x", "f32", [2, n, k], floats(rng, [2, n, k]))
        args = rng.choice(["0, 2", "1, -1", "0, 3"]) if v == "transpose" else rng.choice(["0, 2, 1", "2, 1", "0, 1, 1"])
        record("ops/" + v, p, f"y = x.{'transpose' if v == 'transpose' else 'permute'}({args})")
    elif v == "softmax_dim":
        p.decl("x", "f32", [n, k], floats(rng, [n, k]))
        args = rng.choice(["dim=0", "dim=1", "dim=-1", "dim=2", ""])
        record("ops/softmax", p, f"y = F.softmax(x{', ' + args if args else ''})")
    elif v in ("argmax_keep", "max_dim"):
        p.decl("x", "f32", [n, k], floats(rng, [n, k]))
        args = rng.choice(["dim=1, keepdim=True", "dim=0", "", "1"])
        if v == "max_dim":
            record("ops/max", p, f"y = x.max({args})[0]" if args else "y = x.max()")
        else:
            record("ops/argmax", p, f"y = x.argmax({args})")
    elif v in ("sum_dims", "mean_int"):
        dt = "i64" if v == "mean_int" else rng.choice(["f32", "i64", "bool"])
        vals = ints(rng, [n, k], 0, 2) if dt == "bool" else (ints(rng, [n, k], -3, 3) if dt == "i64" else floats(rng, [n, k]))
        if dt == "bool":
            vals = [[bool(x) for x in row] for row in vals]
        p.decl("x", dt, [n, k], vals)
        fn = "mean" if v == "mean_int" else rng.choice(["sum", "mean"])
        args = rng.choice(["", "dim=1", "dim=(0, 1)", "1, keepdim=True"])
        record("ops/" + fn, p, f"y = x.{fn}({args})")
    elif v in ("cat", "cat_bad", "stack_bad"):
        p.decl("a", "f32", [n, k], floats(rng, [n, k]))
        other = [n, k] if v == "cat" else [n + 1, k + 1] if v == "cat_bad" else [n + 1, k]
        p.decl("b", rng.choice(["f32", "f64", "i64"]) if v == "cat" else "f32", other,
               floats(rng, other) if v != "cat" else floats(rng, other))
        fn = "stack" if v == "stack_bad" else "cat"
        record("ops/" + v, p, f"y = torch.{fn}([a, b], dim={rng.choice([0, 1])})")
    elif v.startswith("one_hot"):
        dt = "i32" if v == "one_hot_int" else "i64"
        p.decl("labels", dt, [n], ints(rng, [n], 0, k))
        record("ops/" + v, p, rng.choice(["y = F.one_hot(labels)", f"y = F.one_hot(labels, {k})"]))
    elif v.startswith("index"):
        p.decl("x", "f32", [n, k], floats(rng, [n, k]))
        if v == "index_int":
            record("ops/index_int", p, f"y = x[{rng.choice([0, n, -1, -n - 1])}]")
        elif v == "index_fancy":
            p.decl("idx", "i64", [n], ints(rng, [n], 0, k + 1))
            record("ops/index_fancy", p, f"y = x[torch.arange({n}), idx]")
        elif v == "index_col":
            p.decl("idx", "i64", [n, 1], ints(rng, [n, 1], 0, k))
            record("ops/index_col", p, f"y = x[torch.arange({n}), idx]")
        elif v in ("index_mask", "index_mask_bad"):
            size = n if v == "index_mask" else n + 1
            p.decl("mask", "bool", [size], [bool(b) for b in ints(rng, [size], 0, 2)])
            record("ops/" + v, p, "y = x[mask]")
        elif v == "index_float":
            p.decl("idx", "f32", [n], [float(i) for i in ints(rng, [n], 0, k)])
            record("ops/index_float", p, "y = x[idx]")
        else:
            record("ops/index_many", p, "y = x[0, 1, 2]")
    elif v.startswith("arith"):
        if v == "arith_bcast_bad":
            p.decl("a", "f32", [n, k], floats(rng, [n, k]))
            p.decl("b", "f32", [k + 1], floats(rng, [k + 1]))
            record("ops/arith_bcast_bad", p, f"y = a {rng.choice(['+', '-', '*', '/'])} b")
        elif v == "arith_bool":
            p.decl("a", "bool", [n], [bool(b) for b in ints(rng, [n], 0, 2)])
            p.decl("b", "bool", [n], [bool(b) for b in ints(rng, [n], 0, 2)])
            record("ops/arith_bool", p, f"y = {rng.choice(['a - b', 'a + b', '-a', 'a * b', 'a + 1', 'a * 2.5'])}")
        else:
            da, db = rng.choice([("i64", "f32"), ("i32", "i64"), ("f32", "f64"), ("i64", "i64"), ("u8", "i32")])
            p.decl("a", da, [n], ints(rng, [n], 1, 5) if not da.startswith("f") else floats(rng, [n]))
            p.decl("b", db, [n], ints(rng, [n], 1, 5) if not db.startswith("f") else floats(rng, [n]))
            op = rng.choice(["/", "//", "*", "+", "-", "**"]) if v == "arith_div" else rng.choice(["+", "*", "-"])
            rhs = rng.choice(["b", "2", "2.5", "True"])
            record("ops/" + v, p, f"y = a {op} {rhs}")
    elif v in ("linear3d", "linear1d"):
        shape = [2, n, k] if v == "linear3d" else [k]
        p.decl("x", "f32", shape)
        p.run(f"fc = nn.Linear({k + rng.choice([0, 1])}, {m})")
        record("ops/" + v, p, "y = fc(x)", shape_only=True)
    elif v == "sequential":
        p.decl("x", "f32", [n, k])
        p.run(f"net = nn.Sequential(nn.Linear({k}, 8), nn.ReLU(), nn.Linear({rng.choice([8, 9])}, {m}))")
        record("ops/sequential", p, "y = net(x)", shape_only=True)
    elif v == "expand":
        p.decl("x", "f32", [n, 1], floats(rng, [n, 1]))
        record("ops/expand", p, f"y = x.expand({rng.choice([f'{n}, {k}', f'-1, {k}', f'{n + 1}, {k}', f'{k}'])})")
    elif v == "gather":
        p.decl("x", "f32", [n, k], floats(rng, [n, k]))
        p.decl("idx", "i64", [n, 1], ints(rng, [n, 1], 0, k + rng.choice([0, 0, 1])))
        record("ops/gather", p, "y = x.gather(1, idx)")


def layout_combo(rng):
    """view after permute/transpose/expand: possible only when strides allow it (TensorUtils.cpp computeStride)."""
    shape = [rng.randint(1, 4) for _ in range(rng.randint(2, 4))]
    p = Prog()
    p.decl("x", "f32", shape, floats(rng, shape))
    expr = "x"
    for _ in range(rng.randint(1, 2)):
        rank = len(eval(expr, p.env).shape)
        op = rng.choice(["transpose", "permute", "unsqueeze", "contiguous", "t"] if rank == 2
                        else ["transpose", "permute", "unsqueeze", "contiguous"])
        if op == "transpose":
            expr += f".transpose({rng.randrange(rank)}, {rng.randrange(rank)})"
        elif op == "permute":
            order = list(range(rank))
            rng.shuffle(order)
            expr += ".permute(" + ", ".join(map(str, order)) + ")"
        elif op == "unsqueeze":
            expr += f".unsqueeze({rng.randrange(rank + 1)})"
        elif op == "t":
            expr += ".t()"
        else:
            expr += ".contiguous()"
    t = eval(expr, p.env)
    n = t.numel()
    dims = list(t.shape)
    target = rng.choice([[-1], [dims[0], -1], [-1, dims[-1]], [n], dims[::-1],
                         [dims[0] * (dims[1] if len(dims) > 1 else 1)] + dims[2:]])
    record("layout/view", p, "y = " + expr + ".view(" + ", ".join(map(str, target)) + ")")


FAMILIES = [(ce_combo, 3), (nll_combo, 1), (bce_combo, 1), (bcewl_combo, 1), (regression_combo, 2), (kl_combo, 1),
            (legacy_combo, 0.3), (reduction_bad, 0.3), (ops_combo, 4),
            (layout_combo, 1)]

if __name__ == "__main__":
    out = sys.argv[1]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 11
    per = int(sys.argv[sys.argv.index("--per-family") + 1]) if "--per-family" in sys.argv else 60
    rng = random.Random(seed)
    torch.manual_seed(seed)
    for family, weight in FAMILIES:
        for _ in range(int(per * weight)):
            family(rng)
    seen, kept = set(), []
    for c in CASES:
        h = hashlib.sha1(c["dsl"].encode()).hexdigest()[:12]
        if h not in seen:
            seen.add(h)
            c["id"] = c["family"] + "#" + h
            kept.append(c)
    with open(out, "w") as f:
        for c in kept:
            f.write(json.dumps(c) + "\n")
    print(len(kept), "cases", "torch", torch.__version__)

"""Drives the installed Shapes kernel with jupyter_client and checks each protocol message.

Usage (Debian's Python, JUPYTER_PATH pointing at the installed kernelspec):
    python3 protocol_check.py KERNEL_LOG_FILE
Prints one 'ok <check>' line per check; exits non-zero on the first failure.
"""
import sys
import time
import uuid

import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

LOG = sys.argv[1]
TIMEOUT = 30


def check(name, condition, detail=""):
    if not condition:
        print(f"FAIL {name}: {detail}", flush=True)
        raise SystemExit(1)
    print(f"ok {name}", flush=True)


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def execute(kc, code, timeout=TIMEOUT):
    """Runs a cell; returns (reply, iopub messages for it up to idle)."""
    msg_id = kc.execute(code)
    outputs = []
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        outputs.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    return shell_reply(kc, msg_id, timeout), outputs


def of_type(outputs, msg_type):
    return [m for m in outputs if m["msg_type"] == msg_type]


def clean(lines):
    return all("\x1b" not in line and not line.strip().startswith("at ") and ".java:" not in line for line in lines)


log = open(LOG, "w")
km = KernelManager(kernel_name="shapes")
km.start_kernel(stderr=log, stdout=log)
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=60)

def run():
    # kernel_info
    info = shell_reply(kc, kc.kernel_info())["content"]
    language = info["language_info"]
    check("kernel_info language", language["name"] == "shapes" and language["file_extension"] == ".shapes", language)
    check("kernel_info highlighting", language["codemirror_mode"] == "python" and language["pygments_lexer"] == "python"
          and language["mimetype"] == "text/x-shapes", language)
    check("kernel_info protocol", info["protocol_version"].startswith("5."), info)
    beat_deadline = time.monotonic() + 5
    while not kc.hb_channel.is_beating() and time.monotonic() < beat_deadline:
        time.sleep(0.1)
    check("heartbeat", kc.hb_channel.is_beating())

    # execute: a framework error is a successful execution with one rich bundle
    reply, outputs = execute(kc, "%%shapes torch\nlogits: f32[32, 10]\nlabels: i64[32, 1]\n"
                                 "loss = F.cross_entropy(logits, labels)")
    check("framework error is ok", reply["content"]["status"] == "ok", reply["content"])
    results = of_type(outputs, "execute_result")
    check("one execute_result", len(results) == 1 and not of_type(outputs, "error"), outputs)
    data = results[0]["content"]["data"]
    check("mime bundle", set(data) == {"text/plain", "text/html", "application/json"}, list(data))
    check("html table", 'class="shapes-table"' in data["text/html"] and "<svg" in data["text/html"], data["text/html"])
    check("plain text", "0D or 1D target tensor expected, multi-target not supported" in data["text/plain"],
          data["text/plain"])
    statement = data["application/json"]["cells"][0]["statements"][2]
    check("json document", statement["error"]["type"] == "RuntimeError" and statement["error"]["origin"] == "framework",
          statement)

    # execute: a notation failure is an error reply with a clean traceback
    reply, outputs = execute(kc, "y = F.softmax(logts, dim=1)")
    content = reply["content"]
    check("notation failure is an error", content["status"] == "error" and content["ename"] == "NameError", content)
    check("one-line evalue", "\n" not in content["evalue"] and "logits" in content["evalue"], content["evalue"])
    errors = of_type(outputs, "error")
    check("error on iopub", len(errors) == 1 and errors[0]["content"]["ename"] == "NameError", outputs)
    traceback = errors[0]["content"]["traceback"]
    check("clean traceback", clean(traceback) and "----> 1 y = F.softmax(logts, dim=1)" in traceback, traceback)
    reply, _ = execute(kc, "x = (1,\ny: f32[")
    check("syntax error", reply["content"]["ename"] == "SyntaxError" and clean(reply["content"]["traceback"]),
          reply["content"])

    # magics
    reply, outputs = execute(kc, "%who")
    who = of_type(outputs, "execute_result")[0]["content"]["data"]["text/plain"]
    check("%who", "logits" in who and "i64" in who and "[32, 1]" in who and "In [1], line 3" in who, who)
    reply, outputs = execute(kc, "%use")
    check("%use", "PyTorch" in of_type(outputs, "execute_result")[0]["content"]["data"]["text/plain"], outputs)
    reply, _ = execute(kc, "%nosuchmagic")
    check("unknown magic", reply["content"]["ename"] == "UsageError", reply["content"])

    # complete
    reply = shell_reply(kc, kc.complete("loss = F.cross_en", 17))["content"]
    check("complete member", reply["matches"] == ["cross_entropy"] and reply["cursor_start"] == 9, reply)
    code = "loss = F.cross_entropy(logits, labels, red"
    reply = shell_reply(kc, kc.complete(code, len(code)))["content"]
    check("complete keyword argument", reply["matches"] == ["reduction="], reply)
    reply = shell_reply(kc, kc.complete("lab", 3))["content"]
    check("complete names in scope", "labels" in reply["matches"], reply)
    reply = shell_reply(kc, kc.complete("z: f3", 5))["content"]
    check("complete dtype", reply["matches"] == ["f32"], reply)
    code = "# 🙂 emoji first\nlog"
    reply = shell_reply(kc, kc.complete(code, len(code)))["content"]
    check("complete counts code points", reply["matches"] == ["logits"] and reply["cursor_end"] == len(code), reply)

    # inspect
    code = "loss = F.cross_entropy("
    reply = shell_reply(kc, kc.inspect(code, len(code)))["content"]
    check("inspect contract", reply["found"] and "target: class indices" in reply["data"]["text/plain"]
          and "pytorch.org/docs" in reply["data"]["text/html"], reply)
    reply = shell_reply(kc, kc.inspect("nothing_here", 3))["content"]
    check("inspect unknown", reply["status"] == "ok" and not reply["found"], reply)

    # is_complete
    for code, status in [("x = F.cross_entropy(logits,", "incomplete"), ("x: f32[3]", "complete"), ("x = )", "invalid")]:
        reply = shell_reply(kc, kc.is_complete(code))["content"]
        check(f"is_complete {code!r}", reply["status"] == status, reply)

    # history
    reply = shell_reply(kc, kc.history(hist_access_type="tail", n=3, output=False, raw=True), timeout=5)["content"]
    check("history tail", reply["status"] == "ok" and len(reply["history"]) == 3
          and reply["history"][-1][2] == "%nosuchmagic", reply)
    reply = shell_reply(kc, kc.history(hist_access_type="search", pattern="%who*", raw=True), timeout=5)["content"]
    check("history search", [entry[2] for entry in reply["history"]] == ["%who"], reply)

    # interrupt: a long cell stops within a second and the kernel stays usable
    long_cell = "a = torch.ones(2000, 2000)\nfor i in range(10000):\n    b = a + a\n"
    msg_id = kc.execute(long_cell)
    time.sleep(1.0)
    started = time.monotonic()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id)
    elapsed = time.monotonic() - started
    check("interrupt within 1 s", elapsed < 1.0, f"{elapsed:.3f} s")
    check("interrupted cell", reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt",
          reply["content"])
    reply, outputs = execute(kc, "c = torch.ones(3, 3) + 1")
    check("usable after interrupt", reply["content"]["status"] == "ok" and of_type(outputs, "execute_result"), reply)

    # a message with a bad HMAC signature is rejected, logged and not executed
    forger = Session(key=b"not-the-session-key", username="mallory")
    forged = forger.msg("execute_request", {"code": "forged: f32[7]", "silent": False, "store_history": True,
                                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    forger.send(kc.shell_channel.socket, forged)
    try:
        msg = kc.get_shell_msg(timeout=1.5)
        check("forged message unanswered", msg["parent_header"].get("msg_id") != forged["header"]["msg_id"], msg)
    except Exception:
        print("ok forged message unanswered", flush=True)

    # garbage frames do not hurt either
    raw = kc.shell_channel.socket
    raw.send_multipart([b"no delimiter", b"\xff\xfe"])
    raw.send_multipart([b"<IDS|MSG>", b"sig"])
    reply, outputs = execute(kc, "%who")
    who = of_type(outputs, "execute_result")[0]["content"]["data"]["text/plain"]
    check("forged message not executed", "forged" not in who and "logits" in who, who)
    log.flush()
    check("rejection logged", "invalid HMAC signature" in open(LOG).read(), open(LOG).read())

    # shutdown: the kernel answers and its process exits by itself
    process = km.provisioner.process
    msg_id = kc.shutdown()
    reply = kc.get_control_msg(timeout=TIMEOUT) if hasattr(kc, "get_control_msg") else None
    deadline = time.monotonic() + 10
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    check("shutdown exits", process.poll() == 0, process.poll())
    kc.stop_channels()
    km.cleanup_resources()
    print("all protocol checks passed", flush=True)


try:
    run()
finally:
    if km.is_alive():
        km.shutdown_kernel(now=True)

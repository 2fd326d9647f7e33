"""Load test: N learners open the dashboard at once, each changes the grading calculator.

    python benchmarks/loadtest.py                  # N = 10, 30, 60 against a fresh server each
    python benchmarks/loadtest.py --clients 30 --pool 30

Runs with `make bench` (through `benchmarks/run.py`), never in the tests. Everything stays on
127.0.0.1: a `pannet-edu app` server is started here on a free port with a token and stopped (and
its port checked free) at the end of each round.

Each simulated learner is a raw HTTP + websocket client, not a browser: 60 headless Chromiums
would need more memory and CPU than the 2 cores being measured, and would measure the browsers.
A client does what the dashboard page's JavaScript does on the network:

1. GET the page (with the token) and the scripts and styles it links;
2. open the kernel's websocket, open the widget control channel and ask for every widget's state
   (what the page's widget manager does before it shows the tools);
3. first interactive card: the grading calculator's card has arrived with its controls;
4. type a Ki-67 of 25 into it and wait for the card to say NET G3 (the kernel's answer).

Reported per round: time to first interactive card and to the changed card (p50 and p95, from
each client's first request), and errors (any client that failed or exceeded the timeout).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import statistics
import struct
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = (10, 30, 60)
#: Seconds a client may take; later counts as an error.
CLIENT_TIMEOUT = float(os.environ.get("PANNET_LOADTEST_TIMEOUT", "120"))
POOL_READY_TIMEOUT = 600.0  # seconds to start and pre-heat the pool
GOAL = (30, 5.0)  # 30 clients, p95 of the first interactive card under 5 s


sys.path.insert(0, str(Path(__file__).resolve().parent))  # run.py loads this file by path
from _launch import children as _children  # noqa: E402  (one home for the launch code)
from _launch import free_port as _free_port  # noqa: E402
from _launch import port_free as _port_free  # noqa: E402


@dataclass
class Result:
    ready: float | None = None
    changed: float | None = None
    error: str | None = None
    timings: dict[str, float] = field(default_factory=dict)


def _message(
    msg_type: str, content: dict, session: str, channel: str = "shell", metadata: dict | None = None
) -> str:
    return json.dumps(
        {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "username": "learner",
                "session": session,
                "date": "",
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": channel,
            "buffers": [],
        }
    )


def _decode(frame: str | bytes) -> dict:
    """A kernel message from a websocket frame (JSON text, or jupyter_server's binary framing)."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = struct.unpack("!I", frame[:4])[0]
    offsets = [struct.unpack("!I", frame[4 * (i + 1) : 4 * (i + 2)])[0] for i in range(count)]
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0] : end].decode("utf-8"))


def _grading_models(states: dict) -> tuple[str, str]:
    """(Ki-67 text box id, card id) of the grading calculator, found from the widget states."""
    def ref(value: str) -> str:
        return value.removeprefix("IPY_MODEL_")

    for model in states.values():
        if model["model_name"] != "VBoxModel":
            continue
        children = [ref(c) for c in model["state"].get("children", [])]
        kids = [states.get(c, {}) for c in children]
        descriptions = [k.get("state", {}).get("description", "") for k in kids]
        if "Ki-67 (%)" in descriptions and "Mitoses per 2 mm²" in descriptions:
            ki67 = children[descriptions.index("Ki-67 (%)")]
            for child, kid in zip(children, kids, strict=True):
                if kid.get("model_name") == "HTMLModel" and "pannet-card" in kid["state"].get(
                    "value", ""
                ):
                    return ki67, child
    raise RuntimeError("grading calculator not found in the widget states")


async def learner(base: str, token: str, http, started: float) -> Result:
    """One simulated learner (see the module docstring); times are from ``started``."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    result = Result()
    try:
        page = await http.fetch(f"{base}/?token={token}", request_timeout=CLIENT_TIMEOUT)
        html = page.body.decode("utf-8")
        result.timings["page"] = time.perf_counter() - started
        assets = re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', html)
        await asyncio.gather(*(http.fetch(f"{base}{a}", request_timeout=CLIENT_TIMEOUT)
                               for a in assets))
        result.timings["assets"] = time.perf_counter() - started
        kernel = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', html)
        if not kernel:
            raise RuntimeError("no kernel id in the page")
        session = uuid.uuid4().hex
        url = (f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel[1]}/channels"
               f"?session_id={session}&token={token}")
        socket_ = await websocket_connect(HTTPRequest(url, request_timeout=CLIENT_TIMEOUT))
        control = uuid.uuid4().hex
        socket_.write_message(_message("comm_open", {
            "comm_id": control, "target_name": "jupyter.widget.control", "data": {}}, session,
            metadata={"version": "1.0.0"}))
        socket_.write_message(_message("comm_msg", {
            "comm_id": control, "data": {"method": "request_states"}}, session))
        ki67 = card = None
        while True:
            frame = await socket_.read_message()
            if frame is None:
                raise RuntimeError("websocket closed")
            msg = _decode(frame)
            content = msg.get("content", {})
            data = content.get("data", {}) if isinstance(content, dict) else {}
            if msg["header"]["msg_type"] == "comm_msg" and content.get("comm_id") == control \
                    and data.get("method") == "update_states":
                ki67, card = _grading_models(data["states"])
                result.ready = time.perf_counter() - started
                socket_.write_message(_message("comm_msg", {
                    "comm_id": ki67,
                    "data": {"method": "update", "state": {"value": "25"}, "buffer_paths": []},
                }, session))
            elif card and msg["header"]["msg_type"] == "comm_msg" \
                    and content.get("comm_id") == card and data.get("method") == "update":
                value = data.get("state", {}).get("value", "")
                if "NET G3" in value:
                    result.changed = time.perf_counter() - started
                    break
        socket_.close()
    except Exception as exc:  # every failure is counted and reported, never hidden
        result.error = f"{type(exc).__name__}: {exc}"
    return result


async def _round(base: str, token: str, clients: int) -> list[Result]:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=max(10, clients * 4))
    http = AsyncHTTPClient()
    started = time.perf_counter()

    async def bounded(coro):
        try:
            return await asyncio.wait_for(coro, CLIENT_TIMEOUT)
        except TimeoutError:
            return Result(error=f"timeout after {CLIENT_TIMEOUT:g} s")

    return await asyncio.gather(
        *(bounded(learner(base, token, http, started)) for _ in range(clients))
    )


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _wait_for_pool(log: Path, pool: int, process: subprocess.Popen) -> float:
    """Seconds until Voila says the pool is full (or the port answers when there is no pool)."""
    started = time.perf_counter()
    while time.perf_counter() - started < POOL_READY_TIMEOUT:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text()[-2000:]}")
        text = log.read_text(errors="replace")
        if (pool and "is filled with" in text) or (not pool and "Voil" in text and "running"
                                                   in text):
            return time.perf_counter() - started
        time.sleep(0.5)
    raise RuntimeError(f"pool not ready after {POOL_READY_TIMEOUT:g} s")


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def _wait_until_quiet(server_pid: int, expected_kernels: int, quiet: float = 3.0) -> float:
    """Seconds until the server's kernels (``expected_kernels`` of them) have all started and
    stopped using CPU for ``quiet`` seconds: the dashboard is built in every pre-heated kernel."""
    started = time.perf_counter()
    last, still_since = -1.0, time.perf_counter()
    while time.perf_counter() - started < POOL_READY_TIMEOUT:
        voila = _children(server_pid)
        kernels = [k for v in voila for k in _children(v)]
        cpu = _cpu_seconds(kernels)
        if len(kernels) < expected_kernels or cpu - last > 0.05:
            last, still_since = cpu, time.perf_counter()
        elif time.perf_counter() - still_since >= quiet:
            return time.perf_counter() - started
        time.sleep(0.5)
    raise RuntimeError(f"pool not quiet after {POOL_READY_TIMEOUT:g} s")


def run_round(clients: int, pool: int, cull_idle: int = 600) -> str:
    """Start a server with ``pool`` pre-heated kernels, run ``clients`` learners, stop it."""
    port, token = _free_port(), secrets.token_hex(16)
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"pannet-loadtest-{port}.log"
    command = [sys.executable, "-m", "pannet_edu.cli", "app", "--no-browser",
               f"--port={port}", f"--pool={pool}", f"--cull-idle={cull_idle}"]
    env = dict(os.environ, JUPYTER_TOKEN=token)  # Voila's generated token takes this value
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    with log.open("w") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env,
            start_new_session=True, cwd=ROOT,
        )
    try:
        warm = _wait_for_pool(log, pool, process)
        if pool:
            warm += _wait_until_quiet(process.pid, pool)
        results = asyncio.run(_round(f"http://127.0.0.1:{port}", token, clients))
    finally:
        os.kill(process.pid, signal.SIGTERM)  # `pannet-edu app` stops Voila and its kernels
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    freed = _port_free(port)
    ready = [r.ready for r in results if r.ready is not None and r.error is None]
    changed = [r.changed for r in results if r.changed is not None and r.error is None]
    errors = [r.error for r in results if r.error]
    pages = [r.timings["page"] for r in results if "page" in r.timings]
    line = f"load test, {clients} concurrent learners, pool {pool} (pre-heated in {warm:.0f} s): "
    if ready:
        line += (f"first interactive card p50 {statistics.median(ready):.2f} s, "
                 f"p95 {_percentile(ready, 0.95):.2f} s; ")
    if changed:
        line += (f"card changed p50 {statistics.median(changed):.2f} s, "
                 f"p95 {_percentile(changed, 0.95):.2f} s; ")
    if pages:
        line += f"page p95 {_percentile(pages, 0.95):.2f} s; "
    line += f"errors {len(errors)}/{clients}"
    if errors:
        line += f" (first: {errors[0]})"
    if not freed:
        line += f"; PORT {port} STILL IN USE after stop"
    if clients == GOAL[0] and ready:
        ok = not errors and _percentile(ready, 0.95) < GOAL[1]
        verdict = "met" if ok else "NOT met"
        line += f" [goal {GOAL[0]} learners, p95 < {GOAL[1]:g} s, no error: {verdict}]"
    line += f"; load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    return line


def cull_check(pages: int = 3, cull_idle: int = 10, wait: float = 90.0) -> str:
    """Page loads that never open their websocket leave kernels behind; with ``--cull-idle`` they
    are shut down. Loads the page ``pages`` times (pool 0: one kernel each), never connects, and
    reports how long until those kernels are gone."""
    import urllib.request

    port, token = _free_port(), secrets.token_hex(16)
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"pannet-cull-{port}.log"
    env = dict(os.environ, JUPYTER_TOKEN=token)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "pannet_edu.cli", "app", "--no-browser", f"--port={port}",
             "--pool=0", f"--cull-idle={cull_idle}"],
            stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True, cwd=ROOT)
    try:
        _wait_for_pool(log, 0, process)
        time.sleep(2)
        for _ in range(pages):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={token}",
                                        timeout=CLIENT_TIMEOUT) as response:
                response.read()
        started = time.perf_counter()
        kernels = [k for v in _children(process.pid) for k in _children(v)]
        left = len(kernels)
        while left and time.perf_counter() - started < wait:
            time.sleep(1)
            left = sum(Path(f"/proc/{k}").exists() for k in kernels)
        while time.perf_counter() - started < wait:  # every started kernel culled?
            text = log.read_text(errors="replace")
            if text.count("Kernel started") <= text.count("Culling 'idle'"):
                break
            time.sleep(1)
        waited = time.perf_counter() - started
        text = log.read_text(errors="replace")
        launched, culled = text.count("Kernel started"), text.count("Culling 'idle'")
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    verdict = "all culled" if not left and culled >= launched else (
        f"{launched - culled} NOT culled")
    return (f"idle-kernel culling: {pages} page loads that never connected started {launched} "
            f"kernels, --cull-idle {cull_idle}: {culled} culled, {verdict} within "
            f"{waited:.0f} s of the last load")


def run(rounds: tuple[int, ...] = ROUNDS, pool: int | None = None) -> list[str]:
    """Lines for the benchmark report: one round per client count (pool = clients, max 30),
    then the idle-kernel culling check."""
    lines = [run_round(n, pool if pool is not None else min(n, 30)) for n in rounds]
    return [*lines, cull_check()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, action="append",
                        help="concurrent learners (repeatable; default 10, 30, 60)")
    parser.add_argument("--cull-check", action="store_true",
                        help="only check that kernels of pages never connected are culled")
    parser.add_argument("--pool", type=int, default=None,
                        help="pre-heated kernels (default: as many as learners, at most 30)")
    args = parser.parse_args(argv)
    if args.cull_check:
        print(cull_check(), flush=True)
        return 0
    for clients in args.clients or ROUNDS:
        print(run_round(clients, args.pool if args.pool is not None else min(clients, 30)),
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

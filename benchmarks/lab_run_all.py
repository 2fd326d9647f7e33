"""Run All of each lesson in a real JupyterLab, from a ready kernel, as a learner presses it.

Run alone (`python benchmarks/lab_run_all.py`) or through `benchmarks/run.py`, which calls `run()`.
Targets (the same as `notebooks.py`, which measures the cells with nbclient only): lesson 01 at most
5 s, every other lesson at most 8 s.

JupyterLab is started from this interpreter's environment on 127.0.0.1, a free port and a fresh
token, serving a temporary copy of the stored lessons (the .ipynb files only: the lessons read
their data from the installed package, not from paths beside them), so neither running nor
autosaving changes the repository. Jupyter's settings, workspaces and runtime files live in the
same temporary folder. The kernels import this checkout's `pannet_edu` (its folder is put first on
PYTHONPATH), and kept widget figures go to an empty temporary folder: the first lesson that shows
a figure draws it, as in a learner's first kernel on a new computer (later lessons may reuse a
figure an earlier one kept, as on a learner's computer).

For each lesson, a new headless Chromium page (Debian's, through Playwright) opens
``/lab/workspaces/bench-<lesson>/tree/<lesson>.ipynb`` (``/lab/tree/<lesson>.ipynb`` in a workspace
of its own, so the previous lesson is not reopened beside it), checks it is the only open
document, waits until the notebook's kernel is connected and idle, then
starts the clock in the page, runs ``notebook:run-all-cells`` through JupyterLab's command
registry, and stops the clock when the command has finished, no code cell is still running and
the kernel is idle again. Every non-empty code cell must then have an execution count and no cell
an error output; either is reported. The lesson's kernel is shut down before the next lesson.
Each wait is bounded (``LESSON_TIMEOUT`` per lesson) and the server is always stopped.

The clock counts kernel time plus JupyterLab's work on the messages (outputs, widget models)
while cells run; widget views drawn after the kernel is idle again are not counted.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run.py loads this file by path
import _launch  # one home for the launch code

from notebooks import DEFAULT_TARGET, TARGETS, lessons  # one home for the targets

ROOT = Path(__file__).resolve().parents[1]
#: Seconds one lesson may take from opening its page to the end of Run All (a bound, not a goal).
LESSON_TIMEOUT = 120.0
#: A kernel that has just become idle still answers JupyterLab's start-up requests (kernel and
#: widget comm info); a learner reads for longer than this before pressing Run All.
SETTLE_MS = 1000
POLL_MS = 50  # how often the page checks for the end of Run All: the clock's resolution

#: True once the lesson's panel is open, its model loaded and its kernel connected and idle.
_KERNEL_READY_JS = """(name) => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    if (!panel || !panel.sessionContext || !panel.context || panel.title.label !== name) {
        return false;
    }
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    return panel.context.isReady && panel.sessionContext.isReady && !!kernel
        && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""

#: Starts the clock and Run All. The command's promise is followed in the page (not returned to
#: Playwright, which could lose a promise held across a long run; see test_first_hour.py).
_START_JS = """() => {
    const bench = {start: performance.now(), settled: null, stop: null, ok: null, error: null};
    window.__pannetBench = bench;
    window.jupyterapp.commands.execute('notebook:run-all-cells').then(
        (ok) => { bench.ok = ok; bench.settled = performance.now(); },
        (error) => { bench.ok = false; bench.error = String(error);
                     bench.settled = performance.now(); });
    return true;
}"""

#: True (and the clock stopped) once Run All has finished, no cell runs and the kernel is idle.
#: An error stops Run All with later cells unexecuted: that also ends the wait, and is reported.
_FINISHED_JS = """() => {
    const bench = window.__pannetBench;
    if (bench.settled === null) return false;
    const panel = window.jupyterapp.shell.currentWidget;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    if (!kernel || kernel.status !== 'idle') return false;
    const running = panel.content.widgets.some(
        (cell) => cell.model.type === 'code' && cell.model.executionState === 'running');
    if (running) return false;
    if (bench.stop === null) bench.stop = performance.now();
    return true;
}"""

#: What Run All left: code cells, those without an execution count, error and stderr outputs,
#: and the cell that kept the kernel busy longest (JupyterLab's recorded timing, milliseconds).
_OUTCOME_JS = """() => {
    const bench = window.__pannetBench;
    const panel = window.jupyterapp.shell.currentWidget;
    const outcome = {seconds: (bench.stop - bench.start) / 1000, ok: bench.ok,
                     error: bench.error, cells: 0, unexecuted: [], errors: [], stderr: [],
                     slowest: null};
    panel.content.widgets.forEach((cell, index) => {
        if (cell.model.type !== 'code' || !cell.model.sharedModel.getSource().trim()) return;
        outcome.cells += 1;
        if (cell.model.executionCount === null) outcome.unexecuted.push(index + 1);
        const timing = cell.model.getMetadata('execution') || {};
        const busy = Date.parse(timing['iopub.status.busy']);
        const reply = Date.parse(timing['shell.execute_reply']);
        const longer = !outcome.slowest || reply - busy > outcome.slowest[1];
        if (!isNaN(busy) && !isNaN(reply) && longer) {
            outcome.slowest = [index + 1, reply - busy];
        }
        const outputs = cell.model.outputs;
        for (let i = 0; i < outputs.length; i++) {
            const output = outputs.get(i).toJSON();
            if (output.output_type === 'error') {
                outcome.errors.push(`cell ${index + 1}: ${output.ename}: ${output.evalue}`);
            } else if (output.output_type === 'stream' && output.name === 'stderr') {
                const text = [].concat(output.text).join('').trim().split('\\n')[0];
                outcome.stderr.push(`cell ${index + 1}: ${text.slice(0, 120)}`);
            }
        }
    });
    return outcome;
}"""

_OPEN_DOCUMENTS_JS = "() => [...window.jupyterapp.shell.widgets('main')].map((w) => w.title.label)"

#: Shuts the lesson's kernel down (at most 30 s: the server's session list is cleared after).
_SHUTDOWN_JS = """async () => {
    const panel = window.jupyterapp.shell.currentWidget;
    if (!panel || !panel.sessionContext) return false;
    await Promise.race([panel.sessionContext.shutdown(),
                        new Promise((resolve) => setTimeout(resolve, 30000))]);
    return true;
}"""


@dataclass
class LessonRun:
    """One lesson's Run All in JupyterLab.

    ``seconds`` is ``None`` when Run All did not finish (``problem`` says why); ``cells`` counts
    non-empty code cells, ``unexecuted`` and ``errors`` name cells by position (1 = first cell).
    """

    stem: str
    seconds: float | None = None
    cells: int = 0
    unexecuted: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    problem: str | None = None
    #: (position, seconds) of the cell the kernel spent longest on, where JupyterLab timed it.
    slowest_cell: tuple[int, float] | None = None

    @property
    def target(self) -> float:
        return target_seconds(self.stem)

    @property
    def clean(self) -> bool:
        """Finished, every code cell executed, no error output."""
        return (self.seconds is not None and self.problem is None and not self.unexecuted
                and not self.errors)

    @property
    def within_target(self) -> bool:
        return self.clean and self.seconds is not None and self.seconds <= self.target


def target_seconds(stem: str) -> float:
    """The Run All target of a lesson, by file stem.

    >>> target_seconds("01_classification_and_staging"), target_seconds("05_prrt")
    (5.0, 8.0)
    """
    return TARGETS.get(stem, DEFAULT_TARGET)


def lesson_line(result: LessonRun, load: float) -> str:
    """The report line of one lesson; ``load`` is the 1-minute load average when it ended.

    >>> print(lesson_line(LessonRun("05_prrt", seconds=6.42, cells=25, slowest_cell=(3, 2.5)), 1.2))
    JupyterLab Run All 05_prrt: 6.4 s from a ready kernel, 25 code cells [ok 8 s]; slowest cell 3
    (2.5 s in the kernel); load average 1.2
    >>> print(lesson_line(LessonRun("01_classification_and_staging", seconds=4.6, cells=14,
    ...                             errors=["cell 9: ValueError: bad"]), 0.5))
    JupyterLab Run All 01_classification_and_staging: 4.6 s from a ready kernel, 14 code cells
    [FAILED 5 s]; ERROR output in cell 9: ValueError: bad; load average 0.5
    >>> print(lesson_line(LessonRun("02_x", problem="Run All did not finish"), 2.0))
    JupyterLab Run All 02_x: FAILED (Run All did not finish) [target 8 s]; load average 2.0
    """
    if result.seconds is None:
        head = f"FAILED ({result.problem or 'no time measured'}) [target {result.target:g} s]"
    else:
        verdict = "ok" if result.within_target else "OVER"
        if result.seconds <= result.target and not result.clean:
            verdict = "FAILED"  # in time, but not a real Run All of the lesson
        head = (f"{result.seconds:.1f} s from a ready kernel, {result.cells} code cells "
                f"[{verdict} {result.target:g} s]")
        if result.slowest_cell:
            head += (f"; slowest cell {result.slowest_cell[0]} "
                     f"({result.slowest_cell[1]:.1f} s in the kernel)")
    notes = []
    if result.seconds is not None and result.problem:
        notes.append(result.problem)
    if result.unexecuted:
        notes.append("not executed: cells " + ", ".join(map(str, result.unexecuted)))
    notes += [f"ERROR output in {error}" for error in result.errors]
    if result.stderr:
        notes.append(f"{len(result.stderr)} stderr output(s), first in {result.stderr[0]}")
    body = "; ".join([head, *notes])
    return f"JupyterLab Run All {result.stem}: {body}; load average {load:.1f}"


def summary_line(results: Sequence[LessonRun], load_before: float, load_after: float) -> str:
    """The closing line: how many lessons met their target, the slowest, and the load.

    >>> runs = [LessonRun("01_a", seconds=4.0, cells=3), LessonRun("02_b", seconds=9.5, cells=4)]
    >>> print(summary_line(runs, 0.4, 1.6))
    JupyterLab Run All: 1 of 2 lessons within target, slowest 02_b 9.5 s; load average 0.4
    before, 1.6 after
    """
    timed = [r for r in results if r.seconds is not None]
    slowest = max(timed, key=lambda r: r.seconds, default=None)
    worst = f", slowest {slowest.stem} {slowest.seconds:.1f} s" if slowest else ""
    within = sum(r.within_target for r in results)
    return (f"JupyterLab Run All: {within} of {len(results)} lessons within target{worst}; "
            f"load average {load_before:.1f} before, {load_after:.1f} after")


def copy_lessons(paths: Sequence[Path], folder: Path) -> list[Path]:
    """Copies of ``paths`` in ``folder`` (created), for a server whose autosave may write them.

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     source = Path(tmp) / "01_a.ipynb"
    ...     _ = source.write_text("{}")
    ...     [p.relative_to(tmp).as_posix() for p in copy_lessons([source], Path(tmp) / "lab")]
    ['lab/01_a.ipynb']
    """
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(path, folder / path.name)) for path in paths]


def _api(base: str, token: str, path: str, method: str = "GET") -> object:
    request = urllib.request.Request(f"{base}{path}?token={token}", method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


def _shut_down_sessions(base: str, token: str) -> None:
    """Delete every session (and so its kernel) the server still has: none may run into the
    next lesson's time."""
    for session in _api(base, token, "/api/sessions"):
        _api(base, token, f"/api/sessions/{session['id']}", method="DELETE")


def measure_lesson(browser, base: str, token: str, path: Path) -> LessonRun:
    """Open ``path`` (served at the server's root) in a new page and time its Run All."""
    result = LessonRun(path.stem)
    deadline = time.monotonic() + LESSON_TIMEOUT

    def left_ms() -> float:  # every wait shares the lesson's one bound
        return max(1.0, deadline - time.monotonic()) * 1000

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        # A workspace of its own: the default one would reopen the previous lesson beside this
        # one (layout restore), with a kernel of its own.
        page.goto(f"{base}/lab/workspaces/bench-{path.stem}/tree/{path.name}?token={token}",
                  timeout=left_ms())
        page.wait_for_function(_KERNEL_READY_JS, arg=path.name, polling=100, timeout=left_ms())
        page.wait_for_timeout(SETTLE_MS)
        page.wait_for_function(_KERNEL_READY_JS, arg=path.name, polling=100, timeout=left_ms())
        # Only this lesson and its kernel: anything else would share the cores being measured.
        others = [label for label in page.evaluate(_OPEN_DOCUMENTS_JS) if label != path.name]
        sessions = len(_api(base, token, "/api/sessions"))
        if others or sessions != 1:
            result.problem = f"not alone: {sessions} kernel session(s), also open: {others}"
        page.evaluate(_START_JS)
        try:
            page.wait_for_function(_FINISHED_JS, polling=POLL_MS, timeout=left_ms())
        except Exception:  # Playwright's TimeoutError (its message is the page's whole log)
            result.problem = f"Run All did not finish within {LESSON_TIMEOUT:g} s of opening"
            return result
        outcome = page.evaluate(_OUTCOME_JS)
        result.seconds = outcome["seconds"]
        result.cells = outcome["cells"]
        result.unexecuted = outcome["unexecuted"]
        result.errors = outcome["errors"]
        result.stderr = outcome["stderr"]
        if outcome["slowest"]:
            result.slowest_cell = (outcome["slowest"][0], outcome["slowest"][1] / 1000)
        if outcome["error"] and result.problem is None:
            result.problem = f"Run All failed: {outcome['error'][:200]}"
        elif outcome["ok"] is not True and result.problem is None:
            result.problem = "Run All stopped before the last cell"
        page.evaluate(_SHUTDOWN_JS)
        return result
    except Exception as error:  # one lesson's failure is reported, the others still run
        result.problem = result.problem or f"{type(error).__name__}: {str(error)[:200]}"
        return result
    finally:
        context.close()
        with contextlib.suppress(OSError):  # a dead server is reported by the next lesson
            _shut_down_sessions(base, token)  # whatever the page left (it may have failed)


def measure(paths: Sequence[Path]) -> list[tuple[LessonRun, float]]:
    """(result, load average at its end) per lesson, in one JupyterLab started for the run."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="pannet-lab-bench-") as tmp:
        tmp_path = Path(tmp)
        served = copy_lessons(paths, tmp_path / "lessons")
        env = _launch.isolated_jupyter_env(tmp_path / "home")
        # JupyterLab records each cell's kernel timing in its metadata: the slowest cell is named.
        tracker = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "notebook-extension"
        tracker.mkdir(parents=True)
        (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"recordTiming": True}))
        # The kernels import this checkout's package, whatever the environment's install points at.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        env["PANNET_FIGURE_CACHE"] = str(tmp_path / "figures")
        port, token = _launch.free_port(), secrets.token_hex(16)
        base = f"http://127.0.0.1:{port}"
        server = _launch.Server(_launch.lab_command(port, token, tmp_path / "lessons"),
                                tmp_path / "lessons", env, tmp_path / "lab.log")
        try:
            server.wait_until_up(port, f"{base}/api/status?token={token}")
            with _launch.chromium() as browser:
                for path in served:
                    result = measure_lesson(browser, base, token, path)
                    rows.append((result, os.getloadavg()[0]))
        finally:
            server.terminate()
            server.wait_stopped()
    return rows


def run() -> list[str]:
    """Lines for the benchmark report: one per lesson, then a summary (or one line saying why
    the real-browser run cannot start)."""
    missing = _launch.chromium_missing()
    if missing:
        return [f"JupyterLab Run All: skipped, {missing}"]
    load_before = os.getloadavg()[0]
    try:
        rows = measure(lessons())
    except _launch.ServerFailed as failed:
        return [f"JupyterLab Run All: JupyterLab did not start: {str(failed)[:300]}"]
    results = [result for result, _ in rows]
    return [*(lesson_line(result, load) for result, load in rows),
            summary_line(results, load_before, os.getloadavg()[0])]


def main() -> int:
    print("\n".join(run()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

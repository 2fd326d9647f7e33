"""Process-wide settings of the dashboard server for a room arriving at once: each measured
with ``benchmarks/loadtest.py`` (see ``docs/teaching.md``). Applied by
:func:`pannet_edu.app.server.asgi_app`, in the server's process only, after Solara is imported.
"""

from __future__ import annotations

from typing import Any


def lighter_session_shell() -> None:
    """Each session's IPython shell without the work no dashboard uses.

    Solara's session shell asks IPython for its script magics (``%%bash`` and friends) only to
    unregister their exit handler; with IPython's lazily loaded magics, asking builds them, eight
    argument parsers per learner (about 17 ms of CPU per session here). The dashboard runs no
    magics, so they are never loaded and there is nothing to unregister; if they ever are, their
    handler is unregistered as before.
    """
    import atexit

    from IPython.core.interactiveshell import InteractiveShell
    from solara.server import shell

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        InteractiveShell.__init__(self, *args, **kwargs)
        atexit.unregister(self.atexit_operations)
        registry = self.magics_manager.registry if self.magics_manager else {}
        if "ScriptMagics" in registry:  # `in` does not load it
            atexit.unregister(registry["ScriptMagics"].kill_bg_processes)

    shell.SolaraInteractiveShell.__init__ = __init__


def wait_for_slow_pages() -> None:
    """A session writing to a page that reads slowly waits until the page's connection can take
    more, instead of trying again every half millisecond.

    Each session writes its websocket messages itself (Solara's synchronous writer); when a page
    does not read fast enough (a room of busy browsers), Solara's writer retried the write in a
    loop of 0.5 ms sleeps, each a system call and a turn at the interpreter lock taken from the
    other sessions. Here the session's thread sleeps in ``select`` until the socket is writable
    (at most a second at a time); a broken connection still raises as before.
    """
    import os
    import select

    from solara.server import sync_ws_write

    def _os_write(self: Any, data: bytes) -> None:
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self.fd, view):]
            except BlockingIOError:  # the page's buffer is full: wait until it has room
                select.select([], [self.fd], [], 1.0)
            except InterruptedError:
                continue

    sync_ws_write.SyncFrameWriter._os_write = _os_write


#: Allocations between two young-generation collections of the garbage collector (Python's
#: default is 700): see :func:`tune_gc`.
GC_YOUNG_THRESHOLD = 20_000


def tune_gc() -> None:
    """The garbage collector set for a room arriving at once: what the server made before its
    first learner (modules, the content, the shared figures) is kept out of every later
    collection, and young collections run every :data:`GC_YOUNG_THRESHOLD` allocations.

    Every page builds thousands of long-lived objects; with Python's defaults the collector
    walked the whole growing heap again and again while a room arrived (measured: 1.5 of 11 s
    of server CPU for 150 learners; with these settings no full collection ran until the room
    was in, 10.3 s in all). Cycles are still collected, only less often.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])

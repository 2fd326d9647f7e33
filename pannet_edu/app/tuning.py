"""Process-wide settings of the dashboard server for a room arriving at once: each measured
with ``benchmarks/loadtest.py`` (see ``docs/teaching.md``). Applied by
:func:`pannet_edu.app.server.asgi_app`, in the server's process only, after Solara is imported.
"""

from __future__ import annotations

import contextlib
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


def write_from_the_event_loop() -> None:
    """Each session's websocket messages written straight to its connection's transport, from
    the event loop that runs every session (Solara's sessions are not given a thread each here:
    ``SOLARA_KERNEL_THREADED=False``, see :func:`pannet_edu.app.server.solara_environment`).

    Solara's synchronous writer (``SOLARA_SERVER_SYNC_WS_WRITE``) builds each frame at once
    instead of handing every message to the event loop as a task; it then writes to the socket
    with a blocking retry loop, which suits a session's own thread but would stall every session
    on the event loop while one slow page read. Here the frame goes to the connection's asyncio
    transport instead: sent at once when the page's socket has room, otherwise kept in the
    transport's buffer and sent as the page reads, never blocking. A write from any other thread
    is handed to the event loop (asyncio transports are not thread-safe), and a write to a
    connection that has gone raises ``OSError`` as before, which Solara reads as the page having
    gone.
    """
    import asyncio

    from solara.server import sync_ws_write

    def _os_write(self: Any, data: bytes) -> None:
        transport = self.protocol.transport
        loop = self.protocol.loop
        if asyncio._get_running_loop() is not loop:
            # another thread (Solara closes a culled session from a thread of its own): the
            # event loop writes it, unless the page has gone by then
            try:
                loop.call_soon_threadsafe(_write_unless_gone, transport, bytes(data))
            except RuntimeError as error:  # the server has stopped
                raise ConnectionResetError("the server has stopped") from error
            return
        if transport.is_closing():
            raise ConnectionResetError("the page's connection has closed")
        try:
            transport.write(data)
        except RuntimeError as error:  # closing: its end already written
            raise ConnectionResetError("the page's connection is closing") from error

    sync_ws_write.SyncFrameWriter._os_write = _os_write


def close_on_the_event_loop() -> None:
    """A session closed from another thread (Solara culls a session whose page has gone from a
    thread of its own) closes its page's connection on the event loop that serves it.

    With the sessions on the event loop Solara's close schedules itself on the calling thread's
    event loop, which that thread does not have: the close was lost, with a warning on the
    console.
    """
    import asyncio

    from solara.server import starlette

    close = starlette.WebsocketWrapper.close

    def close_from_anywhere(self: Any) -> None:
        if self.portal is None and asyncio._get_running_loop() is not self.event_loop:
            # a stopped server has closed its connections already (RuntimeError)
            with contextlib.suppress(RuntimeError):
                self.event_loop.call_soon_threadsafe(close, self)
            return
        close(self)

    starlette.WebsocketWrapper.close = close_from_anywhere


def _write_unless_gone(transport: Any, data: bytes) -> None:
    """Write ``data`` to ``transport`` if its page is still there (on the event loop)."""
    if not transport.is_closing():
        with contextlib.suppress(RuntimeError):  # closing, its end written: the page has gone
            transport.write(data)


def threads_without_a_session() -> None:
    """A thread that belongs to no learner's session (the server's own, and the worker threads
    that read files) ends quietly.

    With the sessions on the event loop, Solara finds a session's context by a context variable
    that only the event loop's tasks carry; when any other thread ended, Solara looked the
    variable up to forget that thread's session and printed a traceback to the console. Such a
    thread is known by its name and number instead, as Solara does when sessions have threads.
    """
    from solara.server import kernel_context

    by_session = kernel_context.get_thread_key

    def get_thread_key(thread: Any) -> str:
        try:
            return by_session(thread)
        except LookupError:
            return thread._name + str(thread._ident)

    kernel_context.get_thread_key = get_thread_key


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


#: Learners' session kernels the server keeps made ahead, for a lecture hall arriving at once
#: (about 0.13 MB each: 400 are about 50 MB; see :class:`KernelsAhead`).
KERNELS_AHEAD = 400
#: Seconds without a new learner after which the server counts as idle and makes kernels ahead.
IDLE_AFTER = 1.0


class KernelsAhead:
    """Each learner's session kernel (its IPython shell and message plumbing, about 9 ms of CPU
    to make, a fifth of a session's cost) made while the server is idle, not when the learner
    arrives: a room opening the page at once then waits only for its own widgets.

    Stands in for Solara's kernel class: calling it hands out a kernel made ahead (each one
    once, to one session only) or, when none is left, makes one as Solara would; everything
    else is asked of Solara's class. :meth:`keep_ready` makes them, one at a time, only after
    :data:`IDLE_AFTER` seconds without a new learner.

    >>> made = iter(range(100))
    >>> ahead = KernelsAhead(lambda: next(made), size=2)
    >>> ahead.make_one(), ahead.make_one(), ahead.make_one()
    (True, True, False)
    >>> ahead(), ahead(), ahead()  # two made ahead, then one made on the spot
    (0, 1, 2)
    """

    def __init__(self, make: Any, size: int = KERNELS_AHEAD) -> None:
        import collections
        import time

        if size < 0:
            raise ValueError(f"size must be 0 or more kernels, not {size!r}")
        self.make = make
        self.size = size
        self.ready: collections.deque[Any] = collections.deque()
        self._clock = time.monotonic
        self.last_arrival = -IDLE_AFTER

    def __call__(self) -> Any:
        self.last_arrival = self._clock()
        return self.ready.popleft() if self.ready else self.make()

    def __getattr__(self, name: str) -> Any:  # Solara also asks the class (Kernel.instance())
        return getattr(self.make, name)

    def make_one(self) -> bool:
        """Make one kernel ahead if fewer than ``size`` are ready; True if one was made."""
        if len(self.ready) >= self.size:
            return False
        self.ready.append(self.make())
        return True

    async def keep_ready(self, when_all_made: Any = None) -> None:
        """Make kernels ahead, one at a time, whenever no learner arrived for a while (runs on the
        server's event loop until cancelled; a learner arriving waits at most for one kernel).
        ``when_all_made(size)`` is called the first time all ``size`` are ready."""
        import asyncio

        while True:
            if len(self.ready) >= self.size:  # all made: a server waiting for its class sleeps
                if when_all_made is not None:
                    when_all_made(self.size)
                    when_all_made = None
                await asyncio.sleep(IDLE_AFTER)
            elif self._clock() - self.last_arrival >= IDLE_AFTER and self.make_one():
                await asyncio.sleep(0)  # let any learner in between two kernels
            else:
                await asyncio.sleep(IDLE_AFTER / 4)


def kernels_made_ahead(size: int = KERNELS_AHEAD) -> KernelsAhead:
    """Solara's sessions take their kernels from a :class:`KernelsAhead` (made ahead while the
    server is idle: run its :meth:`KernelsAhead.keep_ready` on the server's event loop)."""
    from solara.server import kernel_context

    ahead = KernelsAhead(kernel_context.Kernel, size)
    kernel_context.Kernel = ahead
    return ahead

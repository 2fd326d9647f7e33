"""The dashboard's kernel manager: kernels start a few at a time, in the order they were asked for.

A kernel costs seconds of processor time to start and to build the dashboard in. When more
learners arrive than the pool holds, each page beyond the pool and each pool refill asks for a
kernel at the same moment; started all at once on a small machine, they share the cores and every
one of them finishes late (in the load test, past the client's time-out). Started
:attr:`QueuedKernelManager.max_starting` at a time, first come first served, the first learners
beyond the pool get a page in seconds, the later ones wait in line, and the pool's refills (asked
for after the learners' kernels) come last.

A start holds its place until the kernel has done its start-up work: until its process has used
processor time and then been quiet for a moment (read from ``/proc`` on Linux), at most
:attr:`QueuedKernelManager.start_hold` seconds. Where the process cannot be read, the place is
released once the kernel has started.
"""

from __future__ import annotations

import asyncio
import datetime
import os
import time
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float, Integer


def process_cpu_seconds(pid: int) -> float | None:
    """Processor seconds (user + system) a process and its waited-for children have used, or
    ``None`` if it cannot be read.

    >>> process_cpu_seconds(os.getpid()) is not None or not Path("/proc").exists()
    True
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


class QueuedKernelManager(AsyncMappingKernelManager):
    """An ``AsyncMappingKernelManager`` that starts at most ``max_starting`` kernels at once."""

    max_starting = Integer(
        2, config=True, help="Kernels starting at the same time (about one per processor core)."
    )
    start_hold = Float(
        30.0, config=True,
        help="Longest time in seconds a starting kernel keeps its place in the start queue.",
    )
    busy_cpu = Float(
        1.0, config=True,
        help="Processor seconds a kernel uses before its start-up counts as under way.",
    )
    quiet = Float(1.0, config=True, help="Seconds of near-idle that end a kernel's start-up.")
    claim_timeout = Float(
        60.0, config=True,
        help="Seconds a kernel started for a page may sit idle before that page connects to it; "
        "then the page was abandoned (closed or reloaded while loading) and the kernel is shut "
        "down. 0 = never. Pool kernels wait for their page by design and are not affected.",
    )

    _slots: asyncio.Semaphore | None = None

    async def start_kernel(self, *args, **kwargs):  # type: ignore[override]
        if self._slots is None:
            self._slots = asyncio.Semaphore(max(1, self.max_starting))
        waited = time.monotonic()
        await self._slots.acquire()
        queued = time.monotonic() - waited
        try:
            kernel_id = await super().start_kernel(*args, **kwargs)
        except BaseException:
            self._slots.release()
            raise
        if queued > 1:
            self.log.info("Kernel %s waited %.0f s for a start slot", kernel_id, queued)
        # The dashboard is run in the kernel after this returns: the place in the queue is given
        # up once that work is done, in the background.
        self._background(self._release_when_started(kernel_id))
        preheated = (kwargs.get("env") or {}).get("VOILA_PREHEAT") == "True"
        if self.claim_timeout > 0 and not preheated:
            self._background(self._free_if_unclaimed(kernel_id))
        return kernel_id

    def _background(self, work) -> None:
        task = asyncio.ensure_future(work)
        self._holding = {*getattr(self, "_holding", set()), task}
        task.add_done_callback(self._holding.discard)

    def notify_connect(self, kernel_id: str) -> None:
        """A page connected to the kernel: it is claimed (see :attr:`claim_timeout`)."""
        self._claimed = {*getattr(self, "_claimed", set()), kernel_id}
        super().notify_connect(kernel_id)

    async def _free_if_unclaimed(self, kernel_id: str) -> None:
        """Shut the kernel down once it has been idle :attr:`claim_timeout` seconds without its
        page ever connecting: the learner left while it loaded (50 abandoned reloads would
        otherwise hold 50 kernels, about 7 GB, until the idle cull)."""
        step = max(0.05, min(5.0, self.claim_timeout / 4))
        while self._unclaimed(kernel_id):
            await asyncio.sleep(step)
            if self._unclaimed(kernel_id) and self._idle_seconds(kernel_id) >= self.claim_timeout:
                self.log.info("Kernel %s: its page never connected (abandoned); shutting it down",
                              kernel_id)
                await self.shutdown_kernel(kernel_id)
                return

    def _unclaimed(self, kernel_id: str) -> bool:
        return kernel_id in self and kernel_id not in getattr(self, "_claimed", set())

    def _idle_seconds(self, kernel_id: str) -> float:
        """Seconds since the kernel last sent a message (0 if that is not known)."""
        last = getattr(self.get_kernel(kernel_id), "last_activity", None)
        if not isinstance(last, datetime.datetime):
            return 0.0
        return (datetime.datetime.now(datetime.UTC) - last).total_seconds()

    async def _release_when_started(self, kernel_id: str) -> None:
        try:
            await self._until_started(kernel_id)
        finally:
            self._slots.release()

    async def _until_started(self, kernel_id: str) -> None:
        """Wait until the kernel's process has worked and gone quiet (bounded)."""
        try:
            pid = self.get_kernel(kernel_id).provisioner.pid
        except Exception:  # an unknown or remote kernel: nothing to wait for
            pid = None
        if not isinstance(pid, int) or process_cpu_seconds(pid) is None:
            return
        deadline = time.monotonic() + self.start_hold
        start = process_cpu_seconds(pid) or 0.0
        last, quiet_since = start, None
        step = 0.25
        while time.monotonic() < deadline:
            await asyncio.sleep(step)
            used = process_cpu_seconds(pid)
            if used is None:  # the kernel has gone
                return
            if used - start >= self.busy_cpu and used - last < 0.2 * step:
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since >= self.quiet:
                    return
            else:
                quiet_since = None
            last = used

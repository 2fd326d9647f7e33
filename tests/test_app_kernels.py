"""The dashboard's kernel manager starts kernels a few at a time, first come first served."""

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from pannet_edu import app
from pannet_edu.app import _kernels


def _run(coroutine):
    """asyncio.run in a thread of its own: the browser tests' Playwright session keeps an event
    loop running in the main thread for the whole test run."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_the_dashboard_is_served_with_the_queued_kernel_manager():
    command = app.voila_command(pool=0)
    assert f"--VoilaConfiguration.multi_kernel_manager_class={app.KERNEL_MANAGER}" in command
    assert f"--QueuedKernelManager.max_starting={app.start_slots()}" in command
    module, _, name = app.KERNEL_MANAGER.rpartition(".")
    assert getattr(__import__(module, fromlist=[name]), name) is _kernels.QueuedKernelManager


def test_kernels_start_at_most_max_starting_at_once_in_arrival_order(monkeypatch):
    running, most, started, finished = set(), [0], [], []

    async def fake_start(self, *args, **kwargs):
        kernel = f"k{len(started)}"
        started.append(kwargs["label"])
        return kernel

    async def fake_until_started(self, kernel_id):
        running.add(kernel_id)
        most[0] = max(most[0], len(running))
        await asyncio.sleep(0.05)
        running.discard(kernel_id)
        finished.append(kernel_id)

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", fake_start)
    monkeypatch.setattr(_kernels.QueuedKernelManager, "_until_started", fake_until_started)
    manager = _kernels.QueuedKernelManager(max_starting=2)

    async def room():
        ids = await asyncio.gather(*(manager.start_kernel(label=i) for i in range(6)))
        while len(finished) < 6:  # the last places are given up in the background
            await asyncio.sleep(0.01)
        return ids

    ids = _run(room())
    assert len(set(ids)) == 6
    assert started == list(range(6))  # first come, first served
    assert most[0] == 2


def test_a_failed_start_gives_its_place_back(monkeypatch):
    async def failing(self, *args, **kwargs):
        raise RuntimeError("no kernel")

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", failing)
    manager = _kernels.QueuedKernelManager(max_starting=1)

    async def twice():
        for _ in range(2):  # the second would wait for ever if the first kept its place
            with pytest.raises(RuntimeError):
                await asyncio.wait_for(manager.start_kernel(), 5)

    _run(twice())


def test_a_kernel_process_that_cannot_be_read_releases_its_place_at_once():
    manager = _kernels.QueuedKernelManager()
    _run(asyncio.wait_for(manager._until_started("no-such-kernel"), 2))


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="reads /proc")
def test_process_cpu_seconds_grows_with_work():
    before = _kernels.process_cpu_seconds(os.getpid())
    sum(i * i for i in range(2_000_000))
    assert _kernels.process_cpu_seconds(os.getpid()) > before
    assert _kernels.process_cpu_seconds(2**22 + 12345) is None


def test_a_page_abandoned_while_loading_frees_its_kernel(monkeypatch):
    """Issue 25, item 13: a kernel whose page never connects is shut down once idle for
    claim_timeout; a claimed kernel and a pool kernel (waiting for its page by design) stay."""
    import datetime

    kernels, shut = {}, []

    class FakeKernel:
        last_activity = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)

    async def fake_start(self, *args, **kwargs):
        kernel_id = f"k{len(kernels)}"
        kernels[kernel_id] = FakeKernel()
        self._kernel_connections[kernel_id] = 0
        return kernel_id

    async def fake_shutdown(self, kernel_id, *args, **kwargs):
        shut.append(kernel_id)
        kernels.pop(kernel_id)

    async def started_at_once(self, kernel_id):
        return None

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", fake_start)
    monkeypatch.setattr(AsyncMappingKernelManager, "shutdown_kernel", fake_shutdown)
    monkeypatch.setattr(AsyncMappingKernelManager, "get_kernel",
                        lambda self, kernel_id: kernels[kernel_id])
    monkeypatch.setattr(AsyncMappingKernelManager, "__contains__",
                        lambda self, kernel_id: kernel_id in kernels)
    monkeypatch.setattr(_kernels.QueuedKernelManager, "_until_started", started_at_once)
    manager = _kernels.QueuedKernelManager(max_starting=2, claim_timeout=0.3)

    async def room():
        abandoned = await manager.start_kernel()
        claimed = await manager.start_kernel()
        pooled = await manager.start_kernel(env={"VOILA_PREHEAT": "True"})
        manager.notify_connect(claimed)
        await asyncio.sleep(1.0)
        return abandoned, claimed, pooled

    abandoned, claimed, pooled = _run(room())
    assert shut == [abandoned]
    assert claimed in kernels and pooled in kernels

"""``python -m pannet_edu.app._voila ARGS``: Voila, with the dashboard's template folder first on
JUPYTER_PATH, so :func:`pannet_edu.app.voila_command` works in any environment it is given.

Voila runs in a session of its own (a Ctrl-C meant for ``pannet-edu app`` reaches only that
process, which stops Voila once). So that it never outlives ``pannet-edu app``, even one killed
with SIGKILL, which cannot pass the stop on, Voila watches its parent and stops itself (SIGTERM:
its kernels shut down and the port is freed) when the parent is gone.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

from . import SHARE_DIR


def stop_when_parent_dies(interval: float = 1.0) -> threading.Thread:
    """Watch the parent process every ``interval`` seconds (in a daemon thread); when it has gone
    (this process was handed to another parent), send this process SIGTERM.

    >>> stop_when_parent_dies(60).daemon
    True
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os.kill(os.getpid(), signal.SIGTERM)

    watcher = threading.Thread(target=watch, name="stop-when-parent-dies", daemon=True)
    watcher.start()
    return watcher


def main() -> None:
    paths = [str(SHARE_DIR), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    from voila.app import main as voila_main

    stop_when_parent_dies()
    sys.exit(voila_main())


if __name__ == "__main__":
    main()

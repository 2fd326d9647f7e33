"""``python -m pannet_edu.app._voila ARGS``: Voila, with the dashboard's template folder first on
JUPYTER_PATH, so :func:`pannet_edu.app.voila_command` works in any environment it is given."""

from __future__ import annotations

import os
import sys

from . import SHARE_DIR


def main() -> None:
    paths = [str(SHARE_DIR), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    from voila.app import main as voila_main

    sys.exit(voila_main())


if __name__ == "__main__":
    main()

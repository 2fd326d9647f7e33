"""The page the dashboard server serves: one dashboard per learner session.

Solara's server imports this module once per process and renders :func:`Page` once per browser
tab (a "virtual kernel"): each session gets its own :func:`pannet_edu.app.dashboard`, with its own
widgets and inputs, built the first time the page connects. Everything here is per session;
what can be shared (the grade plane's bands, the kept figures) is shared by the tools themselves.
"""

from __future__ import annotations

from typing import Any

import solara


def new_board() -> Any:
    """A fresh dashboard for one session, tabs built when first opened."""
    from . import dashboard

    return dashboard(lazy=True)


@solara.component
def Page() -> Any:
    """The learner's dashboard (built once per session, kept across re-renders)."""
    board = solara.use_memo(new_board, dependencies=[])
    return solara.Div(children=[board], classes=["pannet-dashboard"])


@solara.component
def Layout(children: list[Any] = []) -> Any:  # noqa: B006 (Solara's layout signature)
    """No app bar or navigation: the dashboard has its own header. The page itself, not a box
    around it (each box is one more widget sent to every learner)."""
    return children[0] if len(children) == 1 else solara.Div(children=children)

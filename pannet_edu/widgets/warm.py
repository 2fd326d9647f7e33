"""Draw every figure a learner can reach in the tools that keep figures, before anyone asks.

``pannet-edu warm`` runs :func:`warm_kept_figures`; ``pannet-edu app`` and ``make lab`` start it in
the background at the lowest priority. Figures already kept are read, not drawn again, so a
second warm is quick (the cards are still computed: the tools are driven as a learner would).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .kept_figures import current_folder, prune_kept_figures

#: The tools whose figures are kept and warmed, as ``warm_kept_figures(tools=...)`` names them.
WARMED_TOOLS = ("trial explorer", "case player")


@dataclass(frozen=True)
class WarmReport:
    """What :func:`warm_kept_figures` did: views shown, figures kept, how many were new."""

    views: int
    kept: int
    drawn: int
    pruned: int
    seconds: float
    folder: Path | None

    def summary(self) -> str:
        """One line for a teacher starting a server.

        >>> WarmReport(10, 8, 3, 0, 2.5, Path("/tmp/f")).summary()
        'Figures ready: 8 kept in /tmp/f (3 drawn now, 5 already kept), from 10 views, in 2.5 s.'
        """
        if self.folder is None:
            return ("Figures are not kept between kernels (PANNET_FIGURE_CACHE=off): "
                    "nothing to prepare.")
        pruned = f"; {self.pruned} older version(s) removed" if self.pruned else ""
        return (
            f"Figures ready: {self.kept} kept in {self.folder} ({self.drawn} drawn now, "
            f"{self.kept - self.drawn} already kept), from {self.views} views, in "
            f"{self.seconds:.1f} s{pruned}."
        )


def _trial_explorer_views(trials: object = None) -> int:
    """Show every combination of the trial explorer's filters once; returns the count."""
    from .trial_explorer import TrialExplorer

    tool = TrialExplorer(trials=trials)
    views = 0
    # Nested in control order: each change of an outer filter shows a combination the inner
    # loop reaches anyway, so no figure is drawn twice.
    for therapy_class in [value for _label, value in tool.therapy_class.options]:
        tool.therapy_class.value = therapy_class
        for pannet in [value for _label, value in tool.pannet.options]:
            tool.pannet.value = pannet
            for setting in list(tool.setting.options):
                tool.setting.value = setting
                views += 1
    return views


def _case_player_views() -> int:
    """Show every (case, decision point, choice) of the case player once; returns the count."""
    from .case_player import CasePlayer

    tool = CasePlayer()
    views = 0
    for case in [value for _label, value in tool.case_picker.options]:
        tool.case_picker.value = case
        for step in [value for _label, value in tool.step_picker.options]:
            tool.step_picker.value = step
            for choice in [value for _label, value in tool.choice_picker.options]:
                tool.choice_picker.value = choice
                views += 1
    return views


def _kept_count(folder: Path | None) -> int:
    return 0 if folder is None or not folder.is_dir() else sum(1 for _ in folder.glob("*.html"))


def warm_kept_figures(
    tools: tuple[str, ...] = WARMED_TOOLS, *, trials: object = None
) -> WarmReport:
    """Draw every figure a learner can reach in ``tools`` into the kept-figure folder (figures
    kept already are read, not drawn again), then prune older versions' figures.

    ``trials`` is the trials table the explorer shows (default: the toolkit's own).

    >>> import os
    >>> os.environ["PANNET_FIGURE_CACHE"] = "off"
    >>> warm_kept_figures().drawn
    0
    >>> del os.environ["PANNET_FIGURE_CACHE"]
    """
    if isinstance(tools, str) or not all(isinstance(name, str) for name in tools):
        raise TypeError(f"tools must be a tuple of tool names from {WARMED_TOOLS}")
    unknown = [name for name in tools if name not in WARMED_TOOLS]
    if unknown:
        raise ValueError(f"tools must be among {WARMED_TOOLS}; got {unknown}")
    folder = current_folder()
    if folder is None:
        return WarmReport(0, 0, 0, 0, 0.0, None)
    import matplotlib

    matplotlib.use("Agg")  # no window: this runs without a display, often in the background
    started = time.perf_counter()
    before = _kept_count(folder)
    views = 0
    if "trial explorer" in tools:
        views += _trial_explorer_views(trials)
    if "case player" in tools:
        views += _case_player_views()
    pruned = prune_kept_figures()
    after = _kept_count(folder)
    return WarmReport(views, after, after - before, pruned, time.perf_counter() - started, folder)

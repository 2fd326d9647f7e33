"""Draw every figure a learner can reach in the tools that keep figures, before anyone asks.

``pannet-edu warm`` runs :func:`warm_kept_figures`; ``pannet-edu app`` and ``make lab`` start it in
the background at the lowest priority. Figures already kept are read, not drawn again, so a
second warm is quick (the cards are still computed: the tools are driven as a learner would).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .kept_figures import COUNTS, current_folder, kept_count, prune_kept_figures

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
    #: Figures drawn but not kept (a full disk, a folder that cannot be written), and why.
    failed: int = 0
    problem: str = ""

    @property
    def ok(self) -> bool:
        """False when figures were to be kept and none is: ``pannet-edu warm`` then exits 1.

        >>> WarmReport(10, 0, 0, 0, 1.0, Path("/tmp/f"), failed=10).ok
        False
        """
        return self.folder is None or self.views == 0 or self.kept > 0

    def summary(self) -> str:
        """One line for a teacher starting a server.

        >>> WarmReport(10, 8, 3, 0, 2.5, Path("/tmp/f")).summary()
        'Figures ready: 8 kept in /tmp/f (3 drawn now, 5 already kept), from 10 views, in 2.5 s.'
        >>> WarmReport(10, 0, 0, 0, 2.5, Path("/f"), failed=10, problem="No space").summary()
        'No figure could be kept in /f (10 drawn, none written: No space); each kernel will ...'
        """
        if self.folder is None:
            return ("Figures are not kept between kernels (PANNET_FIGURE_CACHE=off): "
                    "nothing to prepare.")
        if not self.ok:
            return (f"No figure could be kept in {self.folder} ({self.failed} drawn, none "
                    f"written: {self.problem or 'unknown reason'}); each kernel will draw its "
                    "own.")
        pruned = f"; {self.pruned} older version(s) removed" if self.pruned else ""
        failed = (f"; {self.failed} could not be written ({self.problem})" if self.failed
                  else "")
        return (
            f"Figures ready: {self.kept} kept in {self.folder} ({self.drawn} drawn now, "
            f"{self.kept - self.drawn} already kept), from {self.views} views, in "
            f"{self.seconds:.1f} s{pruned}{failed}."
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
        for step in range(len(tool.case.steps)):  # as a learner reaches each in turn
            tool.go_to(step)
            for choice in [value for _label, value in tool.choice_picker.options]:
                tool.choice_picker.value = choice
                views += 1
    return views


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
    written, failed = COUNTS.written, COUNTS.failed
    views = 0
    if "trial explorer" in tools:
        views += _trial_explorer_views(trials)
    if "case player" in tools:
        views += _case_player_views()
    pruned = prune_kept_figures()
    failed = COUNTS.failed - failed
    return WarmReport(views, kept_count(folder), COUNTS.written - written, pruned,
                      time.perf_counter() - started, folder, failed,
                      COUNTS.last_error if failed else "")

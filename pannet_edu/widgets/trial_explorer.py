"""Trial explorer: filter the trials by therapy class (each PRRT radiopharmaceutical a class of its
own), panNET population and setting; read the table and the forest plot. Thin controls over
:mod:`pannet_edu.views.trials` and :func:`pannet_edu.plots.forest_plot`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..content import fields as _validate
from ..evidence.radiopharmaceuticals import trial_class_word
from ..views import trials as evidence_views
from ..views.wording import plain
from ._base import Tool, View, row_layout
from .kept_figures import kept_figure_html

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

_LABEL = {"description_width": "9em"}
#: How many forest plots a tool keeps (a few hundred kB of PNG at most).
_FIGURE_CACHE_SIZE = 32
#: How the panNET-population filter reads to a learner.
_PANNET_CHOICES = {
    "all": "all trials",
    "yes": "panNET only",
    "part": "panNET and other sites",
    "no": "no panNET (extrapolated)",
}


def _class_label(code: str) -> str:
    """A class in the filter: each PRRT radiopharmaceutical by name, other classes in words.

    >>> _class_label("prrt_lu177_edotreotide"), _class_label("mtor_inhibitor")
    ('PRRT with 177Lu-edotreotide', 'mTOR inhibitor')
    """
    word = trial_class_word(code)
    return plain(code) if word == code.replace("_", " ") else word


class TrialExplorer(Tool):
    """Choose a therapy class, a panNET population and a setting; see the matching trials.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"trial": ["X", "Y"], "cohort": ["all", "all"], "n": [100, 50],
    ...     "hr": [0.4, None], "hr_low": [0.3, None], "hr_high": [0.6, None],
    ...     "therapy_class": ["tki", "prrt"], "pannet": ["yes", "no"],
    ...     "setting": ["pretreated", "first line"]})
    >>> TrialExplorer(trials=rows, therapy_class="tki").view().title
    'Trial explorer: 1 trial cohort'
    >>> TrialExplorer(trials=rows, pannet="sometimes").view().error
    "pannet must be one of 'all', 'no', 'yes'; got 'sometimes'"
    """

    title = "Trial explorer"

    def __init__(
        self,
        therapy_class: str = "all",
        pannet: str = "all",
        setting: str = "all",
        *,
        trials: pd.DataFrame | None = None,
    ) -> None:
        if trials is None:
            from ..evidence import trials as load

            trials = load()
        evidence_views.check_trials_frame(trials)
        self._trials = trials
        options = evidence_views.filter_options(trials)
        # A bad starting value is shown as a readable message (see compute), not a TraitError.
        self._bad_start: str | None = None
        starts = {"therapy_class": therapy_class, "pannet": pannet, "setting": setting}
        for name, value in starts.items():
            try:
                starts[name] = _validate.choice(name, value, options[name])
            except (ValueError, TypeError) as exc:
                self._bad_start = self._bad_start or str(exc)
                starts[name] = evidence_views.ALL
        self.therapy_class = widgets.Dropdown(
            options=[("all" if o == "all" else _class_label(o), o)
                     for o in options["therapy_class"]],
            value=starts["therapy_class"],
            description="Therapy class",
            style=_LABEL,
            layout=row_layout("30em"),
        )
        self.pannet = widgets.Dropdown(
            options=[(_PANNET_CHOICES.get(o, o), o) for o in options["pannet"]],
            value=starts["pannet"],
            description="panNET enrolled",
            style=_LABEL,
            layout=row_layout("30em"),
        )
        self.setting = widgets.Dropdown(
            options=options["setting"],
            value=starts["setting"],
            description="Setting",
            style=_LABEL,
            layout=row_layout("30em"),
        )
        self.controls = [self.therapy_class, self.pannet, self.setting]
        #: Forest-plot HTML by the rows it shows: the data do not change while the tool lives,
        #: so a selection seen before is shown again without redrawing.
        self._figures: dict[tuple, str | None] = {}
        self._views: dict[tuple[str, str, str], View] = {}
        self._table_digest: bytes | None = None
        super().__init__()
        for control in self.controls:  # once the learner moves a control, the start is history
            control.observe(self._forget_bad_start, names="value")

    def _forget_bad_start(self, _change: object) -> None:
        if self._bad_start is not None:
            self._bad_start = None
            self.refresh()

    def selected(self) -> pd.DataFrame:
        """The trial cohorts matching the current filters."""
        if self._bad_start is not None:
            raise ValueError(self._bad_start)
        return evidence_views.filter_trials(
            self._trials,
            therapy_class=self.therapy_class.value,
            pannet=self.pannet.value,
            setting=self.setting.value,
        )

    def _filters_text(self) -> str:
        return (
            f"therapy class: {self.therapy_class.label}; panNET enrolled: {self.pannet.label}; "
            f"setting: {self.setting.label}"
        )

    def _filters(self) -> tuple[str, str, str]:
        return (self.therapy_class.value, self.pannet.value, self.setting.value)

    def compute(self) -> View:
        """The card and table for the current filters; each combination is built once (the
        trials do not change while the tool lives)."""
        if self._bad_start is not None:
            raise ValueError(self._bad_start)
        key = self._filters()
        if key not in self._views:
            if len(self._views) >= _FIGURE_CACHE_SIZE:
                self._views.pop(next(iter(self._views)))
            self._views[key] = self._compute()
        return self._views[key]

    def _compute(self) -> View:
        rows = self.selected()
        if rows.empty:
            return View(
                "Trial explorer: no trial matches",
                (
                    f"No trial in the data matches {self._filters_text()}.",
                    "Set one of the filters back to 'all' to widen the search.",
                ),
            )
        count = len(rows)
        with_hr = int(rows["hr"].notna().sum())
        noun = "cohort" if count == 1 else "cohorts"
        lines = [
            f"Filters: {self._filters_text()}.",
            f"{count} trial {noun} {'matches' if count == 1 else 'match'}; {with_hr} with a PFS "
            f"hazard ratio {'appears' if with_hr == 1 else 'appear'} in the forest plot.",
        ]
        if rows.apply(evidence_views.is_extrapolated, axis=1).any():
            lines.append(
                "Trials that enrolled no panNETs (e.g. midgut only) are marked: their results are "
                "extrapolated to panNET."
            )
        return View(
            f"Trial explorer: {count} trial {noun}",
            tuple(lines),
            footer="Sources: the Source column gives each row's publication; figures are printed "
            "as published.",
            extra_html=evidence_views.trial_table_html(rows),
            extra_text=evidence_views.trial_table_text(rows),
        )

    def figure_html(self) -> str | None:
        """The forest plot of the selected rows, drawn once per distinct selection."""
        if self._bad_start is not None:
            raise ValueError(self._bad_start)
        key = self._filters()
        if key not in self._figures:
            if len(self._figures) >= _FIGURE_CACHE_SIZE:
                self._figures.pop(next(iter(self._figures)))
            self._figures[key] = kept_figure_html(self._figure_data(), self.figure_image)
        return self._figures[key]

    def _figure_data(self) -> bytes:
        """Everything the forest plot is drawn from: the whole trials table (every column, so an
        edited trials file gives other bytes; digested once per tool), the selected rows'
        positions in it, and the therapy names its labels use."""
        from ..views.trials import therapy_names

        if self._table_digest is None:
            import hashlib

            import pandas as pd

            digest = hashlib.sha256("\t".join(map(str, self._trials.columns)).encode())
            digest.update(pd.util.hash_pandas_object(self._trials, index=True).to_numpy())
            self._table_digest = digest.digest()
        if self._trials.index.is_unique:  # filters giving the same rows share one figure
            shown = self._trials.index.get_indexer(self.selected().index).tobytes()
        else:
            shown = repr(self._filters()).encode()
        return b"\0".join([
            b"forest plot", self._table_digest, shown,
            repr(sorted(therapy_names().items())).encode(),
        ])

    def figure(self) -> Figure | None:
        """Forest plot of the selected rows (none when no selected row has a hazard ratio)."""
        rows = self.selected()
        if rows.empty or rows["hr"].notna().sum() == 0:
            return None
        from ..plots import forest_plot

        return forest_plot(rows)

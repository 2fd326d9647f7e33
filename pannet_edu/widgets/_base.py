"""The widget pattern: a live ipywidgets view plus a static snapshot of the same result.

A :class:`Tool` displays as the live widget in JupyterLab and carries ``text/html`` and
``text/plain`` snapshots of its current result in the same output. nbval compares the snapshots
(it skips widget-view data), and a handout exported without widget state shows them offline.
Subclasses only build controls and call the package's logic and renderers.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..render import DISCLAIMER, MUTED_TEXT, card, error_card, escape, text_card

if TYPE_CHECKING:
    from matplotlib.figure import Figure


#: Resolution of live widget figures (screen pixels; handouts use the notebook's own figures).
FIGURE_DPI = 90


def figure_html(png: bytes, alt: str) -> str:
    """An ``<img>`` of PNG bytes with its alt text, scaled to the width it is shown in.

    >>> figure_html(b"x", 'Bands "G1"')[:65]
    '<img src="data:image/png;base64,eA==" alt="Bands &quot;G1&quot;" '
    """
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}" '
        'style="max-width:100%;height:auto">'
    )


@dataclass(frozen=True)
class View:
    """What a tool shows: a titled card of lines, or an error message for bad input.

    ``extra_html``/``extra_text`` carry a block rendered by a package renderer (e.g. a table)
    shown under the card in both the live view and the static snapshot.
    """

    title: str
    lines: tuple[str, ...] = ()
    footer: str = ""
    error: str | None = None
    extra_html: str = ""
    extra_text: str = ""

    def html(self) -> str:
        if self.error:
            return error_card(self.error)
        return card(self.title, self.lines, footer=self.footer) + self.extra_html

    def text(self) -> str:
        if self.error:
            return f"Please check the input.\n  {self.error}"
        body = text_card(self.title, self.lines, footer=self.footer)
        return f"{body}\n{self.extra_text}" if self.extra_text else body


def optional_number(label: str, text: str) -> float | None:
    """Parse a text box: blank means 'not given'; anything else must be a number.

    >>> optional_number("Ki-67", " 12.5 "), optional_number("Ki-67", "")
    (12.5, None)
    >>> optional_number("Ki-67", "twelve")
    Traceback (most recent call last):
    ...
    ValueError: Ki-67 must be a number (or left blank), got 'twelve'
    """
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{label} must be a number (or left blank), got {text!r}") from None


class Tool:
    """Base class: controls on top, a result card below, kept in step with the controls.

    Subclasses set ``self.controls`` (a list of ipywidgets) before calling ``super().__init__()``
    and implement :meth:`compute`, returning a :class:`View`. ``ValueError`` and ``TypeError``
    raised by the logic become a readable message, never a traceback.

    A subclass that also draws a figure overrides :meth:`figure` (returning a matplotlib Figure, or
    ``None``); the live widget then redraws it under the card on every change. Figures are not part
    of the static snapshot: show them in a notebook with a plot cell of their own.
    """

    title = "Tool"
    controls: list[widgets.Widget]

    def __init__(self) -> None:
        self.output = widgets.HTML()
        self.output.add_class("pannet-result")
        note = widgets.HTML(f'<small style="color:{MUTED_TEXT}">{DISCLAIMER}</small>')
        children = [*self.controls, self.output]
        self.plot_output: widgets.Output | None = None
        if type(self).figure is not Tool.figure:
            self.plot_output = widgets.Output()
            children.append(self.plot_output)
        self.widget = widgets.VBox([*children, note])
        for control in self.controls:
            control.observe(self.refresh, names="value")
        self.refresh()

    def figure(self) -> Figure | None:
        """Override to draw a figure for the current inputs (live widget only)."""
        return None

    def compute(self) -> View:  # pragma: no cover - abstract
        raise NotImplementedError

    def view(self) -> View:
        """The current result, or a readable error view for invalid input."""
        try:
            return self.compute()
        except (ValueError, TypeError) as exc:
            return View(self.title, error=str(exc))

    def refresh(self, _change: object = None) -> None:
        """Recompute and redraw (called whenever a control changes)."""
        view = self.view()
        self.output.value = view.html()
        if self.plot_output is not None:
            self._redraw(view)

    def figure_html(self) -> str | None:
        """The current figure as HTML (an image with alt text), or ``None`` for no figure.

        The default draws :meth:`figure` anew (see :meth:`figure_image`); a tool that keeps its
        figure between changes (moving only what changed) overrides this.
        """
        image = self.figure_image()
        return None if image is None else figure_html(*image)

    def figure_image(self) -> tuple[bytes, str] | None:
        """The current figure as (PNG bytes, alt text), or ``None`` for no figure."""
        import matplotlib.pyplot as plt  # only tools that draw pay for matplotlib

        from ..plots import alt_text, render_png

        figure = self.figure()
        if figure is None:
            return None
        try:
            return render_png(figure), alt_text(figure)
        finally:
            plt.close(figure)

    def _redraw(self, view: View) -> None:
        html = None
        if not view.error:
            try:
                html = self.figure_html()
            except (ValueError, TypeError):
                html = None  # the card already shows the message
        if html is None:
            self.plot_output.outputs = ()
            return
        # Set the output directly (not `with output:`) so it also works outside a kernel. An
        # <img> with alt text rather than bare image/png: front-ends drop the PNG's alt metadata.
        self.plot_output.outputs = (
            {
                "output_type": "display_data",
                "data": {"text/html": html, "text/plain": "Figure (see its alt text)"},
                "metadata": {},
            },
        )

    def snapshot_html(self) -> str:
        """The result as static HTML, as nbval and handouts see it."""
        return self.view().html() + f"<p><small>{DISCLAIMER}</small></p>"

    def snapshot_text(self) -> str:
        """The result as plain text."""
        return self.view().text()

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = self.snapshot_html()
        bundle["text/plain"] = self.snapshot_text()
        return bundle

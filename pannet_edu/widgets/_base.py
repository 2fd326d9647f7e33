"""The widget pattern: a live ipywidgets view plus a static snapshot of the same result.

A :class:`Tool` displays as the live widget in JupyterLab and carries ``text/html`` and
``text/plain`` snapshots of its current result in the same output. nbval compares the snapshots
(it skips widget-view data), and a handout exported without widget state shows them offline.
Subclasses only build controls and call the package's logic and renderers.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from ..render import DISCLAIMER, card, error_card, text_card


@dataclass(frozen=True)
class View:
    """What a tool shows: a titled card of lines, or an error message for bad input."""

    title: str
    lines: tuple[str, ...] = ()
    footer: str = ""
    error: str | None = None

    def html(self) -> str:
        return (
            error_card(self.error)
            if self.error
            else card(self.title, self.lines, footer=self.footer)
        )

    def text(self) -> str:
        if self.error:
            return f"Please check the input.\n  {self.error}"
        return text_card(self.title, self.lines, footer=self.footer)


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
    """

    title = "Tool"
    controls: list[widgets.Widget]

    def __init__(self) -> None:
        self.output = widgets.HTML()
        note = widgets.HTML(f'<small style="color:#555">{DISCLAIMER}</small>')
        self.widget = widgets.VBox([*self.controls, self.output, note])
        for control in self.controls:
            control.observe(self.refresh, names="value")
        self.refresh()

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
        self.output.value = self.view().html()

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

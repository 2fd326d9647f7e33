"""The widget pattern: a live ipywidgets view plus a static snapshot of the same result.

A :class:`Tool` displays as the live widget in JupyterLab and carries ``text/html`` and
``text/plain`` snapshots of its current result in the same output. nbval compares the snapshots
(it skips widget-view data), and a handout exported without widget state shows them offline.
Subclasses only build controls and call the package's logic and renderers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ipywidgets as widgets
import traitlets
from ipywidgets.widgets.widget_selection import _Selection
from ipywidgets.widgets.widget_string import HTMLStyle

from ..content.fields import parse_number, short_repr
from ..display import (
    DISCLAIMER,
    MUTED_TEXT,
    TOOL_CSS,
    card,
    error_card,
    figure_html,
    text_card,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure


#: Resolution of live widget figures (screen pixels; handouts use the notebook's own figures).
FIGURE_DPI = 90



#: Shown under the lists where several items may be chosen.
MULTI_SELECT_HINT = (
    f'<small style="color:{MUTED_TEXT}">To choose several items in a list: hold Ctrl (⌘ on a '
    "Mac) and click each one; Shift-click chooses a run of items; Ctrl-click (⌘-click) a chosen "
    "item again to remove it. On a phone or tablet, tap each item to tick or untick it.</small>"
)

#: The class of every tool's outer box: the scope of :data:`pannet_edu.display.TOOL_CSS`.
TOOL_CLASS = "pannet-tool"


def tool_styles(style: HTMLStyle | None = None) -> widgets.HTML:
    """The tools' stylesheet as a hidden widget (a ``<style>`` applies wherever it sits);
    ``style``: an HTML style model to share (default: a new one).

    >>> styles = tool_styles()
    >>> styles.value.startswith("<style>.pannet-tool") or styles.value[:8]
    True
    >>> styles.layout.display
    'none'
    """
    return widgets.HTML(f"<style>{TOOL_CSS.strip()}</style>",
                        layout=widgets.Layout(display="none"), style=style or HTMLStyle())


def row_layout(width: str = "34em") -> widgets.Layout:
    """A control's row: ``width`` on a wide screen, never wider than its container; on a narrow
    screen the control wraps below its label and the row grows to hold both.

    >>> layout = row_layout("20em")
    >>> layout.width, layout.max_width, layout.height, layout.flex_flow
    ('20em', '100%', 'auto', 'row wrap')
    """
    return widgets.Layout(width=width, max_width="100%", height="auto", flex_flow="row wrap")


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


#: What a learner reads when a tool meets something it cannot show (never a traceback).
UNEXPECTED = (
    "This tool could not show a result for these settings. Choose a value in each list (none "
    "may be left empty), or run the cell again to start over."
)


#: What a learner reads when a list control was emptied (set to nothing) although it has choices.
EMPTY_CHOICE = "Choose a value for “{name}”: the list was left empty. Pick one of its entries."


def optional_number(label: str, text: str, unit: str = "") -> float | None:
    """Parse a text box: blank means 'not given'; anything else must be a finite number, which
    may be followed by the box's ``unit`` ("12%" and "12 %" in a Ki-67 box are 12).

    Read by the package's one reader of typed numbers: ``"12,5"`` is 12.5 (decimal comma),
    ``"1,000"`` is one thousand (never 1), and ``"inf"``, ``"nan"``, ``"1e400"`` and digits from
    other scripts are refused.

    >>> optional_number("Ki-67", " 12.5 "), optional_number("Ki-67", "")
    (12.5, None)
    >>> optional_number("Ki-67", "12%", "%"), optional_number("Ki-67", "12,5 %", "%")
    (12.0, 12.5)
    >>> optional_number("The size", "3.5 cm", "cm")
    3.5
    >>> optional_number("n", "1,000")
    1000.0
    >>> optional_number("Ki-67", "twelve")
    Traceback (most recent call last):
    ...
    ValueError: Ki-67 must be a number (or left blank), got 'twelve'
    >>> optional_number("Ki-67", "1e400")
    Traceback (most recent call last):
    ...
    ValueError: Ki-67 must be a finite number (or left blank), got '1e400'
    """
    if text is None:
        return None
    if not isinstance(text, str):
        raise TypeError(f"{label} must be typed as text (or left blank)")
    text = text.strip()
    if not text:
        return None
    shown = text if len(text) <= 30 else text[:27] + "..."
    if unit and text.casefold().endswith(unit.casefold()) and len(text) > len(unit):
        text = text[:-len(unit)].rstrip()
    try:
        return parse_number(label, text)
    except ValueError as exc:
        if "finite" in str(exc):
            raise ValueError(f"{label} must be a finite number (or left blank), "
                             f"got {short_repr(shown)}") from None
        if "digits 0-9" in str(exc):
            raise ValueError(f"{label} must be written with the digits 0-9 (or left blank), "
                             f"got {short_repr(shown)}") from None
        raise ValueError(f"{label} must be a number (or left blank), "
                         f"got {short_repr(shown)}") from None


def ki67_from_box(text: str, needed: str) -> float:
    """A Ki-67 typed in a tool's box, from 0 to 100; otherwise a ValueError in clinical words
    ending with ``needed`` (what the tool asks for), never a code name.

    >>> ki67_from_box(" 12,5 ", "Give a Ki-67."), ki67_from_box("12%", "Give a Ki-67.")
    (12.5, 12.0)
    >>> ki67_from_box("250", "Give a Ki-67 between 0% and 100%.")
    Traceback (most recent call last):
    ...
    ValueError: A Ki-67 of 250% is not possible. Give a Ki-67 between 0% and 100%.
    """
    try:
        value = optional_number("Ki-67", text, "%")
    except (ValueError, TypeError):
        shown = str(text).strip()
        shown = shown if len(shown) <= 30 else shown[:27] + "..."
        raise ValueError(f"“{shown}” is not a Ki-67 value. {needed}") from None
    if value is None:
        raise ValueError(needed)
    if not 0 <= value <= 100:
        raise ValueError(f"A Ki-67 of {value:g}% is not possible. {needed}")
    return value


class Picker(widgets.Dropdown):
    """A dropdown that cannot be emptied: set to ``None`` while it has options, it goes back.

    A front end (or a line of code) can set a dropdown's value to ``None``; a tool whose other
    controls depend on the choice then has nothing to work from. The picker's own handler runs
    before any observer a tool registers and restores the previous choice at once, so an
    observer that reads ``picker.value`` sees a real choice. With no options, ``None`` is the
    only value, as for a plain dropdown.

    >>> picker = Picker(options=[("One", 1), ("Two", 2)], value=2)
    >>> picker.value = None
    >>> picker.value
    2
    """

    @traitlets.observe("value")
    def _refill_if_emptied(self, change) -> None:
        if change["new"] is None and self._options_values:
            old = change["old"]
            self.value = old if old in self._options_values else self._options_values[0]


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
        # The result, the figure and the disclaimer share one layout and the two texts one
        # style: they carry no settings of their own, and every model is a message to the
        # browser when a dashboard page opens. Give a widget its own layout before changing it.
        plain_layout, plain_style = widgets.Layout(), HTMLStyle()
        self.output = widgets.HTML(layout=plain_layout, style=plain_style)
        self.output.add_class("pannet-result")
        note = widgets.HTML(f'<small style="color:{MUTED_TEXT}">{DISCLAIMER}</small>',
                            layout=plain_layout, style=plain_style)
        children = [*self.controls, self.output]
        self.plot_output: widgets.Output | None = None
        if type(self).figure is not Tool.figure:
            self.plot_output = widgets.Output(layout=plain_layout)
            children.append(self.plot_output)
        # The disclaimer stays the last child (subclasses that rearrange the children keep it).
        self.widget = widgets.VBox([*children, tool_styles(plain_style), note])
        self.widget.add_class(TOOL_CLASS)
        for control in self.controls:
            control.observe(self.refresh, names="value")
        self.refresh()

    def figure(self) -> Figure | None:
        """Override to draw a figure for the current inputs (live widget only)."""
        return None

    #: A tool whose ``compute`` explains an emptied picker in its own words sets this to True.
    handles_empty_pickers = False

    def compute(self) -> View:  # pragma: no cover - abstract
        raise NotImplementedError

    def view(self) -> View:
        """The current result, or a readable error view for invalid input.

        ``ValueError``/``TypeError`` from the logic carry their own message; anything else (a
        picker left empty, say) gets :data:`UNEXPECTED`, never a traceback.
        """
        empty = None if self.handles_empty_pickers else self._emptied_picker()
        if empty is not None:
            return View(self.title, error=empty)
        try:
            return self.compute()
        except (ValueError, TypeError) as exc:
            return View(self.title, error=str(exc))
        except Exception:
            return View(self.title, error=UNEXPECTED)

    def _emptied_picker(self) -> str | None:
        """A message if a list control was set to nothing although it offers choices."""
        for control in getattr(self, "controls", ()):
            if not isinstance(control, _Selection):
                continue
            values = control._options_values
            if control.value is None and values and None not in values:
                name = (control.description or "this list").rstrip(":…. ")
                return EMPTY_CHOICE.format(name=name)
        return None

    def guarded(self, handler: Callable[[object], None]) -> Callable[[object], None]:
        """Wrap a control's observer so that an error shows as a card, not a traceback.

        Use it for observers that refill dependent controls (``picker.observe(self.guarded(
        self._on_case), names="value")``): if the handler fails (a picker set to ``None``), the
        card says so in plain words and the tool keeps working for the next change.

        >>> class Echo(Tool):
        ...     def __init__(self):
        ...         self.box = widgets.Text("1")
        ...         self.controls = [self.box]
        ...         super().__init__()
        ...     def compute(self):
        ...         return View("Echo", (self.box.value,))
        >>> tool = Echo()
        >>> tool.guarded(lambda change: {}[change])("boom")
        >>> "could not show a result" in tool.output.value
        True
        """

        def run(change: object) -> None:
            try:
                handler(change)
            except Exception as exc:
                message = str(exc) if isinstance(exc, ValueError | TypeError) else UNEXPECTED
                self.output.value = View(self.title, error=message).html()

        return run

    def refresh(self, _change: object = None) -> None:
        """Recompute and redraw (called whenever a control changes)."""
        view = self.view()
        self.output.value = view.html()
        if self.plot_output is not None:
            try:
                self._redraw(view)
            except Exception:  # a figure that cannot be drawn leaves the card standing
                self.plot_output.outputs = ()

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
            except Exception:
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

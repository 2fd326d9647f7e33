"""Shared plot style: a source line under figures, alt text, fast PNGs.

The Okabe-Ito colour-blind-safe palette lives in :mod:`pannet_edu.display` (one palette for
figures and cards); it is re-exported here for the figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..display import FIGURE_TEXT, OKABE_ITO, SERIES, figure_html

__all__ = [
    "ALT_ATTRIBUTE",
    "OKABE_ITO",
    "SERIES",
    "add_source_line",
    "alt_text",
    "fitted_legend",
    "join_names",
    "merged_handles",
    "notebook_figure_html",
    "render_png",
    "set_alt_text",
]

#: The type size of a figure's source line (points).
_SOURCE_POINTS = 7.5


def add_source_line(fig: Figure, text: str, *, wrap: bool = True) -> None:
    """Write a small source line under a figure, inside its bounding box.

    ``wrap`` breaks the line at words to the figure's width, estimated from the number of
    characters (about 17 per inch at this size) rather than by measuring the text word by word at
    every draw (matplotlib's own wrapping, which dominated redraws of the live figures).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> add_source_line(fig, "Source: example")
    >>> fig.texts[-1].get_text()
    'Source: example'
    >>> plt.close(fig)
    """
    if wrap:
        import textwrap

        width = max(20, int(fig.get_figwidth() * 17))
        text = "\n".join("\n".join(textwrap.wrap(part, width) or [""]) for part in text.split("\n"))
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        # Leave a strip at the bottom so the axis label and the source line do not overlap: as
        # tall as the source line's lines (7.5 pt type, about 1.3 line spacing), at least 4.5%.
        lines = text.count("\n") + 1
        bottom = max(0.045, (lines * _SOURCE_POINTS * 1.3 + 3) / (fig.get_figheight() * 72))
        engine.set(rect=(0, bottom, 1, 1 - bottom))
    fig.text(0.01, 0.005, text, fontsize=_SOURCE_POINTS, color=FIGURE_TEXT, ha="left",
             va="bottom")


def render_png(fig: Figure, dpi: float = 90) -> bytes:
    """PNG bytes of a figure drawn once at ``dpi`` (``savefig`` lays a figure out and draws it
    twice, and compresses harder: this is the fast path for live widgets).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> render_png(fig)[:4]
    b'\\x89PNG'
    >>> plt.close(fig)
    """
    import io

    from PIL import Image

    from ._textcache import TextCachingCanvas

    fig.set_dpi(dpi)
    canvas = TextCachingCanvas(fig)  # text measured and rasterised once per process
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


#: The attribute a figure's alt text is stored under (see :func:`set_alt_text`).
ALT_ATTRIBUTE = "pannet_alt_text"


def set_alt_text(fig: Figure, text: str) -> str:
    """Attach alt text to a figure: what is plotted and its main finding, written from the data
    that drew it. Shown figures then carry it as the image's ``alt`` (a notebook's ``<img>``,
    handouts, dashboard).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> set_alt_text(fig, "Bar chart of two things.")
    'Bar chart of two things.'
    >>> alt_text(fig)
    'Bar chart of two things.'
    >>> plt.close(fig)
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("text must be a non-empty description of the figure")
    setattr(fig, ALT_ATTRIBUTE, text.strip())
    _register_notebook_alt_text()
    return text.strip()


def alt_text(fig: Figure) -> str:
    """The figure's alt text; without one set, its titles and axis labels, said as such.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("Doses"); _ = ax.set_xlabel("Month"); _ = ax.set_ylabel("mg")
    >>> alt_text(fig)
    'Figure: Doses; x axis: Month; y axis: mg.'
    >>> plt.close(fig)
    """
    text = getattr(fig, ALT_ATTRIBUTE, None)
    if text:
        return text
    parts = []
    for ax in fig.axes:
        if ax.get_title():
            parts.append(ax.get_title().replace("\n", " "))
        if ax.get_xlabel():
            parts.append(f"x axis: {ax.get_xlabel()}")
        if ax.get_ylabel():
            parts.append(f"y axis: {ax.get_ylabel()}")
    return "Figure: " + "; ".join(parts) + "." if parts else "Figure."


def _register_notebook_alt_text() -> None:
    """In an IPython kernel, show figures that have alt text as an ``<img>`` with its ``alt``
    (a ``text/html`` output) instead of a bare ``image/png`` output: JupyterLab's image renderer
    ignores an alt kept in the output's metadata, while its HTML renderer keeps the ``<img>``'s
    ``alt`` (an untrusted notebook's too). Handouts and nbval read the same output.

    Registers once, beside whatever PNG formatter the inline backend set for figures; a figure
    without alt text keeps that formatter's PNG.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython always comes with ipywidgets
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    formatters = shell.display_formatter.formatters
    png, html = formatters.get("image/png"), formatters.get("text/html")
    if png is None or html is None:
        return
    try:
        original = png.lookup_by_type(Figure)
    except KeyError:
        original = None
    if original is None or getattr(original, "_pannet_alt", False):
        return

    def png_without_alt(fig: Figure):
        # A figure with alt text is shown by the HTML formatter below: no second copy.
        return None if getattr(fig, ALT_ATTRIBUTE, None) else original(fig)

    png_without_alt._pannet_alt = True  # type: ignore[attr-defined]
    png.for_type(Figure, png_without_alt)
    html.for_type(Figure, notebook_figure_html)


def notebook_figure_html(fig: Figure) -> str | None:
    """A figure with alt text as the ``<img>`` a notebook shows (drawn once at its own dpi, as
    the inline backend would); ``None`` for a figure without alt text (shown as a plain PNG).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> notebook_figure_html(fig) is None
    True
    >>> _ = set_alt_text(fig, "An empty example axis.")
    >>> notebook_figure_html(fig)[:60]
    '<img alt="An empty example axis." src="data:image/png;base64'
    >>> plt.close(fig)
    """
    text = getattr(fig, ALT_ATTRIBUTE, None)
    if not text:
        return None
    # Our figures lay themselves out (constrained layout, source line inside): one draw at the
    # figure's own dpi, instead of savefig's extra layout and tight-bbox passes.
    return figure_html(_inline_png(fig), text)


def _inline_png(fig: Figure) -> bytes:
    """PNG bytes of a figure drawn once at its own dpi (what the inline backend shows)."""
    import io

    from PIL import Image

    from ._textcache import TextCachingCanvas

    canvas = TextCachingCanvas(fig)  # text measured and rasterised once per kernel
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="png")
    return buffer.getvalue()


def join_names(names: list[str], limit: int = 12) -> str:
    """Names joined for a sentence, the tail counted when there are many.

    >>> join_names(["A", "B", "C"])
    'A, B and C'
    >>> join_names(["A", "B", "C"], limit=2)
    'A, B and 1 more'
    """
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _handle_look(handle: object) -> tuple:
    """What a reader sees of a legend entry: colour, marker, fill and hatch."""
    if isinstance(handle, Line2D):
        return ("line", str(handle.get_color()), str(handle.get_marker()),
                str(handle.get_markerfacecolor()))
    if isinstance(handle, Patch):
        return ("patch", tuple(handle.get_facecolor()), handle.get_hatch())
    return ("other", id(handle))


def merged_handles(handles: Sequence[object]) -> list:
    """Legend entries that look the same merged into one, their labels joined: two entries a
    reader cannot tell apart (three radiopeptides drawn in PRRT's one colour) must not look like
    two meanings.

    >>> merged = merged_handles([Patch(color="green", label="a"), Patch(color="green", label="b"),
    ...                           Patch(color="blue", label="c")])
    >>> [h.get_label() for h in merged]
    ['a; b', 'c']
    """
    order: list[tuple] = []
    groups: dict[tuple, list] = {}
    for handle in handles:
        look = _handle_look(handle)
        if look not in groups:
            order.append(look)
            groups[look] = []
        groups[look].append(handle)
    merged = []
    for look in order:
        first, *rest = groups[look]
        if rest:
            first.set_label("; ".join(h.get_label() for h in [first, *rest]))
        merged.append(first)
    return merged


def fitted_legend(fig: Figure, handles: Sequence[object], bottom: float) -> int:
    """Put the legend under the axes with the most columns (at most 8) whose measured width fits
    the figure (a legend wider than the figure is cut off in a saved image); returns the number
    of columns."""
    renderer = fig.canvas.get_renderer()
    for columns in range(min(len(handles), 8), 0, -1):
        legend = fig.legend(handles=list(handles), loc="lower center",
                            bbox_to_anchor=(0.5, bottom), ncols=columns, fontsize=8,
                            frameon=False)
        width = legend.get_window_extent(renderer).width / fig.dpi
        if columns == 1 or width <= 0.98 * fig.get_figwidth():
            return columns
        legend.remove()
    return 1

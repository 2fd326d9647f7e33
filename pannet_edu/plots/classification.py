"""Where a tumour sits on the Ki-67 / mitotic-count plane, with the WHO grade bands drawn.

:func:`grade_plane` draws one figure. :class:`GradePlane` keeps one figure and moves only the
tumour's marker: the bands, axes and legend are rendered once and reused, so a live widget can
redraw in a few milliseconds.
"""

from __future__ import annotations

import base64
import io
from html import escape

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ..clinic import pathology
from ._style import OKABE_ITO, add_source_line, set_alt_text

_AXIS_MAX = 100.0
_BAND_ALPHA = {"NET G1": 0.9, "NET G2": 0.6, "NET G3": 0.35}
_BAND_COLOURS = {
    "NET G1": OKABE_ITO["sky_blue"],
    "NET G2": OKABE_ITO["yellow"],
    "NET G3": OKABE_ITO["vermillion"],
}
_TICKS = [0, 1, 2, 3, 5, 10, 20, 50, 100]


def _draw_plane(ax: Axes) -> None:
    """Bands, threshold lines, band names, axes and the static legend (no tumour)."""
    fig = ax.figure
    top = _AXIS_MAX
    k1, k2 = pathology.KI67_G1_BELOW, pathology.KI67_G2_MAX
    m1, m2 = pathology.MITOSES_G1_BELOW, pathology.MITOSES_G2_MAX
    for label, (width, height) in (("NET G3", (top, top)), ("NET G2", (k2, m2)),
                                   ("NET G1", (k1, m1))):
        ax.add_patch(Rectangle((0, 0), width, height, color=_BAND_COLOURS[label],
                               alpha=_BAND_ALPHA[label], lw=0))
    for x in (k1, k2):
        ax.axvline(x, color="#555555", lw=0.8, ls="--")
    for y in (m1, m2):
        ax.axhline(y, color="#555555", lw=0.8, ls="--")
    # The band names are written on the plane: colour is not the only carrier of the grade.
    for text, (x, y) in (("G1", (0.3, 0.3)), ("G2", (6.5, 6.0)), ("G3", (45, 45))):
        ax.text(x, y, text, fontsize=11, fontweight="bold", color="#222222", ha="center",
                va="center")
    ax.set_xscale("symlog", linthresh=1)
    ax.set_yscale("symlog", linthresh=1)
    ax.set_xticks(_TICKS, [str(t) for t in _TICKS])
    ax.set_yticks(_TICKS, [str(t) for t in _TICKS])
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("Ki-67 labelling index (%)")
    ax.set_ylabel("Mitotic count (mitoses per 2 mm²)")
    ax.set_title("WHO grade of well-differentiated NETs: the higher index wins", pad=10)
    handles = [Patch(color=c, alpha=_BAND_ALPHA[g], label=g) for g, c in _BAND_COLOURS.items()]
    handles.append(Line2D([], [], marker="o", ms=10, color=OKABE_ITO["black"], ls="none",
                          label="this tumour"))
    handles.append(Line2D([], [], color=OKABE_ITO["black"], lw=2.5,
                          label="this tumour, one index\nnot given"))
    # Outside the axes: inside, it would hide a tumour with low Ki-67 and many mitoses.
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), framealpha=0.9)
    add_source_line(fig, f"Source: {pathology.GRADING_SOURCES[0].short}")


def _number(value: float) -> str:
    return f"{float(value):g}"


def plane_alt_text(ki67: float | None = None, mitoses: float | None = None) -> str:
    """Alt text for the grade plane, from the same thresholds and tumour that draw it.

    >>> plane_alt_text(ki67=8, mitoses=25)[-72:]
    'This tumour, Ki-67 8% and 25 mitoses per 2 mm², lies in the NET G3 band.'
    """
    k1, k2 = _number(pathology.KI67_G1_BELOW), _number(pathology.KI67_G2_MAX)
    m1, m2 = _number(pathology.MITOSES_G1_BELOW), _number(pathology.MITOSES_G2_MAX)
    text = (
        "Grade plane: WHO grade bands of well-differentiated NETs drawn on Ki-67 (%) across "
        f"against mitoses per 2 mm² up. G1 is the corner where Ki-67 is below {k1}% and mitoses "
        f"below {m1}; G2 reaches Ki-67 {k2}% and {m2} mitoses; G3 is everything beyond either, so "
        "the higher index sets the grade."
    )
    if ki67 is None and mitoses is None:
        return text
    result = pathology.grade(ki67=ki67, mitoses=mitoses)
    if ki67 is not None and mitoses is not None:
        where = f"Ki-67 {_number(ki67)}% and {_number(mitoses)} mitoses per 2 mm²"
    elif ki67 is not None:
        where = f"Ki-67 {_number(ki67)}% (mitotic count not given, drawn as a vertical line)"
    else:
        where = f"{_number(mitoses)} mitoses per 2 mm² (Ki-67 not given, drawn as a line across)"
    return f"{text} This tumour, {where}, lies in the {result.label} band."


class GradePlane:
    """One grade-plane figure whose tumour marker moves; the rest is rendered once.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> plane = GradePlane()
    >>> plane.update(ki67=8, mitoses=25)
    >>> plane.png()[:4] == b"\\x89PNG"
    True
    >>> plane.alt_text().endswith("lies in the NET G3 band.")
    True
    >>> "<circle" in plane.html() and 'alt="Grade plane' in plane.html()
    True
    >>> plane.close()
    """

    def __init__(self, dpi: float = 90) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.figure = Figure(figsize=(7.6, 5.0), dpi=dpi, layout="constrained")
        FigureCanvasAgg(self.figure)  # not registered with pyplot: never shown by plt.show()
        self.ax = self.figure.add_subplot()
        _draw_plane(self.ax)
        (self._point,) = self.ax.plot([], [], marker="o", ms=10, color=OKABE_ITO["black"],
                                      ls="none", animated=True)
        (self._line,) = self.ax.plot([], [], color=OKABE_ITO["black"], lw=2.5, animated=True)
        self._label = self.ax.text(0, 0, "", fontsize=10, fontweight="bold", animated=True,
                                   bbox={"boxstyle": "round,pad=0.2", "fc": "white",
                                         "ec": "#333333", "lw": 0.6})
        self._background = None
        self._inputs: tuple[float | None, float | None] = (None, None)

    def update(self, ki67: float | None = None, mitoses: float | None = None) -> None:
        """Move the tumour to (``ki67``, ``mitoses``); a missing index becomes a line along it.

        Raises ValueError for values :func:`pannet_edu.grade` refuses.
        """
        result = pathology.grade(ki67=ki67, mitoses=mitoses) if (
            ki67 is not None or mitoses is not None) else None
        self._inputs = (ki67, mitoses)
        self._point.set_data([], [])
        self._line.set_data([], [])
        self._label.set_text("")
        if result is None:
            return
        if ki67 is not None and mitoses is not None:
            x, y = float(ki67), float(mitoses)
            self._point.set_data([x], [y])
        elif ki67 is not None:
            x, y = float(ki67), 0.4
            self._line.set_data([x, x], [0, _AXIS_MAX])
        else:
            x, y = 0.4, float(mitoses)
            self._line.set_data([0, _AXIS_MAX], [y, y])
        self._label.set_position((x, y))
        self._label.set_text(f"  this tumour: {result.label}")
        self._label.set_horizontalalignment("right" if x > 20 else "left")
        self._label.set_verticalalignment("bottom")

    def alt_text(self) -> str:
        """What the current picture shows, in words."""
        return plane_alt_text(*self._inputs)

    def png(self) -> bytes:
        """The current picture as PNG bytes: the stored background plus the tumour's artists."""
        canvas = self.figure.canvas
        self._render_background()
        canvas.restore_region(self._background)
        for artist in (self._line, self._point, self._label):
            self.ax.draw_artist(artist)
        return encode_png(canvas)

    def _render_background(self) -> None:
        if self._background is None:
            canvas = self.figure.canvas
            canvas.draw()  # lays out and renders everything but the animated artists, once
            self.figure.set_layout_engine("none")  # keep that layout from now on
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._background_png = base64.b64encode(encode_png(canvas)).decode("ascii")

    def html(self) -> str:
        """The current picture as HTML: the bands' PNG, rendered once, under an SVG layer that
        draws only the tumour. Scales with the width it is shown in; the alt text is the image's.
        """
        self._render_background()
        width, height = self.figure.canvas.get_width_height()
        shapes = []
        to_pixels = self.ax.transData.transform
        if len(self._point.get_xdata()):
            (x, y), = to_pixels([(self._point.get_xdata()[0], self._point.get_ydata()[0])])
            radius = 5 * self.figure.dpi / 72
            shapes.append(f'<circle cx="{x:.1f}" cy="{height - y:.1f}" r="{radius:.1f}" '
                          'fill="#000"/>')
        if len(self._line.get_xdata()):
            (x0, y0), (x1, y1) = to_pixels(list(zip(self._line.get_xdata(),
                                                    self._line.get_ydata(), strict=True)))
            shapes.append(f'<line x1="{x0:.1f}" y1="{height - y0:.1f}" x2="{x1:.1f}" '
                          f'y2="{height - y1:.1f}" stroke="#000" stroke-width="3"/>')
        if self._label.get_text():
            (x, y), = to_pixels([self._label.get_position()])
            anchor = "end" if self._label.get_horizontalalignment() == "right" else "start"
            size = 10 * self.figure.dpi / 72
            shift = -size * 0.4
            shapes.append(
                f'<text x="{x + (-8 if anchor == "end" else 8):.1f}" y="{height - y + shift:.1f}" '
                f'text-anchor="{anchor}" font-family="DejaVu Sans, sans-serif" '
                f'font-size="{size:.1f}" font-weight="bold" fill="#000" stroke="#fff" '
                f'stroke-width="3" paint-order="stroke">{escape(self._label.get_text().strip())}'
                "</text>"
            )
        return (
            '<div style="position:relative;display:inline-block;max-width:100%">'
            f'<img src="data:image/png;base64,{self._background_png}" '
            f'alt="{escape(self.alt_text())}"'
            f' width="{width}" height="{height}" style="display:block;max-width:100%;height:auto">'
            f'<svg viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false" '
            'style="position:absolute;left:0;top:0;width:100%;height:100%">'
            + "".join(shapes)
            + "</svg></div>"
        )

    def close(self) -> None:
        """Release the figure."""
        self.figure.clear()
        self._background = None


def encode_png(canvas) -> bytes:
    """PNG bytes of an Agg canvas's current pixels, fast zlib level (pictures of flat colour)."""
    from PIL import Image

    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def grade_plane(
    ki67: float | None = None, mitoses: float | None = None, ax: Axes | None = None
) -> Figure:
    """Draw the G1/G2/G3 bands on Ki-67 (%) against mitoses (per 2 mm²), and mark one tumour.

    The bands show why the higher index wins: G3 is the whole L-shaped region where *either* index
    passes 20, and G1 only the small corner where *both* are low. Axes use a symmetric log scale so
    the small G1 corner stays visible. With one index missing the tumour is a line along the
    other axis (it lies somewhere on it), never a point at zero. The figure carries alt text
    (:func:`pannet_edu.plots.alt_text`).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = grade_plane(ki67=8, mitoses=25)
    >>> fig.axes[0].get_xlabel()
    'Ki-67 labelling index (%)'
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.6, 5.0), layout="constrained")
    else:
        fig = ax.figure
    _draw_plane(ax)
    if ki67 is not None or mitoses is not None:
        result = pathology.grade(ki67=ki67, mitoses=mitoses)
        label = f"this tumour: {result.label}"
        if ki67 is not None and mitoses is not None:
            ax.plot([float(ki67)], [float(mitoses)], marker="o", ms=10,
                    color=OKABE_ITO["black"], ls="none")
            x, y = float(ki67), float(mitoses)
        elif ki67 is not None:
            ax.plot([float(ki67)] * 2, [0, _AXIS_MAX], color=OKABE_ITO["black"], lw=2.5)
            x, y = float(ki67), 0.4
        else:
            ax.plot([0, _AXIS_MAX], [float(mitoses)] * 2, color=OKABE_ITO["black"], lw=2.5)
            x, y = 0.4, float(mitoses)
        ax.text(x, y, f"  {label}", fontsize=10, fontweight="bold",
                ha="right" if x > 20 else "left", va="bottom",
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#333333", "lw": 0.6})
    set_alt_text(fig, plane_alt_text(ki67, mitoses))
    return fig

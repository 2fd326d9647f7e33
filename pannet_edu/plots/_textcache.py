"""An Agg canvas that measures and rasterises each distinct piece of text once per process.

Profiles of the live widgets' figures (matplotlib 3.11) show most of a redraw spent in text:
FreeType shapes the string for its size (layout, twice per text: once to measure it, once to draw
it) and renders every glyph again, although a tool's redraws repeat the same tick labels, axis
labels, legend entries, trial names and source lines. Matplotlib caches text sizes only per
renderer, and every new figure has a new renderer.

:class:`TextCachingCanvas` keeps two process-wide caches, keyed by everything that changes the
result (the string, the font file and size, dpi, hinting, antialiasing, angle, font features and
language):

* text metrics (width, height, descent), so layout engines measure a string once;
* the glyph bitmaps of a string, positioned relative to the text's origin, so drawing it again
  only blends the stored coverage into the image in the text's colour.

A text is placed at the nearest whole pixel (as matplotlib did before 3.11), so a cached string
always lands the same way. Mathtext and TeX strings are drawn by matplotlib itself, uncached.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.ft2font import RenderMode

#: Most distinct strings kept (glyph bitmaps of a label are a few kB).
CACHE_SIZE = 4096

_METRICS: OrderedDict[tuple, tuple[float, float, float]] = OrderedDict()
_GLYPHS: OrderedDict[tuple, list[tuple[np.ndarray, int, int]]] = OrderedDict()
#: Cache statistics, for tests and benchmarks: hits and misses of each cache.
STATS = {"metrics_hit": 0, "metrics_miss": 0, "glyphs_hit": 0, "glyphs_miss": 0}


def clear() -> None:
    """Empty both caches and reset :data:`STATS`.

    >>> clear(); STATS["glyphs_miss"]
    0
    """
    _METRICS.clear()
    _GLYPHS.clear()
    for key in STATS:
        STATS[key] = 0


def _remember(cache: OrderedDict, key: tuple, value: object) -> None:
    cache[key] = value
    if len(cache) > CACHE_SIZE:
        cache.popitem(last=False)


def _seq(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


class TextCachingRenderer(RendererAgg):
    """:class:`RendererAgg` whose plain-text metrics and glyph bitmaps come from the caches."""

    def _font_key(self, prop) -> tuple:
        font = self._prepare_font(prop)
        return font, (
            id(font), prop.get_size_in_points(), self.dpi, get_hinting_flag(),
            mpl.rcParams["text.hinting_factor"],
        )

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        _font, font_key = self._font_key(prop)
        key = (s, *font_key)
        found = _METRICS.get(key)
        if found is None:
            STATS["metrics_miss"] += 1
            found = super().get_text_width_height_descent(s, prop, ismath)
            _remember(_METRICS, key, found)
        else:
            STATS["metrics_hit"] += 1
        return found

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        font, font_key = self._font_key(prop)
        antialiased = bool(gc.get_antialiased())
        key = (s, *font_key, float(angle), antialiased, _seq(features), _seq(language))
        glyphs = _GLYPHS.get(key)
        if glyphs is None:
            STATS["glyphs_miss"] += 1
            glyphs = self._render_glyphs(font, s, prop, angle, antialiased, features, language)
            _remember(_GLYPHS, key, glyphs)
        else:
            STATS["glyphs_hit"] += 1
        # The text's origin on a whole pixel, FreeType's y upwards (as in RendererAgg).
        origin_x, origin_y = round(x), round(self.height - y)
        height = int(self.height)
        for buffer, left, top in glyphs:
            self._renderer.draw_text_image(
                buffer, origin_x + left, height - (origin_y + top) + buffer.shape[0], 0, gc
            )
        return None

    def _render_glyphs(self, font, s, prop, angle, antialiased, features, language):
        """The glyph bitmaps of ``s`` with the text's origin at pixel (0, 0), as
        ``RendererAgg`` renders them (same layout, flags, transform and render mode)."""
        flags = get_hinting_flag()
        items = font._layout(s, flags=flags, features=features, language=language)
        size = prop.get_size_in_points()
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
        mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
        glyphs = []
        for item in items:
            face, dx, dy = item.ft_object, item.x, item.y
            face.set_size(size, self.dpi)
            face._set_transform(
                matrix, [round(0x40 * (dx * cos - dy * sin)), round(0x40 * (dx * sin + dy * cos))]
            )
            bitmap = face._render_glyph(item.glyph_index, flags, mode)
            buffer = np.array(bitmap.buffer, copy=True)
            if not antialiased:
                buffer *= 0xFF
            glyphs.append((buffer, bitmap.left, bitmap.top))
        return glyphs


class TextCachingCanvas(FigureCanvasAgg):
    """A :class:`FigureCanvasAgg` drawing with :class:`TextCachingRenderer`.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> _ = ax.set_title("Doses")
    >>> canvas = TextCachingCanvas(fig)
    >>> canvas.draw()
    >>> type(canvas.get_renderer()).__name__
    'TextCachingRenderer'
    >>> plt.close(fig)
    """

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = TextCachingRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer

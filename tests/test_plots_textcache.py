"""The text-caching canvas draws what matplotlib draws, and a changed text is drawn anew."""

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from pannet_edu.plots import _textcache, render_png
from pannet_edu.plots._textcache import TextCachingCanvas


@pytest.fixture(autouse=True)
def _fresh_cache():
    _textcache.clear()
    yield
    plt.close("all")
    _textcache.clear()


def figure(title="Hazard ratio for progression", colour="black", size=10.0, rotation=0):
    fig, ax = plt.subplots(figsize=(4, 2.5), dpi=90, layout="constrained")
    ax.plot([0, 1], [0, 1], color="#0072B2")
    ax.set_title(title, color=colour, fontsize=size)
    ax.set_xlabel("Months since the first decision")
    ax.set_ylabel("Response (%)", rotation=rotation + 90)
    return fig


def pixels(fig, canvas_class) -> np.ndarray:
    canvas = canvas_class(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).astype(int)


def png_pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGBA")).astype(int)


def test_cached_text_matches_matplotlibs_own_drawing():
    stock = pixels(figure(), FigureCanvasAgg)
    cached = pixels(figure(), TextCachingCanvas)
    assert stock.shape == cached.shape
    # Same layout and colours; glyphs may sit up to half a pixel apart (whole-pixel placement).
    differs = np.abs(stock - cached).sum(axis=-1) > 0
    assert differs.mean() < 0.05
    assert np.abs(stock - cached).mean() < 3
    # Where text is drawn at all, both draw it: the inked pixel counts agree closely.
    inked = [(image[..., :3].sum(axis=-1) < 300).sum() for image in (stock, cached)]
    assert abs(inked[0] - inked[1]) <= 0.05 * inked[0]


def test_a_second_draw_comes_from_the_cache_and_is_identical():
    first = render_png(figure())
    misses = _textcache.STATS["glyphs_miss"]
    hits = _textcache.STATS["glyphs_hit"]  # tick labels repeat within one figure
    assert misses > 0
    second = render_png(figure())
    assert _textcache.STATS["glyphs_miss"] == misses  # nothing rasterised again
    assert _textcache.STATS["glyphs_hit"] == 2 * hits + misses
    assert (png_pixels(first) == png_pixels(second)).all()


def test_a_changed_text_size_or_colour_is_drawn_anew():
    base = png_pixels(render_png(figure()))
    changed_text = png_pixels(render_png(figure(title="Hazard ratio for death")))
    bigger = png_pixels(render_png(figure(size=14)))
    red = png_pixels(render_png(figure(colour="#D55E00")))
    for other in (changed_text, bigger, red):
        assert other.shape == base.shape and (other != base).any()
    # The colour comes from the text, not from the cached glyphs: red pixels appear.
    assert ((red[..., 0] > 150) & (red[..., 2] < 100)).any()
    assert not ((base[..., 0] > 150) & (base[..., 2] < 100)).any()
    # Each changed title matches matplotlib's own drawing of it.
    stock = pixels(figure(title="Hazard ratio for death"), FigureCanvasAgg)
    assert (np.abs(stock - changed_text).sum(axis=-1) > 0).mean() < 0.05


def test_rotated_text_is_cached_apart_from_upright_text():
    upright = png_pixels(render_png(figure(rotation=-90)))
    turned = png_pixels(render_png(figure()))
    assert (upright != turned).any()
    stock = pixels(figure(rotation=-90), FigureCanvasAgg)
    assert (np.abs(stock - upright).sum(axis=-1) > 0).mean() < 0.05


def test_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(_textcache, "CACHE_SIZE", 3)
    fig, ax = plt.subplots(figsize=(2, 1), dpi=90)
    ax.set_axis_off()
    for word in ("one", "two", "three", "four", "five"):
        ax.set_title(word)
        render_png(fig)
    assert len(_textcache._GLYPHS) <= 3 and len(_textcache._METRICS) <= 3


def test_a_long_source_line_is_wrapped_to_the_figure_width_with_every_word_kept():
    from pannet_edu.plots import add_source_line

    text = "Teaching case (invented patient): " + "a long title of many words " * 6
    fig, _ax = plt.subplots(figsize=(4, 2.5), dpi=90)
    add_source_line(fig, text)
    shown = fig.texts[-1]
    assert not shown.get_wrap()  # wrapped once, not measured word by word at every draw
    lines = shown.get_text().split("\n")
    assert len(lines) > 1 and max(map(len, lines)) <= 4 * 17
    assert " ".join(lines).split() == text.split()
    fig.canvas.draw()  # the wrapped line fits inside the figure
    box = shown.get_window_extent()
    assert box.x1 <= fig.bbox.x1 + 1

"""A number in a lesson table is never split across lines: the key-results table's n cells (a
squeezed column once showed CONTROL NETs' n = 28 as "2" over "8") stay whole on a laptop
(1366 px) and a phone (390 px), rendered by the real browser from the table's own HTML and CSS."""

from __future__ import annotations

import pytest

from pannet_edu.display import TEXT_CELL_STYLE
from pannet_edu.views.lessons import key_results


def test_the_cell_style_never_breaks_inside_a_word_to_size_a_column():
    html = key_results(["CONTROL NETs"])._repr_html_()
    assert "overflow-wrap:anywhere" not in TEXT_CELL_STYLE
    assert "overflow-wrap:anywhere" not in html and TEXT_CELL_STYLE in html


@pytest.mark.parametrize("width", [390, 1366])
def test_n_values_stay_whole_at_phone_and_laptop_width(browser, width):
    table = key_results(["CONTROL NETs", "RADIANT-3", "NETTER-2", "CABINET"])
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.set_content(f'<body style="margin:0;font:14px sans-serif">'
                         f'<div style="max-width:{width}px">{table._repr_html_()}</div></body>')
        lines = page.evaluate("""() => {
            const heads = [...document.querySelectorAll('th')].map(th => th.textContent);
            const column = heads.indexOf('n');
            return [...document.querySelectorAll('tbody tr')].map(row => {
                const cell = row.children[column];
                const range = document.createRange();
                range.selectNodeContents(cell);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                return [cell.textContent, tops.size];
            });
        }""")
        assert lines and all(count == 1 for _text, count in lines), lines
        assert any(text.isdigit() and len(text) >= 2 for text, _count in lines)
    finally:
        context.close()

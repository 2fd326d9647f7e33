"""A therapy-class sheet read on a phone (390 px, real Chromium): the "Pivotal trials" table
keeps whole words in readable columns and scrolls sideways in its own box, its first column (the
trial) kept in view; the page itself never scrolls sideways and keeps a margin."""

from __future__ import annotations

import pytest

from pannet_edu import evidence
from pannet_edu.publish import class_sheets

PHONE = {"width": 390, "height": 844}

#: Each header cell's text must fit on one line (no word broken, as "Desi gn" was), the table
#: must scroll inside its box, and the first column must stay put when it does.
MEASURE = r"""
() => {
  const box = document.querySelector('.scroll');
  const heads = [...box.querySelectorAll('thead th, tbody td:first-child strong')];
  const broken = heads.filter(th => {
    const range = document.createRange(); range.selectNodeContents(th);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    return lines.size > 1 && !/[\s-]/.test(th.textContent.trim());
  }).map(th => th.textContent.trim());
  const first = box.querySelector('tbody tr td');
  const before = first.getBoundingClientRect().left;
  box.scrollLeft = 400;
  const after = first.getBoundingClientRect().left;
  return {broken, scrolls: box.scrollWidth > box.clientWidth, scrolled: box.scrollLeft,
          firstMoved: Math.abs(after - before),
          pageWide: document.documentElement.scrollWidth > window.innerWidth + 1,
          margin: document.querySelector('h1').getBoundingClientRect().left};
}
"""


def test_prrt_sheet_trial_table_scrolls_with_its_trial_column_kept(browser, tmp_path):
    path = tmp_path / "class_prrt.html"
    path.write_text(class_sheets.sheet_html(
        "prrt", evidence.therapies(), evidence.trials(), toxicities=evidence.toxicity_table(),
        labels=evidence.label_figures()), encoding="utf-8")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(path.as_uri())
        found = page.evaluate(MEASURE)
    finally:
        context.close()
    assert not found["broken"], f"header words broken across lines: {found['broken']}"
    assert found["scrolls"] and found["scrolled"] > 0, "the table should scroll in its box"
    assert found["firstMoved"] < 1, "the trial column should stay in view while scrolling"
    assert not found["pageWide"], "the page itself scrolls sideways"
    assert found["margin"] >= 8, "text flush against the screen's edge"


@pytest.mark.parametrize("therapy_class", ["prrt"])
def test_the_scroll_box_is_a_named_focusable_region(therapy_class):
    page = class_sheets.sheet_html(therapy_class, evidence.therapies(), evidence.trials())
    assert 'class="scroll" role="region" tabindex="0" aria-label="Pivotal trials' in page

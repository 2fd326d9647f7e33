"""What a tool looks like at a given screen width, measured in the browser (bounding boxes).

Used by the real-browser tests at phone width (390 px) in JupyterLab and the dashboard. A tool is
usable when no two of its controls, labels or results overlap, and nothing in it reaches past
the screen or the tool's own edge, except inside a box that scrolls sideways (a wide table). A
tool that scrolls sideways as a whole (its controls with it) counts as too wide.
"""

from __future__ import annotations

#: Screen size of a phone (CSS pixels), as in the accessibility tests.
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 800}

#: Run on a tool's outer element; returns the overlapping pairs and the elements too wide.
LAYOUT_JS = r"""
(root) => {
  const edge = Math.min(document.documentElement.clientWidth,
                        root.getBoundingClientRect().right) + 1;
  const shown = el => {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
  };
  const name = el => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '')
      .trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${el.tagName.toLowerCase()}> "${text}"`;
  };
  const parts = [...root.querySelectorAll(
    'input, select, textarea, button, label, .widget-label, .widget-html, .widget-output')]
    .filter(shown);
  const overlaps = [];
  for (let i = 0; i < parts.length; i++) {
    const a = parts[i].getBoundingClientRect();
    for (let j = i + 1; j < parts.length; j++) {
      if (parts[i].contains(parts[j]) || parts[j].contains(parts[i])) continue;
      const b = parts[j].getBoundingClientRect();
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (across > 2 && down > 2) overlaps.push(`${name(parts[i])} overlaps ${name(parts[j])}`);
    }
  }
  const inScrollBox = el => {
    for (let up = el.parentElement; up && up !== root; up = up.parentElement) {
      const scrolls = ['auto', 'scroll'].includes(getComputedStyle(up).overflowX);
      if (scrolls && up.getBoundingClientRect().right <= edge) return true;
    }
    return false;
  };
  const tooWide = [...root.querySelectorAll('*')].filter(shown)
    .filter(el => el.getBoundingClientRect().right > edge && !inScrollBox(el)).map(name);
  if (root.scrollWidth > root.clientWidth + 1) {
    tooWide.unshift(`the whole tool scrolls sideways (${root.scrollWidth} px in ` +
                    `${root.clientWidth} px)`);
  }
  return {overlaps: overlaps.slice(0, 20), tooWide: tooWide.slice(0, 20), parts: parts.length};
}
"""


def layout_problems(tool) -> list[str]:
    """What is wrong with the layout of ``tool`` (a Playwright locator of its outer box)."""
    found = tool.evaluate(LAYOUT_JS)
    assert found["parts"] > 3, "the tool shows almost nothing: wrong element measured?"
    return [*found["overlaps"], *(f"wider than the screen: {w}" for w in found["tooWide"])]

"""The misconception map end to end in a real browser: 200 learners' exports (one of them made
through the tools and the ``attempts export`` command, one tampered), the instructor's
``class-report`` command, and the report opened in Chromium: it renders offline, shows the refused
file, the five misconceptions with their lesson links, figures with alt text, and fits a phone.

Debian's Chromium through Playwright (``/usr/bin/chromium``, ``--no-sandbox --headless
--disable-background-networking``), never a downloaded browser.
"""

from __future__ import annotations

import time

import pytest
from synthetic_class import class_exports

from pannet_edu import cli
from pannet_edu.practice import attempts
from pannet_edu.widgets import QuizWidget

axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                 reason="axe-playwright-python missing (pip install -e '.[test]')")
PHONE = {"width": 390, "height": 844}


def _learner_export_through_the_tools(tmp_path, capsys) -> str:
    with attempts.recording_to(tmp_path / "record"):
        quiz = QuizWidget(lesson="05_prrt", seed=2)
        quiz.answer(quiz.current.key)
        out = tmp_path / "through-the-tools.json"
        assert cli.main(["attempts", "export", "--out", str(out)]) == 0
    assert "Nothing was sent anywhere" in capsys.readouterr().out
    return str(out)


def test_the_class_report_renders_in_a_real_browser(browser, tmp_path, capsys):
    start, cpu = time.perf_counter(), time.process_time()
    files = [_learner_export_through_the_tools(tmp_path, capsys)]
    for number, text in enumerate(class_exports(200, seed=5)[1:], start=1):
        path = tmp_path / f"learner{number:03d}.json"
        path.write_text(text)
        files.append(str(path))
    tampered = tmp_path / "tampered.json"
    tampered.write_text((tmp_path / "learner001.json").read_text().replace('"c": 0', '"c": 1'))
    report = tmp_path / "report.html"
    status = cli.main(["class-report", *files, str(tampered), "--out", str(report),
                       "--lessons-url", "handouts/"])
    captured = capsys.readouterr()
    assert status == 1 and "tampered.json: refused: it was changed after export" in captured.err
    assert "200 learner files" in captured.out

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    assert page.title() == "Class report: what the class got wrong"
    assert page.get_by_role("alert").inner_text().count("tampered.json") == 1
    items = page.locator("ol.misconceptions > li")
    assert items.count() == 5
    assert items.first.get_by_role("link").get_attribute("href").startswith("handouts/")
    images = page.locator("figure img")
    assert images.count() == 2
    for index in range(2):
        image = images.nth(index)
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        assert len(image.get_attribute("alt")) > 40
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than a phone"
    assert all(url.startswith(("file:", "data:")) for url in requests), requests
    results = axe_module.Axe().run(page)
    serious = [v["id"] for v in results.response["violations"]
               if v.get("impact") in ("serious", "critical")]
    assert not serious, serious
    context.close()
    print(f"class of 200, export to report in the browser: {time.perf_counter() - start:.1f} s "
          f"({time.process_time() - cpu:.1f} s of this process's processor time)")

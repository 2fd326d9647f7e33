"""The misconception map's two tools: the learner's own record (what is kept, and an export to
hand in), and the instructor's class report from the learners' files.

Thin wiring: the record and the export are :mod:`pannet_edu.practice.attempts` and
:mod:`pannet_edu.practice.attempt_files`; the merged numbers :mod:`pannet_edu.practice.class_stats`;
the page :mod:`pannet_edu.views.class_report` with the figures of
:mod:`pannet_edu.plots.class_report`. Nothing here sends anything anywhere: the learner saves a
file or copies a code; the instructor opens the learners' files in the browser.

>>> tool = ClassReportTool()
>>> tool.build([("a.json", "not an export")])
'Class report: 0 learner files, 0 answers.\\nRefused: a.json: refused: not a pannet-edu ...'
"""

from __future__ import annotations

import base64
from collections.abc import Iterable

import ipywidgets as widgets

from ..display import escape
from ..practice import attempt_files, attempts
from ..practice.class_stats import class_report
from ..views.class_report import report_fragment, report_html, report_text
from ._base import Tool, View

__all__ = ["PRIVACY", "ClassReportTool", "MyPracticeRecord"]

#: What the learner reads before sharing anything.
PRIVACY = (
    "Your answers are kept only on this computer. Nothing is sent: you decide whether to hand "
    "in the file or paste the code. It holds which options you chose and whether they were "
    "right, with a random number instead of your name. The words you typed (short answers, "
    "self-checks) stay out unless you tick the box."
)


def _download(text: str, filename: str, label: str, kind: str) -> str:
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (f'<a download="{escape(filename)}" href="data:{kind};base64,{data}">'
            f"{escape(label)}</a>")


class MyPracticeRecord:
    """The learner's own record: where it is, how many answers, and an export to hand in.

    >>> tool = MyPracticeRecord()
    >>> "Nothing is sent" in tool._repr_mimebundle_()["text/html"]
    True
    """

    title = "My practice record"

    def __init__(self) -> None:
        self.share_text = widgets.Checkbox(
            value=False, description="Also share the words I typed", indent=False)
        self.file_button = widgets.Button(description="Make my export file",
                                          button_style="primary")
        self.code_button = widgets.Button(description="Show my short code")
        self.info = widgets.HTML(self._info_html())
        self.result = widgets.HTML()
        self.code = widgets.Textarea(layout=widgets.Layout(width="100%", max_width="40em",
                                                           display="none"), rows=4)
        self.file_button.on_click(lambda _b: self.make_file())
        self.code_button.on_click(lambda _b: self.make_code())
        buttons = widgets.HBox([self.file_button, self.code_button],
                               layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = widgets.VBox([self.info, self.share_text, buttons, self.result, self.code],
                                   layout=widgets.Layout(max_width="48em", width="100%"))

    def _info_html(self) -> str:
        count = len(attempts.load_records())
        return (f"<strong>{escape(self.title)}</strong><p>{escape(PRIVACY)}</p>"
                f"<p>Answers kept so far: {count}. Where: <code>{escape(attempts.attempts_dir())}"
                "</code>.</p>")

    def make_file(self) -> str:
        """A download link to the export file (JSON); returns the link's HTML."""
        text = attempt_files.export_json(include_text=self.share_text.value)
        link = _download(text, "pannet-edu-practice.json", "Save my export file",
                         "application/json")
        self.result.value = f"<p>{link}: hand this file in as your instructor asks.</p>"
        self.info.value = self._info_html()
        return self.result.value

    def make_code(self) -> str:
        """The short code to paste into a text box of the course platform; returns it."""
        code = attempt_files.export_code(include_text=self.share_text.value)
        self.code.value = code
        self.code.layout.display = None
        self.result.value = ("<p>Copy all of the code below (it starts "
                             f"<code>{attempt_files.CODE_PREFIX}</code>) into the text box your "
                             "instructor gives.</p>")
        return code

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = (f"<div><strong>{escape(self.title)}</strong><p>{escape(PRIVACY)}"
                               "</p></div>")
        bundle["text/plain"] = f"{self.title}\n{PRIVACY}"
        return bundle


class ClassReportTool(Tool):
    """The instructor's class report: upload the learners' files (or paste their codes), read the
    report, save it as one offline page. A dashboard tab too: the files are read in the
    instructor's own session and go nowhere else."""

    title = "Class report"

    def __init__(self, lessons_url: str = "") -> None:
        self.lessons_url = lessons_url
        self.upload = widgets.FileUpload(accept=".json,.txt", multiple=True,
                                         description="Learner files")
        # Read when the box loses focus, not at every key: a report is a second of work.
        self.codes = widgets.Textarea(placeholder="…or paste learners' codes, one per line",
                                      layout=widgets.Layout(width="100%", max_width="40em"),
                                      rows=3, continuous_update=False)
        self.build_button = widgets.Button(description="Make the report", button_style="primary")
        self.build_button.on_click(lambda _b: self.refresh())
        head = widgets.HTML(
            "<p>Choose the learners' export files (or paste their codes), then press <em>Make "
            "the report</em>. The files are read here, in this session; nothing is sent "
            "anywhere. A file that is not an export, is cut short, was changed or repeats "
            "another is refused and named at the top.</p>")
        self.controls = [head, widgets.HBox([self.upload, self.build_button],
                                            layout=widgets.Layout(flex_flow="row wrap")),
                         self.codes]
        super().__init__()

    def _named(self) -> list[tuple[str, bytes | str]]:
        named: list[tuple[str, bytes | str]] = []
        for item in self.upload.value:
            text = bytes(item["content"]).decode("utf-8", errors="replace")
            named += attempt_files.split_codes(item["name"], text)
        lines = [line.strip() for line in self.codes.value.splitlines() if line.strip()]
        named += [(f"pasted code {i}", line) for i, line in enumerate(lines, start=1)]
        return named

    def compute(self) -> View:
        named = self._named()
        if not named:
            return View(self.title, ("No learner files yet: choose the export files the "
                                     "learners handed in, or paste their codes.",))
        return self._report_view(named)

    def _report_view(self, named: Iterable[tuple[str, bytes | str]]) -> View:
        from ..plots.class_report import report_figures

        accepted, refused = attempt_files.read_named(named)
        report = class_report(accepted, refused)
        figures = report_figures(report)
        page = report_html(report, figures, self.lessons_url)
        link = _download(page, "class-report.html", "Save this report as one page",
                         "text/html")
        text = report_text(report)
        return View(self.title, (text.splitlines()[0],),
                    extra_html=f"<p>{link}</p>"
                    + report_fragment(report, figures, self.lessons_url),
                    extra_text=text)

    def build(self, named: Iterable[tuple[str, bytes | str]]) -> str:
        """Make the report from (name, content) pairs; show it; return its text summary."""
        view = self._report_view(named)
        self.output.value = view.html()
        return view.extra_text

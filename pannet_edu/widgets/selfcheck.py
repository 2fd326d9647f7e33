"""'Check your understanding' as a widget: answer first, then see the answer beside yours.

Thin wiring over :mod:`pannet_edu.practice.selfcheck`. Each question has a box and a "Show the
answer" button; the answer appears only after something is written, and the box then locks, so the
comparison stays honest. Without a live kernel (a handout, a notebook viewer) the snapshot shows
the questions with the answers folded away (and, in a handout, at the end of the page).
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as widgets

from ..display import ANSWER_COLOURS, OKABE_ITO, escape
from ..practice import selfcheck
from ..practice.attempts import record_selfcheck

#: A matching answer, one that does not match, and one to compare by eye (the answer shows).
_COLOURS = {**ANSWER_COLOURS, None: OKABE_ITO["blue"]}


class SelfCheck:
    """The questions of a lesson's "Check your understanding", answers hidden until answered.

    >>> tool = SelfCheck([("Ki-67 2%, 3 mitoses: G1 or G2?", "NET G2", ["G2"]),
    ...                   ("Why?", "Because.")])
    >>> tool.show(0)                    # nothing written yet: no answer shown
    'Write your answer first: the answer shows once you have committed to one.'
    >>> tool.boxes[0].value = "G2"; tool.show(0)
    'Your answer matches. Answer: NET G2'
    >>> tool.boxes[0].disabled          # the first answer is kept
    True
    >>> "Answers (open once you have decided)" in tool._repr_mimebundle_()["text/html"]
    True
    """

    title = "Check your understanding"

    def __init__(self, items: Iterable[object]) -> None:
        self.items = selfcheck.checks(items)
        self.boxes: list[widgets.Textarea] = []
        self.results: list[widgets.HTML] = []
        rows = []
        for number, item in enumerate(self.items, start=1):
            prompt = widgets.HTML(
                f'<div style="text-align:left;white-space:normal">'
                f"<strong>{number}.</strong> {escape(item.prompt)}</div>",
                layout=widgets.Layout(width="100%"),
            )
            box = widgets.Textarea(
                placeholder="your answer",
                rows=1,
                layout=widgets.Layout(width="100%", max_width="40em"),
            )
            button = widgets.Button(description="Show the answer", tooltip="Shows the answer")
            result = widgets.HTML()
            button.on_click(lambda _b, i=number - 1: self.show(i))
            self.boxes.append(box)
            self.results.append(result)
            line = widgets.HBox([box, button], layout=widgets.Layout(flex_flow="row wrap"))
            rows.append(widgets.VBox([prompt, line, result]))
        head = widgets.HTML(
            f"<strong>{escape(self.title)}</strong><br>Write your answer in the box, then press "
            "<em>Show the answer</em>. Your answer is kept once the answer shows."
        )
        self.widget = widgets.VBox(
            [head, *rows], layout=widgets.Layout(max_width="48em", width="100%")
        )

    def show(self, index: int) -> str:
        """Reveal question ``index`` if the learner has written an answer; return what shows."""
        revealed = selfcheck.reveal(self.items[index], self.boxes[index].value)
        colour = _COLOURS[revealed.matches]
        if revealed.given and not self.boxes[index].disabled:
            record_selfcheck(self.items[index], revealed)  # the learner's own record
        if revealed.given:
            self.boxes[index].disabled = True
        else:
            colour = ANSWER_COLOURS[None]
        self.results[index].value = (
            f'<div class="pannet-feedback" style="border-left:6px solid {colour};'
            f'padding:4px 10px;margin:2px 0;text-align:left">{escape(revealed)}</div>'
        )
        return str(revealed)

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = selfcheck.questions_html(self.items, self.title)
        bundle["text/plain"] = selfcheck.questions_text(self.items)
        return bundle

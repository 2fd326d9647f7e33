"""A readable message, instead of a Python error, when a learner types an answer without quotes.

In an exercise notebook a learner writes ``answer = NET G3``. Python reads that as code and
stops with a ``SyntaxError`` (or, for one word such as ``answer = G3``, a ``NameError``), which
says nothing a clinician can act on. When :mod:`pannet_edu.practice.exercises` is imported inside
IPython/Jupyter, :func:`register` makes those two errors, on an ``answer = ...`` line only,
print what to type instead. Every other error shows as usual.

>>> print(quote_hint("answer = NET G3"))
Put the answer in quotes, so Python reads it as text:
    answer = "NET G3"
Then run the cell again.
>>> quote_hint("x = NET G3") is None, quote_hint('answer = "NET G3"') is None
(True, True)
"""

from __future__ import annotations

import linecache
import re
import sys
from typing import Any

__all__ = ["quote_hint", "register"]

_ANSWER_LINE = re.compile(r"^\s*answer\s*=\s*(?P<value>[^#]*?)\s*(?:#.*)?$")
_FLAG = "_pannet_answer_hints"


def quote_hint(line: str) -> str | None:
    """The message for an ``answer = ...`` line whose value needs quotes, else ``None``."""
    match = _ANSWER_LINE.match(line or "")
    if not match:
        return None
    value = match.group("value").strip()
    if not value or value == "..." or value[0] in "\"'[({" or value.lstrip("-").isdigit():
        return None
    text = value.replace('"', "'")
    return (
        "Put the answer in quotes, so Python reads it as text:\n"
        f'    answer = "{text}"\n'
        "Then run the cell again."
    )


def _cell_line(tb: Any) -> str:
    """The source line where a traceback ends (a notebook cell registers its source)."""
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return ""
    return linecache.getline(tb.tb_frame.f_code.co_filename, tb.tb_lineno)


def register(shell: Any = None) -> bool:
    """Install the hints in the running IPython shell (once); ``False`` outside IPython.

    >>> register(None)  # plain Python: nothing to do
    False
    """
    if shell is None:
        ipython = sys.modules.get("IPython")
        get = getattr(ipython, "get_ipython", None) if ipython else None
        shell = get() if get else None
    if shell is None or getattr(shell, _FLAG, False):
        return False
    original_syntax = shell.showsyntaxerror

    def showsyntaxerror(*args: Any, **kwargs: Any) -> None:
        etype, value, _tb = sys.exc_info()
        hint = quote_hint(getattr(value, "text", "") or "") if value is not None else None
        if hint is None:
            return original_syntax(*args, **kwargs)
        shell._showtraceback(etype, value, [hint])
        return None

    def name_error(self: Any, etype: Any, value: Any, tb: Any, tb_offset: Any = None) -> None:
        # IPython ignores what a handler returns when a cell raises: it must show the error itself.
        hint = quote_hint(_cell_line(tb))
        if hint is not None:
            stb = [hint]
        else:
            stb = self.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        self._showtraceback(etype, value, stb)

    shell.showsyntaxerror = showsyntaxerror
    if not shell.custom_exceptions:  # never replace a handler someone else installed
        shell.set_custom_exc((NameError,), name_error)
    setattr(shell, _FLAG, True)
    return True

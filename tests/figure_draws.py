"""Counting the figures a tool draws (not reads back from the kept-figure folder), for the tests
of kept and warmed figures."""


def counting(monkeypatch, cls) -> list:
    """Patch ``cls.figure`` so each draw appends to the returned list (undone after the test)."""
    calls = []
    original = cls.figure

    def figure(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(cls, "figure", figure)
    return calls

"""Jupyter server settings for learners, read by `make lab` (and by any `jupyter lab` started here).

- Each lesson shows once in the file browser: the jupytext ``.py`` twins of the lessons and
  solution notebooks (``NN_name.py``) are hidden. They stay on disk; instructors edit them in an
  editor and rebuild with ``make notebooks``. Any server of an environment with the toolkit
  installed (a hub learner's too, which never reads this file) leaves them out as well, through
  the toolkit's server extension (``pannet_edu/hub.py``).
- Voila's package turns on traitlets' deprecation warnings for the whole server when it is
  imported, so every start printed "ServerApp.token config is deprecated" although nothing here
  sets that option. Importing it once here, inside ``catch_warnings``, undoes that switch when the
  block ends; Python's usual warning filters then apply, as without Voila.
"""

import contextlib
import warnings

with warnings.catch_warnings(), contextlib.suppress(ImportError):
    warnings.simplefilter("ignore", DeprecationWarning)
    import voila  # noqa: F401

c = get_config()  # noqa: F821 - provided by Jupyter when it loads this file
c.ContentsManager.hide_globs = [
    "__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", "*.egg-info",
    # the lessons' and solutions' jupytext twins: notebooks/NN_name.py, exercises/solutions/NN_*.py
    "[0-9][0-9]_*.py",
    # the lesson template (an authoring file, not a lesson)
    "_template.py",
]

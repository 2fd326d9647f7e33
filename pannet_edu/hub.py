"""Links for a JupyterHub class: one click clones (later, updates) the lessons into a home.

nbgitpuller (installed with the ``lab`` extra and by ``environment.yml``) serves ``git-pull`` on
the hub: on the first click it clones the repository into the learner's home; on later clicks it
pulls new commits and merges them without overwriting what the learner changed (a notebook the
learner edited keeps the learner's version).

>>> link = nbgitpuller_link("https://hub.example.edu", repo="https://github.com/o/pannet-edu")
>>> link.startswith("https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2F")
True
>>> "urlpath=lab%2Ftree%2Fpannet-edu%2Fnotebooks%2F00_start_here.ipynb" in link
True

The lessons show once in the file browser of any Jupyter server in an environment where the
toolkit is installed, a hub learner's too: :func:`hidden_sources` names the ``.py`` sources to
leave out of a folder listing, and this module is the server extension that leaves them out
(switched on by the package's ``etc/jupyter/jupyter_server_config.d/pannet_edu.json``).

The link opens the folder nbgitpuller really clones into, ``pannet-edu.git`` for an address ending
in ``.git``. An address with a user name or password, a host hidden behind ``...@``, a repository
name of ``..`` and control characters anywhere are refused: the link goes to a whole class.
"""

from __future__ import annotations

import functools
import inspect
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from .content.fields import short_repr

#: The page a link opens by default: the start page of the lessons.
DEFAULT_PATH = "notebooks/00_start_here.ipynb"
DEFAULT_BRANCH = "main"


def check_plain_text(name: str, text: object) -> str:
    """``text`` if it is text without control characters (a raw newline, tab, escape, a
    zero-width or direction mark) or spaces; else ``ValueError`` naming the argument.

    >>> check_plain_text("hub", "https://hub.example.edu" + chr(13) + "X-Injected: 1")
    Traceback (most recent call last):
    ...
    ValueError: hub must not contain spaces or control characters (a line break, tab, escape or
    invisible mark), got 'https://hub.example.edu\\rX-Injected: 1'
    """
    if not isinstance(text, str):
        raise TypeError(f"{name} must be text, got {type(text).__name__}")
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in text.strip()):
        raise ValueError(f"{name} must not contain spaces or control characters (a line break, "
                         f"tab, escape or invisible mark), got {short_repr(text.strip())}")
    return text.strip()


def check_url(name: str, url: str) -> str:
    """``url`` without a trailing slash, if it is a plain http(s) address: a host, no user name
    or password (the link goes to every learner), no query, no control characters.

    >>> check_url("hub", "https://hub.example.edu/")
    'https://hub.example.edu'
    >>> check_url("hub", "hub.example.edu")
    Traceback (most recent call last):
    ...
    ValueError: hub must be a web address starting with https:// or http://, got 'hub.example.edu'
    >>> check_url("repo", "https://teacher:s3cret@github.com/o/r")
    Traceback (most recent call last):
    ...
    ValueError: repo must not carry a user name or password ('...@' before the host): the link
    goes to every learner; give the public address
    """
    if not isinstance(url, str):
        raise TypeError(f"{name} must be a web address (text), got {type(url).__name__}")
    url = check_plain_text(name, url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"{name} must be a web address starting with https:// or http://, got {short_repr(url)}"
        )
    if "@" in parts.netloc:
        raise ValueError(f"{name} must not carry a user name or password ('...@' before the "
                         "host): the link goes to every learner; give the public address")
    try:
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError:
        raise ValueError(f"{name} has a port that is not a number: {short_repr(url)}") from None
    if not parts.hostname:
        raise ValueError(f"{name} must name a host, got {short_repr(url)}")
    if parts.query or parts.fragment:
        raise ValueError(f"{name} must be a plain address, without '?', '#' or spaces: "
                         f"{short_repr(url)}")
    return url.rstrip("/")


#: A folder name nbgitpuller can clone into: letters, digits, '.', '_' and '-', not only dots.
_FOLDER = re.compile(r"(?!\.+$)[A-Za-z0-9._-]+")


def repo_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: the last part of the address as it is, with
    ``.git`` if the address has it (nbgitpuller's own rule: ``repo.rstrip('/').split('/')[-1]``).

    >>> repo_folder("https://github.com/o/pannet-edu.git"), repo_folder("https://x.org/o/r/")
    ('pannet-edu.git', 'r')
    >>> repo_folder("https://x.org/o/..")
    Traceback (most recent call last):
    ...
    ValueError: repo must end in a repository name (letters, digits, '.', '_', '-'; not '.' or
    '..'), got '..'
    """
    path = urlsplit(repo).path.rstrip("/")
    name = path.split("/")[-1]  # the same as nbgitpuller's, once an address has a path
    if not _FOLDER.fullmatch(name):
        raise ValueError("repo must end in a repository name (letters, digits, '.', '_', '-'; "
                         f"not '.' or '..'), got {short_repr(name)}")
    return name


def nbgitpuller_link(
    hub: str,
    *,
    repo: str,
    branch: str = DEFAULT_BRANCH,
    path: str = DEFAULT_PATH,
    app: str = "lab",
) -> str:
    """The nbgitpuller link that clones ``repo`` (``branch``) on ``hub`` and opens ``path``.

    ``path`` is relative to the repository; ``app`` is ``"lab"`` (JupyterLab) or ``"voila"`` (the
    page rendered without code, e.g. the dashboard).

    >>> nbgitpuller_link("https://hub.example.edu", repo="https://x.org/o/r", branch="dev",
    ...                  path="../secret")
    Traceback (most recent call last):
    ...
    ValueError: path must be a file inside the repository (no leading '/' or '..'), got '../secret'
    """
    hub = check_url("hub", hub)
    repo = check_url("repo", repo)
    folder = repo_folder(repo)
    if not isinstance(branch, str) or not re.fullmatch(r"[A-Za-z0-9._/-]+", branch or ""):
        raise ValueError(f"branch must be a git branch name (letters, digits, . _ / -), got "
                         f"{short_repr(branch)}")
    clean = PurePosixPath(check_plain_text("path", path))
    if clean.is_absolute() or ".." in clean.parts or not clean.parts:
        raise ValueError(
            "path must be a file inside the repository (no leading '/' or '..'), got "
            f"{short_repr(path)}"
        )
    if app not in ("lab", "voila"):
        raise ValueError(f"app must be 'lab' or 'voila', got {short_repr(app)}")
    target = f"{folder}/{clean}"
    urlpath = f"lab/tree/{target}" if app == "lab" else f"voila/render/{target}"
    query = urlencode({"repo": repo, "branch": branch, "urlpath": urlpath}, quote_via=quote,
                      safe="")
    return f"{hub}/hub/user-redirect/git-pull?{query}"


# --- the file browser: each lesson once ---------------------------------------------------------

#: How a jupytext notebook source begins (the lessons' and solutions' ``.py``, the template).
NOTEBOOK_SOURCE_HEADER = b"# ---\n# jupyter:"


def is_notebook_source(path: Path) -> bool:
    """Whether ``path`` is a regular file that starts with a jupytext notebook header."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            return handle.read(len(NOTEBOOK_SOURCE_HEADER)) == NOTEBOOK_SOURCE_HEADER
    except OSError:
        return False


def hidden_sources(folder: Path, names: Iterable[str]) -> set[str]:
    """The names among ``names`` (the entries of ``folder``) that the file browser leaves out.

    A ``.py`` is left out only when it is a jupytext notebook source and either the notebook
    built from it sits beside it (``NN_name.py`` beside ``NN_name.ipynb``) or it is a template
    (a name starting with ``_``) in a folder of such pairs. Any other ``.py`` shows; nothing is
    moved or deleted, and a source opened by its address still opens.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = Path(tmp)
    ...     for name in ("01_a.py", "_template.py", "notes.py", "02_b.py"):
    ...         _ = (folder / name).write_bytes(NOTEBOOK_SOURCE_HEADER)
    ...     _ = (folder / "01_a.ipynb").write_text("{}")
    ...     _ = (folder / "analysis.py").write_text("print(1)")
    ...     _ = (folder / "analysis.ipynb").write_text("{}")
    ...     sorted(hidden_sources(folder, [p.name for p in folder.iterdir()]))
    ['01_a.py', '_template.py']
    """
    names = set(names)
    twins = {name for name in names if name.endswith(".py") and name[:-3] + ".ipynb" in names
             and is_notebook_source(folder / name)}
    if twins:
        twins |= {name for name in names if name.startswith("_") and name.endswith(".py")
                  and is_notebook_source(folder / name)}
    return twins


def _without_sources(model: Any, root: Path) -> Any:
    """A contents model, a folder's listing without its hidden sources."""
    if isinstance(model, dict) and model.get("type") == "directory" and isinstance(
            model.get("content"), list):
        folder = root / model.get("path", "")
        hidden = hidden_sources(folder, [entry.get("name", "") for entry in model["content"]])
        model["content"] = [e for e in model["content"] if e.get("name") not in hidden]
    return model


def _listing_without_sources(get: Callable[..., Any], root: Path) -> Callable[..., Any]:
    """``get`` of a contents manager, its folder listings filtered (async or not, as ``get``)."""
    if inspect.iscoroutinefunction(get):
        @functools.wraps(get)
        async def async_get(*args: Any, **kwargs: Any) -> Any:
            return _without_sources(await get(*args, **kwargs), root)
        return async_get

    @functools.wraps(get)
    def sync_get(*args: Any, **kwargs: Any) -> Any:
        return _without_sources(get(*args, **kwargs), root)
    return sync_get


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    """Jupyter server: this module is a server extension (see :func:`hidden_sources`)."""
    return [{"module": "pannet_edu.hub"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Filter the folder listings of the server's contents manager.

    Extensions load in name order, so jupytext's (``jupyterlab_jupytext``), which replaces the
    contents manager, has run by now; the manager filtered here is the one the server uses.
    """
    manager = serverapp.contents_manager
    root = getattr(manager, "root_dir", None)
    if root is None:  # not a file-system contents manager: nothing to look at
        serverapp.log.info("pannet-edu: contents manager without root_dir; sources not hidden")
        return
    manager.get = _listing_without_sources(manager.get, Path(root))
    serverapp.log.info("pannet-edu: the lessons' .py sources are left out of folder listings")

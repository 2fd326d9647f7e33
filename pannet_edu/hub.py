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
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode, urlsplit

#: The page a link opens by default: the start page of the lessons.
DEFAULT_PATH = "notebooks/00_start_here.ipynb"
DEFAULT_BRANCH = "main"


def check_url(name: str, url: str) -> str:
    """``url`` without a trailing slash, if it is an http(s) address with a host and no query.

    >>> check_url("hub", "https://hub.example.edu/")
    'https://hub.example.edu'
    >>> check_url("hub", "hub.example.edu")
    Traceback (most recent call last):
    ...
    ValueError: hub must be a web address starting with https:// or http://, got 'hub.example.edu'
    """
    if not isinstance(url, str):
        raise TypeError(f"{name} must be a web address (text), got {type(url).__name__}")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"{name} must be a web address starting with https:// or http://, got {url!r}"
        )
    if parts.query or parts.fragment or " " in url.strip():
        raise ValueError(f"{name} must be a plain address, without '?', '#' or spaces: {url!r}")
    return url.strip().rstrip("/")


def repo_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: its last path part, without ``.git``.

    >>> repo_folder("https://github.com/o/pannet-edu.git")
    'pannet-edu'
    """
    name = PurePosixPath(urlsplit(repo).path.rstrip("/")).name
    return re.sub(r"\.git$", "", name)


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
    if not isinstance(branch, str) or not re.fullmatch(r"[A-Za-z0-9._/-]+", branch or ""):
        raise ValueError(f"branch must be a git branch name (letters, digits, . _ / -), got "
                         f"{branch!r}")
    clean = PurePosixPath(str(path))
    if clean.is_absolute() or ".." in clean.parts or not clean.parts:
        raise ValueError(
            f"path must be a file inside the repository (no leading '/' or '..'), got {path!r}"
        )
    if app not in ("lab", "voila"):
        raise ValueError(f"app must be 'lab' or 'voila', got {app!r}")
    target = f"{repo_folder(repo)}/{clean}"
    urlpath = f"lab/tree/{target}" if app == "lab" else f"voila/render/{target}"
    query = urlencode({"repo": repo, "branch": branch, "urlpath": urlpath}, quote_via=quote,
                      safe="")
    return f"{hub}/hub/user-redirect/git-pull?{query}"

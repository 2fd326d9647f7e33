"""environment.yml (conda, Binder) pins the same minor versions as pyproject.toml."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        specs.extend(extra)
    pins = {}
    for spec in specs:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9.]+)\.\*", spec)
        assert match, f"pyproject.toml: {spec!r} is not pinned to a minor release (name==X.Y.*)"
        pins[match[1].lower()] = match[2]
    return pins


def _conda_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and "=" in dep:
            name, version = dep.split("=", 1)
            pins[name.lower()] = version
    return pins


#: Test-extra packages kept OUT of environment.yml (the Binder/JupyterHub image): they drive a
#: browser (playwright, axe-playwright-python), build images (jupyter-repo2docker), or are the
#: real clients the export and grading tests run (anki: Anki's own importer; nbgrader, which
#: would add its instructor menus to every learner's Lab; jupyterhub, which the real-hub test runs,
#: and which every hub's user image already carries matched to its hub, repo2docker's too).
#: Installed with `pip install -e '.[test]'` where the tests run.
TEST_ONLY = {"playwright", "axe-playwright-python", "jupyter-repo2docker", "anki", "nbgrader",
             "jupyterhub"}


def test_every_pyproject_pin_appears_in_environment_yml_with_the_same_version():
    conda = _conda_pins()
    for name, version in _pyproject_pins().items():
        if name in TEST_ONLY:
            continue
        assert conda.get(name) == version, (
            f"environment.yml pins {name}={conda.get(name)}, pyproject.toml {name}=={version}.*"
        )


def test_environment_yml_installs_the_package_from_the_checkout_with_python_311():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert any(line.startswith("-e .") for line in pip_section)


def test_browser_and_image_build_packages_stay_out_of_the_learner_image():
    conda = _conda_pins()
    pyproject = _pyproject_pins()
    for name in TEST_ONLY:
        assert name in pyproject, f"{name} is not in pyproject.toml's extras any more"
        assert name not in conda
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert not any("test" in line for line in pip_section), pip_section
    lab = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert not any(spec.split("==")[0] in TEST_ONLY for spec in lab["lab"])

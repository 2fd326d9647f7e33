"""The clinic's old module paths keep working: each re-exports the very objects of its new home."""

import ast
import importlib
import inspect

import pytest

MODULES = ("pathology", "staging", "imaging", "syndromes")


@pytest.mark.parametrize("name", MODULES)
def test_old_path_re_exports_every_public_name_of_the_new_home(name):
    old = importlib.import_module(f"pannet_edu.{name}")
    new = importlib.import_module(f"pannet_edu.clinic.{name}")
    defined = set(getattr(new, "__all__", ()))
    for node in ast.parse(inspect.getsource(new)).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            defined |= {t.id for t in targets if isinstance(t, ast.Name)}
    defined = {n for n in defined if not n.startswith("_")}
    assert defined <= set(old.__all__), sorted(defined - set(old.__all__))
    for attribute in old.__all__:
        assert getattr(old, attribute) is getattr(new, attribute)


def test_syndromes_take_their_ids_from_the_vocabularies():
    from pannet_edu import vocab
    from pannet_edu.clinic import syndromes

    assert syndromes.SYNDROMES is vocab.SYNDROMES
    assert syndromes.HEREDITARY_SYNDROMES is vocab.HEREDITARY_SYNDROMES

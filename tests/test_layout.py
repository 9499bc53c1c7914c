"""Imports run one way, from the top down (docs/architecture.md): an app imports only from the
apps on a lower layer, never from one beside or above it."""

import ast
from pathlib import Path

from django.conf import settings

# Lower numbers lie lower. `asem_customs` (settings, roles, middleware, page versions) is the
# ground every app stands on; only its `urls.py` ties the apps together from above.
LAYERS = {
    "asem_customs": 0,
    "mail": 1, "meetings": 1, "accounts": 1,
    "action_plans": 2, "delegates": 2,
    "documents": 3, "logistics": 3, "side_events": 3,
    # Beside documents in what it holds, above it in what it uses: its file checks.
    "accreditation": 3.5,
    "secretariat": 4, "public": 4, "communications": 4,
    "api": 5,
    "demo": 6,
}
ABOVE_EVERYTHING = {Path("asem_customs/urls.py"), Path("asem_customs/test_settings.py")}


def _imported_apps(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno


def _imports_against_the_layers():
    base = Path(settings.BASE_DIR)
    for app, layer in LAYERS.items():
        for path in sorted((base / app).rglob("*.py")):
            relative = path.relative_to(base)
            if "migrations" in relative.parts or relative in ABOVE_EVERYTHING:
                continue
            for imported, line in _imported_apps(path):
                if imported in LAYERS and imported != app and LAYERS[imported] >= layer:
                    yield f"{relative}:{line} imports {imported}"


def test_apps_import_only_from_lower_layers():
    assert list(_imports_against_the_layers()) == []


def test_every_app_of_the_project_has_a_layer():
    from tests.project_apps import project_app_labels

    assert set(project_app_labels()) <= set(LAYERS)

"""Parsing is pure: nothing under reports/ingest imports Django (STYLE.md, habit 1); the database
writer lives in reports/loading.

Checked in a fresh interpreter, so modules that tests or conftest already imported cannot hide
an import; module files are found on disk, so a new one is covered without being listed."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INGEST = ROOT / "reports" / "ingest"

# Imports each module in turn and names the first one after which Django is loaded.
PROBE = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except Exception as exc:
        print(json.dumps({"module": name, "error": repr(exc)}))
        break
    if "django" in sys.modules or "haystack" in sys.modules:
        print(json.dumps({"module": name, "error": "imports Django"}))
        break
else:
    print("null")
"""


def first_impure(modules: list[str]):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(modules)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def pure_modules() -> list[str]:
    names = sorted(p.stem for p in INGEST.glob("*.py") if p.stem != "__init__")
    return [f"reports.ingest.{name}" for name in names]


def test_the_parsing_modules_are_all_checked():
    checked = {name.rsplit(".", 1)[1] for name in pure_modules()}
    assert {"decode", "formats", "normalize", "metadata", "sections", "parse", "types"} <= checked


def test_no_ingest_module_imports_django():
    assert first_impure(pure_modules()) is None


def test_the_probe_notices_django():
    # The check must be able to fail: reports.choices is Django TextChoices.
    assert first_impure(["reports.ingest.types", "reports.choices"]) == {
        "module": "reports.choices",
        "error": "imports Django",
    }


def _imported_modules(path: Path) -> set[str]:
    """Every reports.ingest module a file imports, at the top or inside a function."""
    import ast

    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            module = node.module if node.level == 0 else f"reports.ingest.{node.module}"
            if module.startswith("reports.ingest."):
                names.add(module.rsplit(".", 1)[1])
    return names


def test_no_import_cycle_between_parsing_modules():
    # decode.py once imported formats inside a function to hide a cycle (formats needed its
    # charset code): a cycle breaks as soon as someone moves the import to the top.
    graph = {p.stem: _imported_modules(p) for p in INGEST.glob("*.py") if p.stem != "__init__"}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    cycles = sorted(name for name in graph if reaches(name, name, {name}))
    assert cycles == []
    assert "charset" in graph["formats"] and "decode" not in graph["formats"]

"""Shared fixtures. Every test that touches search gets its own empty Whoosh directory."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_state(settings, tmp_path):
    """Uploads, the search index and the shared cache of a test never touch var/."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": str(tmp_path / "cache")}
    }
    settings.HAYSTACK_CONNECTIONS = {
        "default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(tmp_path / "whoosh")}
    }
    from haystack import connections

    connections.reload("default")
    yield
    connections.reload("default")

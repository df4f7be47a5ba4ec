import pytest

from tests.operations.servers import copy_data_dir, prepare_demo


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory):
    """One prepared demo deployment per test session; tests work on copies."""
    path = tmp_path_factory.mktemp("demo-deployment")
    prepare_demo(path)
    return path


@pytest.fixture
def deployment(demo_data_dir, tmp_path):
    return copy_data_dir(demo_data_dir, tmp_path / "deployment")

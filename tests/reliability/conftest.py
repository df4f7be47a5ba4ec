from tests.operations.conftest import demo_data_dir, deployment  # noqa: F401

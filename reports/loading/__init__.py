"""Writing parsed reports into the database: the one writer (load.py) and files → reports (files.py)."""

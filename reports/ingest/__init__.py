"""Turning a report file into structured data. Pure Python: nothing here imports Django; the
one place that writes a parsed report into the database is ``reports/loading/load.py``."""

PARSER_VERSION = "1"

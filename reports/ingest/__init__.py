"""Turning a report file into structured data. Pure Python: nothing here imports Django,
except ``load.py``, the one place that writes a parsed report into the database."""

PARSER_VERSION = "1"

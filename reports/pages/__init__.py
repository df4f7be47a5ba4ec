"""The public pages: HTML views, the JSON API, feeds."""

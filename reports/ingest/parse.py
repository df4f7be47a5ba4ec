"""Text → ParsedReport: the whole pure pipeline in one call.

Interface (kept stable for the loader, the admin and the ingest command)::

    parse_report(data: bytes, filename: str, courts: Sequence[CourtRecord],
                 court_hint: str | None = None, year_hint: int | None = None) -> ParsedReport

raises ``IngestError`` for input that cannot become a report (empty, binary, archive, too
large, scanned PDF without text, undecodable).
"""

"""Search test data: the two seed reports as sections, made with factories and indexed
through the real signal path (``reports.search.signals``, after commit)."""

from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

from reports.choices import SectionTopic
from reports.forms import SearchForm
from reports.ingest.normalize import normalize_text
from reports.search.page import search as run_search
from tests.factories import CourtFactory, ReportFactory, SectionFactory

DEMO = Path(settings.BASE_DIR) / "fixtures" / "demo"


def seed_sections(filename: str, size: int = 400) -> list[str]:
    """The seed's paragraphs as the portal stores them (normalised: OCR line breaks inside
    words joined), in sections of ~``size`` characters."""
    text = normalize_text((DEMO / filename).read_text(encoding="utf-8"))
    paragraphs = text.split("\n")
    sections, current = [], ""
    for paragraph in filter(None, paragraphs):
        current = f"{current}\n{paragraph}" if current else paragraph
        if len(current) >= size:
            sections.append(current)
            current = ""
    return sections + ([current] if current else [])


def make_seed_reports():
    hohhot = CourtFactory(
        name="呼和浩特市中级人民法院",
        short_name="呼和浩特中院",
        aliases=["呼市中院"],
        province="内蒙古自治区",
        city="呼和浩特市",
        slug="hohhot-zy",
    )
    bayannur = CourtFactory(
        name="巴彦淖尔市中级人民法院",
        short_name="巴彦淖尔中院",
        province="内蒙古自治区",
        city="巴彦淖尔市",
        slug="bayannur-zy",
    )
    r2023 = ReportFactory(
        court=hohhot,
        year=2023,
        title="践行司法为民 保障公平正义——呼和浩特市中级人民法院2023年工作回眸",
    )
    r2025 = ReportFactory(court=bayannur, year=2025, title="2025年工作综述")
    topics = [SectionTopic.DEVELOPMENT, SectionTopic.CRIMINAL, SectionTopic.ENVIRONMENT]
    for report, filename in (
        (r2023, "hohhot_zy_2023_review.txt"),
        (r2025, "bayannur_zy_2025_review.txt"),
    ):
        for order, text in enumerate(seed_sections(filename), start=1):
            heading = text.split("\n", 1)[0][:30] if len(text.split("\n", 1)[0]) <= 30 else ""
            SectionFactory(
                report=report, order=order, heading=heading, text=text,
                topic=topics[order % len(topics)],
            )  # fmt: skip
    return SimpleNamespace(hohhot=hohhot, bayannur=bayannur, r2023=r2023, r2025=r2025)


def search(**params):
    """The page a reader gets for these query-string parameters."""
    return run_search(SearchForm(params).search_request())


def all_hits(**params):
    """Every hit of a search, across pages."""
    first = search(**params)
    hits = list(first.results)
    for number in range(2, first.pages + 1):
        hits += search(**params, page=str(number)).results
    return hits

"""Reading a report: the words a reader searched for, marked in its text when they arrive
from search (``/reports/7/?q=知识产权``); its citation (GB/T 7714 style) for the report and
for each section; the same court's previous and next year."""

from datetime import date

from django.utils.html import format_html, format_html_join

from reports.choices import ReportKind
from reports.models import Report
from reports.search.analysis import query_words
from reports.search.highlighting import find_spans
from reports.search.normalize import fold
from reports.search.query import parse_query
from reports.templatetags.report_format import section_title

MAX_MARKED_QUERY = 200


def searched_terms(q: str, text: str) -> list[str]:
    """The words of a search query to mark in a report: each word as typed when the report
    has it (知識產權 marks 知识产权: matching is on folded text), else its jieba parts
    (知识产权保护 → 知识产权, 保护), as the search itself falls back to them."""
    parsed = parse_query((q or "")[:MAX_MARKED_QUERY])
    folded = fold(text)
    terms = []
    for word in parsed.positive_words():
        if fold(word.text) in folded:
            terms.append(word.text)
        else:
            terms += [part for part in query_words(word.text) if fold(part) in folded]
    return list(dict.fromkeys(term for term in terms if term.strip()))


def mark_terms(text: str, terms) -> str:
    """``text`` escaped, each term in ``<mark>``: ``("审结知识产权案件", ["知识产权"])`` →
    ``"审结<mark>知识产权</mark>案件"``."""
    if not terms:
        return format_html("{}", text)
    parts, last = [], 0
    for start, end, _ in find_spans(fold(text), terms):
        parts.append((text[last:start], text[start:end]))
        last = end
    return format_html_join("", "{}<mark>{}</mark>", parts) + format_html("{}", text[last:])


def mark_sentence(text: str, sentence: str, anchor: str) -> str:
    """``text`` escaped with ``sentence`` in ``<mark id=anchor>`` (the figure's sentence a
    reader followed from a table), or "" when the text does not contain it."""
    start = text.find(sentence) if sentence else -1
    if start < 0:
        return ""
    end = start + len(sentence)
    return format_html(
        '{}<mark class="figure-sentence" id="{}">{}</mark>{}',
        text[:start],
        anchor,
        text[start:end],
        text[end:],
    )


# --- citations ----------------------------------------------------------------------------

# GB/T 7714—2015 document type codes, with [OL] for a resource read online.
TYPE_CODES = {ReportKind.NEWS_REVIEW: "N/OL", ReportKind.WORK_REPORT: "R/OL"}


def citation(report: Report, url: str, section=None, cited_on: date | None = None) -> str:
    """A GB/T 7714 reference for the report, or one of its sections:

    ``呼和浩特市中级人民法院. 践行司法为民 保障公平正义[N/OL]. 内蒙古法制报, 2024-01-26
    [2026-12-02]. https://…/reports/7/#section-2.``

    The court is the author (a byline names the journalist, but readers cite the court's
    account); a section is cited as a part of its report (报告题名: 节标题)."""
    author = report.court.name if report.court else ""
    title = report.title
    if section is not None:
        title = f"{title}: {section_title(section)}"
    code = TYPE_CODES.get(report.kind, "EB/OL")
    published = report.published_on.isoformat() if report.published_on else ""
    where = ", ".join(part for part in (report.source, published) if part)
    cited = (cited_on or date.today()).isoformat()
    head = f"{author}. " if author else ""
    return f"{head}{title}[{code}]. {where + ' ' if where else ''}[{cited}]. {url}."


def neighbours(report: Report):
    """(previous year's report, next year's report) of the same court, published only."""
    if report.court is None or report.year is None:
        return None, None
    same_court = Report.objects.published().for_court(report.court).exclude(pk=report.pk)
    before = same_court.filter(year__lt=report.year).order_by("-year", "-published_on").first()
    after = same_court.filter(year__gt=report.year).order_by("year", "published_on").first()
    return before, after

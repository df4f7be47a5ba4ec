"""Court names as readers type them: 巴彦淖尔中院, 呼市中院, 呼和浩特市中级人民法院 → one court.

Built from the names the resolver reads (CourtName: full name, short name, aliases, former
names — 莱芜中院 finds 济南市中级人民法院's reports), plus slugs, once per content version
(``content_cache``); a name form shared by two courts (市中院) belongs to neither.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from reports.choices import CourtNameKind, ReportStatus
from reports.models import Court, CourtName, name_key
from reports.search.content_cache import PerVersion, content_changed_on_commit
from reports.search.normalize import fold
from reports.search.spelling import Speller

# Shorter forms (法院, 中院) are words, not names.
MIN_FORM_CHARS = 3


class CourtNames:
    def __init__(self, courts):
        """``courts``: (name, its other names best first, slug, province, published reports)."""
        owners = defaultdict(set)
        self.forms: dict[str, tuple[str, ...]] = {}
        self.slugs: dict[str, str] = {}
        self.with_reports: set[str] = set()
        self.provinces: set[str] = set()
        for name, others, slug, province, reports in courts:
            forms = [f for f in dict.fromkeys([name, *others]) if f]
            forms = [f for f in forms if f == name or len(f) >= MIN_FORM_CHARS]
            self.forms[name] = tuple(forms)
            for form in forms:
                owners[fold(form)].add(name)
            if slug:
                self.slugs[slug] = name
            if reports:
                self.with_reports.add(name)
            if province:
                self.provinces.add(province)
        self.by_form = {
            form: next(iter(names)) for form, names in owners.items() if len(names) == 1
        }
        self.longest = max((len(f) for f in self.by_form), default=0)
        self._speller: Speller | None = None  # built on the first "did you mean"

    def find(self, text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
        """Court names in ``text``, longest first, not overlapping (``query.CourtFinder``)."""
        folded = fold(text)
        found = []
        i = 0
        while i < len(folded):
            for size in range(min(self.longest, len(folded) - i), MIN_FORM_CHARS - 1, -1):
                name = self.by_form.get(folded[i : i + size])
                if name:
                    found.append((i, i + size, name, self.forms[name]))
                    i += size
                    break
            else:
                i += 1
        return found

    def resolve(self, value: str) -> str | None:
        """The full name for a filter value: any name form, a slug, or a unique part of a name."""
        value = value.strip()
        if value in self.forms:
            return value
        name = self.by_form.get(fold(value)) or self.slugs.get(value)
        if name:
            return name
        key = name_key(value)
        if not key:
            return None
        matches = CourtName.objects.filter(kind=CourtNameKind.NAME, key__contains=key)
        matches = list(matches.values_list("court__name", flat=True)[:2])
        return matches[0] if len(matches) == 1 else None

    def resolve_province(self, value: str) -> str | None:
        """内蒙古 → 内蒙古自治区."""
        value = value.strip()
        if value in self.provinces:
            return value
        matches = [p for p in self.provinces if value and p.startswith(value)]
        return matches[0] if len(matches) == 1 else None

    def similar(self, text: str) -> str | None:
        """A name form, one edit from ``text``, of a court with published reports (for "did
        you mean": another court would find nothing): 巴彦淖儿中院 → 巴彦淖尔中院."""
        if self._speller is None:
            forms = self.by_form.items()
            self._speller = Speller((f, 1) for f, name in forms if name in self.with_reports)
        close = self._speller.correct(fold(text), limit=1)
        return close[0] if close else None


def load_court_rows() -> list[tuple]:
    """(name, its other names best first, slug, province, published reports) per court."""
    names = defaultdict(list)
    for court_id, name in CourtName.objects.order_by("court_id", "rank", "id").values_list(
        "court_id", "name"
    ):
        names[court_id].append(name)
    published = Count("reports", filter=Q(reports__status=ReportStatus.PUBLISHED))
    courts = Court.objects.annotate(published=published)
    return [
        (name, names[pk], slug, province, reports)
        for pk, name, slug, province, reports in courts.values_list(
            "pk", "name", "slug", "province", "published"
        )
    ]


_court_names = PerVersion("court-names", load_court_rows, CourtNames)


def court_names() -> CourtNames:
    """The names as every server process sees them now (which courts have published reports
    changes with each publication: the "只看 某某法院" offer follows at the next request)."""
    return _court_names.get()


forget_court_names = _court_names.forget


@receiver(post_save, sender=Court, dispatch_uid="search_court_names_saved")
@receiver(post_delete, sender=Court, dispatch_uid="search_court_names_deleted")
def court_saved(**kwargs):
    content_changed_on_commit()

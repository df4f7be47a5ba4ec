"""Autocomplete for the search box: the courts and the named initiatives of published reports.

Every search box carries a ``<datalist>`` of the most covered names (the browser filters it as
the reader types, with no script); ``/api/suggest?q=`` answers from all of them, and the
page script swaps its answer into the list while the reader types.

A court offers each of its names (呼和浩特市中级人民法院, 呼和浩特中院, 呼市中院), an initiative
its canonical name. Names that start with what was typed come first, then names that contain
it; courts before initiatives; then the most reports.

    >>> hohhot = "呼和浩特市中级人民法院"
    >>> completer = Completer([Entry(hohhot, "court", "法院", 2, court=hohhot),
    ...                        Entry("呼市中院", "court", hohhot, 2, court=hohhot, alias=True),
    ...                        Entry("“呼包鄂乌”知识产权司法保护协作机制", "initiative", "工作举措", 1)])
    >>> [e.value for e in completer.complete("呼")]
    ['呼和浩特市中级人民法院', '“呼包鄂乌”知识产权司法保护协作机制']
    >>> [e.value for e in completer.complete("呼市")]
    ['呼市中院']
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from reports.choices import ReportStatus
from reports.models import Court, Initiative
from reports.search.content_cache import PerVersion, content_changed_on_commit
from reports.search.normalize import fold

# The list each search box carries for browsers without script: enough for a regional
# portal's courts, small enough (~15 kB) to send with every page.
DATALIST_SIZE = 200
MAX_SUGGESTIONS = 20


@dataclass(frozen=True)
class Entry:
    value: str  # what goes into the search box
    kind: str  # court / initiative
    label: str  # what the browser shows beside it: the court's full name, "工作举措"
    reports: int  # published reports it appears in (the weight)
    url: str = ""  # where it leads directly (a court's page)
    court: str = ""  # a court's full name, for each of its names
    alias: bool = False  # neither the court's full name nor its short name


class Completer:
    def __init__(self, entries):
        entries = list(dict.fromkeys(entries))
        seen = set()
        self.entries = []
        for entry in sorted(entries, key=self._weight):
            if fold(entry.value) not in seen:  # one entry per name, the heaviest
                seen.add(fold(entry.value))
                self.entries.append(entry)
        self.folded = [fold(e.value) for e in self.entries]

    @staticmethod
    def _weight(entry: Entry):
        # A court's full name and short name before its aliases (a directory court may
        # have five: 呼市中院, 呼和浩特市中院 …).
        return (entry.kind != "court", -entry.reports, bool(entry.alias), len(entry.value))

    def complete(self, typed: str, limit: int = 10) -> list[Entry]:
        """Entries whose name starts with ``typed``, then those containing it."""
        typed = fold("".join(typed.split()))
        if not typed:
            return self.entries[:limit]
        starting, containing = [], []
        for entry, folded in zip(self.entries, self.folded, strict=True):
            # Quotation and title marks are not typed: “呼包鄂乌” starts with 呼包.
            bare = folded.lstrip("“‘「《\"'")
            if bare.startswith(typed):
                starting.append(entry)
            elif typed in folded:
                containing.append(entry)
            if len(starting) >= limit:
                break
        found = starting + containing
        # An alias only when it is the court's one name that matches what was typed.
        named = {e.court for e in found if e.court and not e.alias}
        return [e for e in found if not (e.alias and e.court in named)][:limit]

    def datalist(self, size: int = DATALIST_SIZE) -> list[Entry]:
        """Full and short names first, then initiatives, then aliases while room is left."""
        return sorted(self.entries, key=lambda e: bool(e.alias))[:size]


def load_entries() -> list[Entry]:
    """Courts with published reports (every name form) and the canonical names of the
    initiatives of published reports."""
    entries = []
    for court in Court.objects.covered():
        forms = [court.name, court.short_name, *(a for a in court.aliases or () if a)]
        url = court.get_absolute_url() if court.slug else ""
        for form in dict.fromkeys(f for f in forms if isinstance(f, str) and f.strip()):
            label = "法院" if form == court.name else court.name
            alias = form not in (court.name, court.short_name)
            reports = court.published_reports
            entries.append(Entry(form, "court", label, reports, url, court.name, alias))
    initiatives = (
        Initiative.objects.filter(report__status=ReportStatus.PUBLISHED)
        .exclude(canonical_name="")
        .values("canonical_name")
        .annotate(reports=Count("report", distinct=True))
    )
    for row in initiatives:
        entries.append(Entry(row["canonical_name"], "initiative", "工作举措", row["reports"]))
    return entries


_completer = PerVersion("autocomplete", load_entries, Completer)


def completer() -> Completer:
    """The completer of the published content as every server process sees it now."""
    return _completer.get()


forget = _completer.forget


@receiver(post_save, sender=Court, dispatch_uid="autocomplete_court_saved")
@receiver(post_save, sender=Initiative, dispatch_uid="autocomplete_initiative_saved")
@receiver(post_delete, sender=Initiative, dispatch_uid="autocomplete_initiative_deleted")
def content_saved(**kwargs) -> None:
    """A rename or an edited initiative shows in the next suggestions on every worker (reports
    themselves: ``signals.py``, which sees every publication and withdrawal)."""
    if not kwargs.get("raw"):
        content_changed_on_commit()

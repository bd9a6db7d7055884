"""Search across contacts, companies, opportunities and interactions.

Plain case-insensitive substring matching (LIKE / ILIKE) on a few columns, each kind capped at LIMIT rows (one
more is read to know whether a "more" link is due) and ordered along an index, so the cost stays bounded on
SQLite and PostgreSQL alike. `?kind=X` lists one kind in full, PAGE_SIZE a page. Interaction summaries (200,000
of them) are matched through a trigram index: FTS5 on SQLite, pg_trgm on PostgreSQL (migration web.0001); so are
contact names, addresses, company names and job titles (SQLite: web.0003, for a rare term; PostgreSQL: web.0002,
jobs.0003). A query that is a phone number also finds the contact whose E.164 number it is, however it was typed.

Hits are named tuples read with values_list() and links are built once per kind (links.maker): no model
instances and no reverse() per row.
"""

import json
from typing import NamedTuple

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

from keepwarm.jobs.models import Opportunity, Stage
from keepwarm.lib.phones import try_e164
from keepwarm.people.models import Company, Contact, ContactEmail, ContactPhone
from keepwarm.timeline.models import Channel, Interaction, Participant

from .links import maker

LIMIT = 10  # hits per kind on the search page
PAGE_SIZE = 50  # hits per page when one kind is listed in full
KINDS = ("contacts", "companies", "opportunities", "interactions")
MIN_LENGTH = 2
# On SQLite, touches are found through the FTS index newest-logged first, up to this many, then ordered by when
# they happened (see _interaction_ids).
FTS_CAP = 500
FTS_CAP_FULL = 5000  # the same when one kind is listed in full
_FTS: dict[str, bool] = {}
# Above this many matches in a trigram index (web.0003) a term is common: scanning in index order finds a page
# of matches sooner than sorting them all (measured at full size: 900 name matches, 9 ms sorted, 3.5 ms scanned;
# the two cost about the same near 300).
FTS_ID_CAP = 300
_PG_INDEXES: dict[str, bool] = {}
# PostgreSQL trigram indexes that make asking each side of a match apart pay (see _either).
CONTACT_INDEXES = ("web_contact_name_trgm", "web_contactemail_address_trgm")  # web.0002
JOB_INDEXES = ("jobs_opportunity_title_trgm",)  # jobs.0003
_STAGES = dict(Stage.choices)
_CHANNELS = dict(Channel.choices)


class ContactHit(NamedTuple):
    id: int
    name: str
    company_name: str | None
    url: str


class CompanyHit(NamedTuple):
    id: int
    name: str
    url: str


class OpportunityHit(NamedTuple):
    id: int
    title: str
    company_name: str | None
    stage: str
    stage_label: str
    url: str


class TouchHit(NamedTuple):
    id: int
    happened_at: object  # aware datetime; the template shows it in the user's zone
    channel_label: str
    summary: str
    people: list  # [(name, url)] of the contacts who took part


def has_fts(table: str = "web_interaction_fts") -> bool:
    """Whether SQLite's trigram index `table` exists: migrations web.0001 (touches) and web.0003 (contact names,
    addresses, companies, job titles) build them only where FTS5 has the trigram tokenizer."""
    if table not in _FTS:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [table])
            _FTS[table] = cursor.fetchone() is not None
    return _FTS[table]


def _phrase(q: str) -> str:
    return '"' + q.replace('"', '""') + '"'  # a quoted phrase of trigrams: an indexed substring match


def _indexed(table: str, q: str) -> bool:
    """Whether q can be looked up in SQLite's trigram index `table` (trigrams need three characters)."""
    return connection.vendor == "sqlite" and len(q) >= 3 and has_fts(table)


def _fts_rowids(table: str, q: str) -> list[int] | None:
    """Rowids whose indexed text contains q, from SQLite's trigram index `table` (any owner's: the caller filters);
    None when there are more than FTS_ID_CAP: a common term, whose matches a scan in index order finds sooner."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH %s LIMIT %s", [_phrase(q), FTS_ID_CAP + 1])
        ids = [row[0] for row in cursor.fetchall()]
    return None if len(ids) > FTS_ID_CAP else ids


def _in(ids: list[int]) -> RawSQL:
    """An id list as one parameter (a JSON array), whatever its length: for `field__in=`."""
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))


def could_be_in_an_email(q: str) -> bool:
    """Whether q could be part of an email address; if not (a space, a comma, a quote…), the scan over every
    address is skipped. Generous on purpose: anything printable but those separators may appear."""
    return not any(ch.isspace() or ch in '",;:<>()[]\\' for ch in q)


def trigram_indexes(*names: str) -> bool:
    """Whether all these PostgreSQL indexes exist (looked up once per process)."""
    missing = [name for name in names if name not in _PG_INDEXES]
    if missing:
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s)", [missing])
            for (name,) in cursor.fetchall():
                _PG_INDEXES[name] = True
        for name in missing:
            _PG_INDEXES.setdefault(name, False)
    return all(_PG_INDEXES[name] for name in names)


def _either(ordered, sides: list[Q], stop: int, q: str, indexes: tuple[str, ...]) -> Q:
    """Rows of `ordered` matching any of `sides`, as a condition that makes the first `stop` rows cheap to find.

    Plainly an OR. On PostgreSQL with the trigram indexes, each side becomes its own LIMITed sub-select instead:
    "name LIKE … OR id IN (emails LIKE …)" makes PostgreSQL read every contact and every address (~30–60 ms at
    20,000 contacts), while apart each side uses its trigram index (or, for a common term, a scan in index order
    that stops early). The first `stop` of the union are among the first `stop` of each side. On SQLite the OR is
    as fast (its scan in name or date order stops early); without the indexes, or under three characters
    (trigrams need three), two scans would cost twice one."""
    if connection.vendor == "postgresql" and len(q) >= 3 and trigram_indexes(*indexes):
        # One UNION ALL of the sides' first ids: the planner then sees a handful of ids to look up, where
        # "IN (side 1) OR IN (side 2)" made it walk every row in name order probing both.
        first = [ordered.filter(side).values("id")[:stop] for side in sides]
        return Q(id__in=first[0].union(*first[1:], all=True))
    match = sides[0]
    for side in sides[1:]:
        match |= side
    return match


def _contact_sides(user, q: str) -> list[Q]:
    """How a contact matches q by name or email address.

    SQLite with the trigram indexes (web.0003): a rare term's few matches come from the indexes (a LIKE over all
    24,000 addresses cost ~4.5 ms, the index ~0.1 ms); a common term's many matches are dense, so the scan in name
    order finds a page within a few hundred contacts, testing each one's own addresses through their index.
    Elsewhere a LIKE on each side (PostgreSQL's trigram indexes serve it, see _either)."""
    if _indexed("web_contact_fts", q):
        names = _fts_rowids("web_contact_fts", q)
        emails = _fts_rowids("web_contactemail_fts", q) if could_be_in_an_email(q) else []
        if names is not None and emails is not None:
            by_address = ContactEmail.objects.filter(id__in=_in(emails)).values("contact_id")
            return [Q(id__in=_in(names)), Q(id__in=by_address)]
        by_address = ContactEmail.objects.filter(contact_id=OuterRef("pk"), address__icontains=q)
        return [Q(name__icontains=q) | Q(Exists(by_address))]
    sides = [Q(name__icontains=q)]
    if could_be_in_an_email(q):
        sides.append(Q(id__in=ContactEmail.objects.filter(owner=user, address__icontains=q).values("contact_id")))
    return sides


def _company_match(user, q: str) -> Q:
    """Companies whose name contains q: through SQLite's trigram index when the term is rare (see above)."""
    ids = _fts_rowids("web_company_fts", q) if _indexed("web_company_fts", q) else None
    return Q(id__in=_in(ids)) if ids is not None else Q(name__icontains=q)


def _contacts(user, q, region, start, stop):
    url = maker("web:contact")
    contacts = Contact.objects.filter(owner=user).order_by("name", "id")
    sides = _contact_sides(user, q)
    phone = try_e164(q, region) if sum(ch.isdigit() for ch in q) >= 7 else None
    if phone:
        sides.append(Q(id__in=ContactPhone.objects.filter(owner=user, e164=phone).values("contact_id")))
    rows = contacts.filter(_either(contacts, sides, stop, q, CONTACT_INDEXES)).values_list("id", "name", "company__name")
    return [ContactHit(pk, name, company, url(pk)) for pk, name, company in rows[start:stop]]


def _companies(user, q, region, start, stop):
    url = maker("web:company")
    rows = Company.objects.filter(_company_match(user, q), owner=user).order_by("name", "id").values_list("id", "name")
    return [CompanyHit(pk, name, url(pk)) for pk, name in rows[start:stop]]


def _opportunities(user, q, region, start, stop):
    url = maker("web:opportunity")
    jobs = Opportunity.objects.filter(owner=user).order_by("-updated_at", "-id")
    # Companies matched first (2,000 names, an index-only scan): testing each job's company through the join
    # costs twice as much.
    titles = _fts_rowids("web_opportunity_fts", q) if _indexed("web_opportunity_fts", q) else None
    sides = [Q(id__in=_in(titles)) if titles is not None else Q(title__icontains=q),
             Q(company_id__in=Company.objects.filter(_company_match(user, q), owner=user).values("id"))]
    rows = jobs.filter(_either(jobs, sides, stop, q, JOB_INDEXES)).values_list("id", "title", "company__name", "stage")
    return [OpportunityHit(pk, title, company, stage, _STAGES.get(stage, stage), url(pk))
            for pk, title, company, stage in rows[start:stop]]


def _interaction_ids(user, q: str, cap: int):
    """The user's interactions whose summary contains q, as a queryset (not yet ordered or sliced).

    SQLite: the FTS index gives the `cap` newest-logged matches of this owner (it reads in rowid order and stops),
    and the outer query orders those few by date. Asking instead for "owner = ? AND id IN (all matches) ORDER BY
    happened_at" lets SQLite walk all 200,000 touches by date, probing each (30–100 ms whatever the term): so the
    owner is checked inside the sub-select, where the planner cannot take it as a reason to scan.
    PostgreSQL: the pg_trgm index on UPPER(summary) serves icontains, and its planner picks well."""
    if len(q) < 3:
        return Interaction.objects.none()  # trigram indexes need three characters; two would mean scanning all
    if connection.vendor == "sqlite" and has_fts():
        phrase = _phrase(q)
        newest = RawSQL(
            "SELECT f.rowid FROM web_interaction_fts f JOIN timeline_interaction i ON i.id = f.rowid "
            "WHERE web_interaction_fts MATCH %s AND i.owner_id = %s ORDER BY f.rowid DESC LIMIT %s",
            (phrase, user.id, cap),
        )
        return Interaction.objects.filter(id__in=newest)
    return Interaction.objects.filter(owner=user, summary__icontains=q)


def _interactions(user, q, region, start, stop, cap=None):
    rows = list(_interaction_ids(user, q, cap or FTS_CAP).order_by("-happened_at", "-id")
                .values_list("id", "happened_at", "channel", "summary")[start:stop])
    people: dict[int, list] = {}
    if rows:
        url = maker("web:contact")
        for interaction_id, contact_id, name in (
            # Owner checked through the interaction: "participant.owner_id = ?" makes SQLite (without ANALYZE
            # statistics) walk all 260,000 of the owner's participant rows instead of the 10 interactions' few.
            Participant.objects.filter(interaction_id__in=[r[0] for r in rows], interaction__owner=user)
            .order_by("contact__name", "contact_id").values_list("interaction_id", "contact_id", "contact__name")
        ):
            people.setdefault(interaction_id, []).append((name, url(contact_id)))
    return [TouchHit(pk, at, _CHANNELS.get(channel, channel), summary, people.get(pk, []))
            for pk, at, channel, summary in rows]


_FINDERS = {"contacts": _contacts, "companies": _companies, "opportunities": _opportunities,
            "interactions": _interactions}


def _empty(q: str, too_short: bool) -> dict:
    return {"q": q, **{kind: [] for kind in KINDS}, "more": {}, "too_short": too_short}


def search(user, q: str, region: str = "US", limit: int | None = None) -> dict:
    """Up to `limit` (LIMIT) hits of each kind; results["more"][kind] is True when that kind has more."""
    limit = limit or LIMIT
    q = (q or "").strip()
    if len(q) < MIN_LENGTH:
        return _empty(q, bool(q))
    results = _empty(q, False)
    for kind, find in _FINDERS.items():
        hits = find(user, q, region, 0, limit + 1)
        results[kind], results["more"][kind] = hits[:limit], len(hits) > limit
    return results


def search_kind(user, q: str, kind: str, region: str = "US", page: int = 1) -> dict:
    """One kind's hits in full, PAGE_SIZE a page (no count: a next page is offered when one more row exists)."""
    q = (q or "").strip()
    if len(q) < MIN_LENGTH:
        return {**_empty(q, bool(q)), "kind": kind, "page": 1, "has_next": False}
    page = max(1, page)
    start = (page - 1) * PAGE_SIZE
    extra = {"cap": FTS_CAP_FULL} if kind == "interactions" else {}
    hits = _FINDERS[kind](user, q, region, start, start + PAGE_SIZE + 1, **extra)
    results = _empty(q, False)
    results[kind] = hits[:PAGE_SIZE]
    return {**results, "kind": kind, "page": page, "has_next": len(hits) > PAGE_SIZE}

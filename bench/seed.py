"""Seed one user with a large, realistic data set, fast (bulk inserts in batches).

    seed(user, contacts=20000, opportunities=5000, interactions=200000, seed=1) -> dict of row counts

Everything is spread over the two years before `now`: jobs in every stage (on hold with and without a revisit
date), their stage history, the people on them with roles, interviews with interviewers, touches in every
channel and both directions (Participant rows carry the copied time and direction, as log_interaction does),
contacts with emails, E.164 phones, social profiles, topics and some cadences, and a few of the user's own
reminders. Rule-made follow-ups are left to the engine (`followups.services.refresh`).

Use from another bench:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent)); from bench.seed import seed
Run on its own (migrates the database named by KEEPWARM_DATA_DIR / DATABASE_URL, creates user `bench`):
    python bench/seed.py --scale 0.1
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

BATCH = 2000  # rows per bulk_create; Django lowers it further on SQLite (999 variables per statement)

FIRST = ["Dana", "Amy", "Luis", "Priya", "Tom", "Grace", "Omar", "Keiko", "Sam", "Nina", "Ravi", "Olga", "Ben",
         "Chloe", "Mateo", "Fatima", "Jon", "Wei", "Sara", "Kofi", "Irene", "Pablo", "Hana", "Marcus", "Lena"]
LAST = ["Whitfield", "Nguyen", "Garcia", "Patel", "Smith", "Okafor", "Kim", "Rossi", "Novak", "Haddad", "Berg",
        "Silva", "Cohen", "Moreau", "Tanaka", "Brooks", "Ivanova", "Walsh", "Mendez", "Osei", "Larsen", "Quinn"]
WORDS = ["Sugar Glider", "Acme", "Northwind", "Blue Heron", "Prairie", "Lakeside", "Summit", "Maple", "Harbor",
         "Copper", "Pioneer", "Redwood", "Silverline", "Granite", "Meadow", "Beacon", "Orchard", "Riverbend"]
KINDS = ["Co.", "Labs", "Logistics", "Health", "Retail", "Systems", "Foods", "Pets", "Studio", "Partners"]
TITLES = ["Breeder assistant", "IT support technician", "Help desk analyst", "Office manager", "Data analyst",
          "Warehouse associate", "Junior developer", "Customer success rep", "Network administrator",
          "Receptionist", "Bookkeeper", "Veterinary assistant", "Sales associate", "QA tester", "Project coordinator"]
ROLES_TITLES = ["Hiring manager", "Recruiter", "Office manager", "Team lead", "HR generalist", "Owner", "CTO", ""]
TOPICS = ["breeds sugar gliders", "new joeys this spring", "training for a 10k", "daughter started college",
          "into sourdough baking", "restoring a 1968 Mustang", "Cubs fan", "learning Portuguese",
          "volunteers at the animal shelter", "just moved to Evanston", "plays in a bluegrass band", "avid birder"]
AREAS = ["312", "773", "212", "415", "617", "206", "512", "303", "404", "646"]
SOURCES = ["craigslist", "job_board", "referral", "company_site", "recruiter", "other"]
BOARDS = ["Indeed", "Dice", "Monster", "LinkedIn Jobs", "ZipRecruiter"]
CHANNELS = [("email", 45), ("phone", 12), ("text", 10), ("social", 12), ("video", 8), ("in_person", 6), ("letter", 1)]
NETWORKS = ["linkedin", "facebook", "x", "instagram", "github", "mastodon", "whatsapp"]
# A job's life: the happy path, and where it may stop.
PATH = ["saved", "applied", "screening", "interviewing", "shortlisted", "final_interview", "offer", "hired"]
STOPS = [("applied", 22), ("screening", 4), ("interviewing", 6), ("shortlisted", 2), ("final_interview", 3),
         ("offer", 1), ("hired", 1), ("on_hold", 8), ("rejected", 25), ("withdrawn", 5), ("ghosted", 15),
         ("saved", 8)]


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keepwarm.settings")
    import django

    django.setup()


def _pick(rng, weighted):
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _stage_path(rng) -> list[str]:
    """The stages one job went through, ending in one drawn from STOPS."""
    stop = _pick(rng, STOPS)
    if stop in PATH:
        return PATH[: PATH.index(stop) + 1]
    # on hold / rejected / withdrawn / ghosted branch off somewhere along the way
    reached = {"ghosted": 2, "withdrawn": rng.randint(2, 5)}.get(stop, rng.randint(3, 6))
    return PATH[:reached] + [stop]


RAW_BATCH = 400  # rows per raw INSERT: 11 columns x 400 stays far below SQLite's and PostgreSQL's limits
INTERACTION_COLUMNS = ["owner_id", "channel", "network", "direction", "happened_at", "summary", "body",
                       "opportunity_id", "origin", "external_id", "created_at"]
PARTICIPANT_COLUMNS = ["owner_id", "interaction_id", "contact_id", "happened_at", "direction"]


def _insert_returning(model, columns, rows) -> list[int]:
    """INSERT rows (already adapted for the database) and return their ids, in order."""
    from django.db import connection

    ids = []
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), RAW_BATCH):
            part = rows[start:start + RAW_BATCH]
            cursor.execute(f"INSERT INTO {table} ({cols}) VALUES {', '.join([one] * len(part))} RETURNING id",
                           [v for row in part for v in row])
            ids.extend(r[0] for r in cursor.fetchall())
    return ids


def _bulk(model, rows):
    model.objects.bulk_create(rows, batch_size=BATCH)
    return rows


def seed(user, contacts=20000, opportunities=5000, interactions=200000, seed=1, now=None) -> dict:
    """Fill `user`'s data with the given numbers of contacts, jobs and touches; return the row counts.
    Deterministic for a given seed and now. Run once per user (external ids are per-seed)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from keepwarm.followups.models import FollowUp, FollowUpOrigin, State
    from keepwarm.jobs.models import Interview, Opportunity, OpportunityContact, StageChange
    from keepwarm.people.models import Company, Contact, ContactEmail, ContactPhone, SocialProfile
    from keepwarm.timeline.models import Interaction, Participant

    rng = random.Random(seed)
    now = now or timezone.now()
    start = now - dt.timedelta(days=730)
    span = (now - start).total_seconds()

    def moment(lo=None, hi=None):
        lo, hi = lo or start, hi or now
        return lo + dt.timedelta(seconds=rng.random() * max(0.0, (hi - lo).total_seconds()))

    counts = {}
    if connection.vendor == "sqlite":
        # The whole seed is one transaction: a page cache that holds it avoids spilling pages mid-way.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -400000")  # KiB
    with transaction.atomic():
        # 1. Companies, each with its mail domain.
        n_companies = max(3, contacts // 10)
        companies = _bulk(Company, [
            Company(owner=user, name=f"{rng.choice(WORDS)} {rng.choice(KINDS)} {i}",
                    website=f"https://co{i}.example.com", email_domains=[f"co{i}.example.com"],
                    notes="" if rng.random() < 0.8 else "Met their team at a job fair.")
            for i in range(n_companies)
        ])

        # 2. Contacts and every way to reach them.
        people = []
        for i in range(contacts):
            company = rng.choice(companies) if rng.random() < 0.85 else None
            people.append(Contact(
                owner=user, name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}", company=company,
                role=rng.choice(ROLES_TITLES), how_met=rng.choice(["", "job fair", "Craigslist ad", "LinkedIn",
                                                                   "a friend's referral", "interview"]),
                topics=rng.sample(TOPICS, k=rng.choice([0, 0, 1, 1, 2, 3])),
                cadence_days=rng.choice([30, 60, 90]) if rng.random() < 0.05 else None,
            ))
        _bulk(Contact, people)
        emails, phones, socials = [], [], []
        for i, c in enumerate(people):
            domain = c.company.email_domains[0] if c.company else "gmail.com"
            emails.append(ContactEmail(owner=user, contact=c, address=f"person{i}@{domain}", primary=True))
            if rng.random() < 0.2:
                emails.append(ContactEmail(owner=user, contact=c, address=f"person{i}.home@gmail.com"))
            if rng.random() < 0.6:
                phones.append(ContactPhone(owner=user, contact=c, label=rng.choice(["mobile", "work", ""]),
                                           e164=f"+1{rng.choice(AREAS)}55501{rng.randint(0, 99):02d}"))
            for network in rng.sample(NETWORKS, k=rng.choice([0, 0, 1, 1, 2])):
                socials.append(SocialProfile(owner=user, contact=c, network=network, handle=f"person{i}"))
        _bulk(ContactEmail, emails)
        _bulk(ContactPhone, phones)
        _bulk(SocialProfile, socials)

        # 3. Jobs, each with its stage history, its people and its interviews.
        jobs, changes, roles, interviews, panel = [], [], [], [], []
        job_people: list[list] = []
        for i in range(opportunities):
            created = moment(hi=now - dt.timedelta(days=1))
            path = _stage_path(rng)
            times, t = [], created
            for _ in path:
                times.append(t)
                t = min(now, t + dt.timedelta(days=rng.uniform(1, 14)))
            stage, at = path[-1], times[-1]
            revisit = None
            if stage == "on_hold" and rng.random() < 0.7:
                revisit = (at + dt.timedelta(days=rng.randint(30, 120))).date()
            source = rng.choice(SOURCES)
            company = rng.choice(companies)
            jobs.append(Opportunity(
                owner=user, title=f"{rng.choice(TITLES)} #{i}", company=company, source=source,
                source_name=rng.choice(BOARDS) if source == "job_board" else "",
                posting_url=f"https://jobs.example.com/{i}", location=rng.choice(["Chicago, IL", "Remote", ""]),
                salary_text=rng.choice(["", "$18/hour", "$55k-65k", "DOE"]), stage=stage, stage_changed_at=at,
                revisit_on=revisit, created_at=created,
                next_step="Wait for their call" if stage not in ("rejected", "ghosted", "withdrawn") else "",
            ))
            history = list(zip(["", *path[:-1]], path, times))
            job_people.append((history, rng.sample(people, k=rng.choice([0, 1, 1, 2, 2, 3]))))
        _bulk(Opportunity, jobs)
        for job, (history, members) in zip(jobs, job_people):
            for from_stage, to_stage, at in history:
                changes.append(StageChange(owner=user, opportunity=job, from_stage=from_stage, to_stage=to_stage,
                                           at=at, revisit_on=job.revisit_on if to_stage == "on_hold" else None))
            for n, c in enumerate(members):
                role = "hiring_manager" if n == 0 else rng.choice(["interviewer", "recruiter", "referrer", "other"])
                roles.append(OpportunityContact(owner=user, opportunity=job, contact=c, role=role,
                                                keep_in_touch=job.stage == "rejected" and rng.random() < 0.3))
            for from_stage, to_stage, at in history:
                if to_stage in ("screening", "interviewing", "final_interview"):
                    interviews.append((Interview(
                        owner=user, opportunity=job, starts_at=at + dt.timedelta(days=rng.randint(1, 5)),
                        minutes=rng.choice([30, 45, 60]),
                        format={"screening": "phone", "interviewing": "video"}.get(to_stage, "on-site"),
                        where=rng.choice(["", "https://meet.example.com/abc", "123 Main St"]),
                        outcome=rng.choice(["", "went well", "asked about availability"]),
                        cancelled=rng.random() < 0.03,
                    ), members))
        _bulk(StageChange, changes)
        _bulk(OpportunityContact, roles)
        _bulk(Interview, [iv for iv, _ in interviews])
        Through = Interview.interviewers.through
        _bulk(Through, [Through(interview_id=iv.id, contact_id=c.id) for iv, members in interviews for c in members])

        # 4. Touches: a few contacts get many (squared draw), most get few; a third tied to one of their jobs.
        #    These two tables hold nine rows in ten, so they skip the ORM's per-value preparation (raw INSERT …
        #    RETURNING id, which SQLite >= 3.35 and PostgreSQL both support, in insertion order).
        jobs_of: dict[int, list] = {}
        for r in roles:
            jobs_of.setdefault(r.contact_id, []).append(r.opportunity)
        channel_w = [w for _, w in CHANNELS]
        channel_v = [c for c, _ in CHANNELS]
        adapt = connection.ops.adapt_datetimefield_value
        created = adapt(now)
        done, n_participants = 0, 0
        while done < interactions:
            chunk = min(RAW_BATCH, interactions - done)
            rows, groups = [], []
            for k in range(chunk):
                i = done + k
                first = people[int(contacts * rng.random() ** 2)]
                group = [first.id] if rng.random() < 0.85 else [first.id, *(c.id for c in rng.sample(people, k=2))]
                group = list(dict.fromkeys(group))
                channel = rng.choices(channel_v, weights=channel_w)[0]
                opp = None
                if rng.random() < 0.33 and first.id in jobs_of:
                    opp = rng.choice(jobs_of[first.id])
                when = moment(lo=opp.created_at) if opp else start + dt.timedelta(seconds=rng.random() * span)
                origin = rng.choice(["manual", "manual", "imported", "synced"])
                direction = rng.choice(["in", "out"])
                rows.append((
                    user.id, channel, rng.choice(NETWORKS) if channel == "social" else "", direction, adapt(when),
                    f"{channel} touch {i}", "" if rng.random() < 0.7 else "Thanks for your time!",
                    opp.id if opp else None, origin, f"seed{seed}:{i}" if origin != "manual" else "", created,
                ))
                groups.append(group)
            ids = _insert_returning(Interaction, INTERACTION_COLUMNS, rows)
            parts = [(user.id, iid, cid, row[4], row[3]) for iid, row, group in zip(ids, rows, groups) for cid in group]
            _insert_returning(Participant, PARTICIPANT_COLUMNS, parts)
            n_participants += len(parts)
            done += chunk

        # 5. A few of the user's own reminders, in every state.
        reminders = []
        for i in range(max(5, opportunities // 25)):
            state = rng.choice(["open", "open", "done", "snoozed", "dismissed"])
            due = (now + dt.timedelta(days=rng.randint(-30, 30))).date()
            reminders.append(FollowUp(
                owner=user, due_on=due, contact=rng.choice(people) if people else None, kind="custom",
                reason=f"Reminder {i}: send the portfolio link", state=state, origin=FollowUpOrigin.USER,
                snoozed_until=due + dt.timedelta(days=7) if state == State.SNOOZED else None,
                created_at=now - dt.timedelta(days=rng.randint(1, 60)),
                closed_at=now if state in ("done", "dismissed") else None,
            ))
        _bulk(FollowUp, reminders)

    counts.update(companies=len(companies), contacts=len(people), emails=len(emails), phones=len(phones),
                  socials=len(socials), opportunities=len(jobs), stage_changes=len(changes),
                  opportunity_contacts=len(roles), interviews=len(interviews), interactions=interactions,
                  participants=n_participants, followups=len(reminders))
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(description="Seed one user with a large data set.")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 20k contacts, 5k jobs, 200k touches")
    parser.add_argument("--user", default="bench", help="user to seed (created when missing)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    _setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from keepwarm.accounts.services import create_user

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.filter(username=args.user).first() or create_user(args.user)
    t0 = time.perf_counter()
    counts = seed(user, contacts=int(20000 * args.scale), opportunities=int(5000 * args.scale),
                  interactions=int(200000 * args.scale), seed=args.seed)
    elapsed = time.perf_counter() - t0
    for name, n in counts.items():
        print(f"{name:>22} {n:>9,}")
    print(f"{'seeded in':>22} {elapsed:>8.1f}s")


if __name__ == "__main__":
    main()

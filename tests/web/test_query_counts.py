"""Each page's query count is the same at one tenth of the data and at full size (of this test's data set):
no page loops over rows with a query each, so it stays fast at 20,000 contacts."""

import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from keepwarm.accounts.services import create_user
from keepwarm.jobs.models import Opportunity
from keepwarm.people.models import Company, Contact

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.seed import seed  # noqa: E402

FULL = dict(contacts=2000, opportunities=500, interactions=20000)


def _pages(user):
    busy = Contact.objects.filter(owner=user).annotate(n=Count("participations")).order_by("-n").first()
    job = Opportunity.objects.filter(owner=user, people__isnull=False).order_by("id").first()
    company = Company.objects.filter(owner=user).annotate(n=Count("contacts")).order_by("-n").first()
    return {
        "today": reverse("web:today"),
        "board": reverse("web:board"),
        "board filtered": reverse("web:board") + "?q=assistant&source=job_board",
        "contact": reverse("web:contact", args=[busy.id]),
        "opportunity": reverse("web:opportunity", args=[job.id]),
        "company": reverse("web:company", args=[company.id]),
        "contacts": reverse("web:contacts") + "?page=2",
        "companies": reverse("web:companies"),
        "search": reverse("web:search") + "?q=Dana",
        "search phone": reverse("web:search") + "?q=312 555 0142",
        "quick log": reverse("web:quick-log"),
        "settings": reverse("web:settings"),
    }


def _counts(client, user):
    client.force_login(user)
    counts = {}
    for name, url in _pages(user).items():
        client.get(url)  # first visit: Today's engine stores new follow-ups; measure the steady state
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url)
        counts[name] = len(queries)
    return counts


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_data(client):
    small_user = create_user("small", password="x-long-password-1")
    full_user = create_user("full", password="x-long-password-2")
    seed(small_user, **{k: v // 10 for k, v in FULL.items()}, seed=3)
    seed(full_user, **FULL, seed=4)
    if connection.vendor == "postgresql":
        # The seeded rows are this test's uncommitted transaction, which autovacuum never sees: without statistics
        # the planner may pick a plan that takes minutes over 20,000 touches (it did, once). ANALYZE counts the
        # transaction's own rows, as autovacuum would count them once committed in a real database.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    small, full = _counts(client, small_user), _counts(client, full_user)
    assert small == full, f"query counts differ (one tenth vs full): {small} vs {full}"
    assert max(full.values()) < 40, full

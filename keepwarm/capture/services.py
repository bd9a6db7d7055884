"""Capturing a posting: fetch or read it, parse it, save it as a saved opportunity (or update the one
captured before), and run the scam check on it."""

import dataclasses
import logging
import secrets

from django.db import transaction
from django.utils import timezone

from keepwarm.jobs.models import Opportunity
from keepwarm.jobs.services import create_opportunity
from keepwarm.lib.errors import InputError
from keepwarm.people.services import get_or_create_company

from .models import CaptureToken, digest
from .posting import Posting
from .sources import host_of

FETCH_TIMEOUT = 10.0
logger = logging.getLogger(__name__)


@dataclasses.dataclass
class CaptureResult:
    posting: Posting
    opportunity: Opportunity | None
    action: str  # "created", "updated", "would create", "would update"
    scam: object = None
    scam_note: str = ""

    def as_dict(self) -> dict:
        return {
            "action": self.action, "opportunity_id": self.opportunity.id if self.opportunity else None,
            "posting": self.posting.as_dict(), "scam_check": self.scam_note,
        }


def fetch_url(url: str) -> tuple[str, str]:
    """(html, final url). One clear line when the machine is offline or the page will not come."""
    import httpx

    try:
        response = httpx.get(url, timeout=FETCH_TIMEOUT, follow_redirects=True,
                             headers={"User-Agent": "keepwarm (job posting capture)", "Accept": "text/html,*/*"})
    except httpx.InvalidURL:
        raise InputError("url", url, "not a valid URL") from None
    except httpx.TimeoutException:
        raise InputError("url", url, f"no answer within {FETCH_TIMEOUT:.0f} s (offline?)") from None
    except httpx.HTTPError as exc:
        raise InputError("url", url, f"could not fetch the page (offline?): {type(exc).__name__}") from None
    if response.status_code >= 400:
        raise InputError("url", url, f"the site answered HTTP {response.status_code}")
    kind = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
    if not (kind.startswith("text/") or "html" in kind or "xml" in kind):
        raise InputError("url", url, f"not a web page ({kind})")
    return response.text, str(response.url)


def find_existing(owner, posting: Posting) -> Opportunity | None:
    if not posting.posting_key:
        return None
    return Opportunity.objects.filter(owner=owner, posting_key=posting.posting_key).order_by("id").first()


@transaction.atomic
def save_posting(owner, posting: Posting, *, dry_run: bool = False, now=None) -> CaptureResult:
    """Create a saved opportunity, or update the one with the same posting key (never a second row)."""
    existing = find_existing(owner, posting)
    if dry_run:
        return CaptureResult(posting, existing, "would update" if existing else "would create")
    now = now or timezone.now()
    if existing is None:
        opp = create_opportunity(
            owner, posting.title, company=posting.company, source=posting.source, source_name=posting.source_name,
            url=posting.url, stage="saved", location=posting.location[:200], salary_text=posting.salary[:200],
            posting_text=posting.description, notes=posting.details_line(), at=now,
        )
        action = "created"
    else:
        opp = existing
        opp.title = posting.title
        opp.company = get_or_create_company(owner, posting.company) or opp.company
        for field, value in (("source", posting.source), ("source_name", posting.source_name),
                             ("posting_url", posting.url), ("location", posting.location[:200]),
                             ("salary_text", posting.salary[:200]), ("posting_text", posting.description)):
            if value:
                setattr(opp, field, value)
        if not opp.notes:
            opp.notes = posting.details_line()
        action = "updated"
    opp.posting_key = posting.posting_key
    opp.save()
    _remember_company_site(opp, posting)
    result = CaptureResult(posting, opp, action)
    result.scam, result.scam_note = run_scam_check(opp)
    return result


def _remember_company_site(opp: Opportunity, posting: Posting) -> None:
    company = opp.company
    if company is None or not posting.company_website.startswith("http"):
        return
    changed = False
    if not company.website:
        company.website, changed = posting.company_website[:500], True
    domain = host_of(posting.company_website)
    if domain and domain not in company.email_domains and "." in domain:
        company.email_domains, changed = [*company.email_domains, domain], True
    if changed:
        company.save(update_fields=["website", "email_domains"])


def run_scam_check(opp: Opportunity):
    """The scams app may not be installed yet (or may fail): capturing never depends on it."""
    try:
        from keepwarm.scams.services import check_and_record_opportunity
    except ImportError:
        return None, "not available"
    try:
        with transaction.atomic():  # a savepoint: a failing check must not poison the capture's transaction
            result = check_and_record_opportunity(opp)
    except InputError:
        raise
    except Exception as exc:  # the posting is still worth keeping; say the check failed instead of losing it
        logger.exception("scam check failed for opportunity %s", opp.id)
        return None, f"failed: {type(exc).__name__}"
    return result, _describe(result)


def _describe(result) -> str:
    if result is None:
        return "checked"
    if hasattr(result, "get_verdict_display"):
        return result.get_verdict_display()
    for attr in ("verdict", "label", "level"):
        if getattr(result, attr, None):
            return str(getattr(result, attr))
    return str(result)[:200]


# --- The bookmarklet's token -----------------------------------------------------------------------------
def issue_token(owner) -> str:
    """A new token for the user's bookmarklet; the old one (if any) stops working at once."""
    token = secrets.token_urlsafe(32)
    CaptureToken.objects.update_or_create(owner=owner, defaults={"token_digest": digest(token), "token": token})
    return token


def revoke_token(owner) -> None:
    CaptureToken.objects.filter(owner=owner).delete()


def current_token(owner) -> str:
    row = CaptureToken.objects.filter(owner=owner).first()
    return row.token if row else ""


def user_for_token(token: str):
    if not token or len(token) > 200:
        return None
    row = CaptureToken.objects.select_related("owner").filter(token_digest=digest(token)).first()
    if row is None or not row.owner.is_active:
        return None
    CaptureToken.objects.filter(id=row.id).update(last_used_at=timezone.now())
    return row.owner

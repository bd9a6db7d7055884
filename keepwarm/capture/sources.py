"""Where a posting came from, read from its URL: the source, the board or applicant-tracking system, and
a stable key so that capturing the same posting twice finds the same opportunity."""

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Host suffix → job board name. Boards aggregate other employers' postings.
JOB_BOARDS = {
    "linkedin.com": "LinkedIn", "indeed.com": "Indeed", "glassdoor.com": "Glassdoor",
    "ziprecruiter.com": "ZipRecruiter", "monster.com": "Monster", "simplyhired.com": "SimplyHired",
    "dice.com": "Dice", "careerbuilder.com": "CareerBuilder", "wellfound.com": "Wellfound", "angel.co": "Wellfound",
    "builtin.com": "Built In", "usajobs.gov": "USAJOBS", "weworkremotely.com": "We Work Remotely",
    "remoteok.com": "Remote OK", "snagajob.com": "Snagajob", "idealist.org": "Idealist",
    "joinhandshake.com": "Handshake", "flexjobs.com": "FlexJobs", "stackoverflow.com": "Stack Overflow",
    "otta.com": "Otta", "welcometothejungle.com": "Welcome to the Jungle", "workingnomads.com": "Working Nomads",
    "hired.com": "Hired", "jooble.org": "Jooble", "talent.com": "Talent.com", "google.com": "Google Jobs",
}
# Host pattern → applicant-tracking system: the employer's own hiring site, run by a vendor.
ATS = [
    (r"(^|\.)greenhouse\.io$", "Greenhouse"), (r"(^|\.)lever\.co$", "Lever"),
    (r"(^|\.)myworkdayjobs\.com$|(^|\.)myworkdaysite\.com$|(^|\.)workday\.com$", "Workday"),
    (r"(^|\.)ashbyhq\.com$", "Ashby"), (r"(^|\.)smartrecruiters\.com$", "SmartRecruiters"),
    (r"(^|\.)bamboohr\.com$", "BambooHR"), (r"(^|\.)workable\.com$", "Workable"), (r"(^|\.)icims\.com$", "iCIMS"),
    (r"(^|\.)jobvite\.com$", "Jobvite"), (r"(^|\.)recruitee\.com$", "Recruitee"), (r"(^|\.)breezy\.hr$", "Breezy HR"),
    (r"(^|\.)teamtailor\.com$", "Teamtailor"), (r"(^|\.)taleo\.net$", "Taleo"),
    (r"(^|\.)successfactors\.(com|eu)$", "SuccessFactors"), (r"(^|\.)personio\.(de|com)$", "Personio"),
    (r"(^|\.)applytojob\.com$", "JazzHR"), (r"(^|\.)rippling-ats\.com$|ats\.rippling\.com$", "Rippling"),
    (r"(^|\.)pinpointhq\.com$", "Pinpoint"), (r"(^|\.)jobs\.gusto\.com$", "Gusto"),
    (r"(^|\.)paylocity\.com$", "Paylocity"), (r"(^|\.)ultipro\.com$|(^|\.)ukg\.net$", "UKG"),
]
# Query parameters that only say how the user arrived: dropped so the same posting has one URL.
TRACKING = re.compile(r"^(utm_.*|gclid|fbclid|msclkid|trk|trkinfo|refid|trackingid|src|source|ref|referer|"
                      r"from|ebp|lipi|originalsubdomain|gh_src|lever-source.*|lever-origin|mc_.*|_hs.*|vjs|"
                      r"tk|sjdu|advn|from_)$", re.I)


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _matches(host: str, suffix: str) -> bool:
    return host == suffix or host.endswith("." + suffix)


def infer_source(url: str, company_website: str = "") -> tuple[str, str]:
    """(source, source_name) for a posting URL, e.g. ('job_board', 'Indeed') or ('company_site', 'Lever')."""
    host = host_of(url)
    if not host:
        return "other", ""
    if _matches(host, "craigslist.org"):
        return "craigslist", "Craigslist"
    for suffix, name in JOB_BOARDS.items():
        if _matches(host, suffix):
            return "job_board", name
    for pattern, name in ATS:
        if re.search(pattern, host):
            return "company_site", name
    company_host = host_of(company_website) if company_website else ""
    if company_host and (_matches(host, company_host) or _matches(company_host, host)):
        return "company_site", ""
    return "other", host


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, sorted query, no trailing slash."""
    url = (url or "").strip()
    if not re.match(r"^https?://", url, re.I):
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=False) if not TRACKING.match(k))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https" if parts.scheme.lower() == "https" else "http", host, path, urlencode(query), ""))


def board_posting_id(url: str) -> str:
    """The board's own id for a posting when the URL carries one: the same job under many URLs is one key."""
    host = host_of(url)
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if _matches(host, "linkedin.com"):
        found = re.search(r"/jobs/view/(?:[^/]*?-)?(\d{6,})", parts.path)
        job = found.group(1) if found else query.get("currentJobId", "")
        return f"linkedin:{job}" if job.isdigit() else ""
    if _matches(host, "indeed.com"):
        job = query.get("jk") or query.get("vjk") or ""
        return f"indeed:{job.lower()}" if re.fullmatch(r"[0-9a-fA-F]{8,}", job) else ""
    if _matches(host, "craigslist.org"):
        found = re.search(r"/(\d{8,})\.html?$", parts.path)
        return f"craigslist:{found.group(1)}" if found else ""
    if re.search(r"(^|\.)greenhouse\.io$", host):
        found = re.search(r"/([^/]+)/jobs/(\d+)", parts.path)
        if found:
            return f"greenhouse:{found.group(1).lower()}:{found.group(2)}"
        if query.get("gh_jid", "").isdigit():
            return f"greenhouse:{query['gh_jid']}"
    if query.get("gh_jid", "").isdigit():  # Greenhouse embedded on the company's own careers page
        return f"greenhouse:{query['gh_jid']}"
    return ""


def posting_key(url: str, *, identifier: str = "", company: str = "", title: str = "") -> str:
    """The identity of a captured posting: board id, else canonical URL, else a digest of what the text says."""
    key = board_posting_id(url) if url else ""
    if key:
        return key
    canonical = canonical_url(url)
    if canonical:
        return canonical[:500]
    basis = "|".join(s.strip().lower() for s in (identifier, company, title))
    if not basis.strip("|"):
        return ""
    return "text:" + hashlib.sha256(basis.encode()).hexdigest()[:32]

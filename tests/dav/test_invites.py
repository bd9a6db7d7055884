"""Interview invitations (Google and Outlook shaped) create, move and cancel the interview on the right job."""

import datetime as dt
from zoneinfo import ZoneInfo

from keepwarm.dav.invites import apply_invitation, guess_format, parse_invite
from keepwarm.dav.models import InviteLink
from keepwarm.jobs.models import Interview
from keepwarm.jobs.services import change_stage, create_opportunity
from keepwarm.people.services import create_contact

CHICAGO = ZoneInfo("America/Chicago")

GOOGLE = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:{method}
BEGIN:VEVENT
DTSTART:{start}
DTEND:{end}
DTSTAMP:20111202T160000Z
ORGANIZER;CN=Jane Doe:mailto:jane@sugargliderco.com
UID:5k2abc123def456@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=amy@example.com;X-NUM-GUESTS=0:mailto:amy@example.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE;CN=Jane Doe;X-NUM-GUESTS=0:mailto:jane@sugargliderco.com
X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij
DESCRIPTION:Final interview for the Breeder assistant role.\\nJoin with Google Meet: https://meet.google.com/abc-defg-hij
LOCATION:
SEQUENCE:{sequence}
STATUS:{status}
SUMMARY:Final interview: Breeder assistant
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR
"""

OUTLOOK = """BEGIN:VCALENDAR
METHOD:REQUEST
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VTIMEZONE
TZID:Central Standard Time
BEGIN:STANDARD
DTSTART:16010101T020000
TZOFFSETFROM:-0500
TZOFFSETTO:-0600
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:-0600
TZOFFSETTO:-0500
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ORGANIZER;CN=Pat Recruiter:mailto:pat@sugargliderco.com
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Amy:mailto:amy@example.com
DESCRIPTION;LANGUAGE=en-US:Looking forward to meeting you.\\n
UID:040000008200E00074C5B7101A82E00800000000A0C5F4C1B2B0D801000000000000000010000000
SUMMARY;LANGUAGE=en-US:Interview - Sugar Glider Co.
DTSTART;TZID=Central Standard Time:20111205T140000
DTEND;TZID=Central Standard Time:20111205T150000
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20111201T170000Z
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:0
LOCATION;LANGUAGE=en-US:12 Glider Lane\\, Springfield
X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE
END:VEVENT
END:VCALENDAR
"""


def google(method="REQUEST", start="20111215T200000Z", end="20111215T210000Z", sequence=0, status="CONFIRMED"):
    return GOOGLE.format(method=method, start=start, end=end, sequence=sequence, status=status).replace("\n", "\r\n")


def test_google_request_creates_the_interview_on_the_contacts_job(story, owner):
    other = create_opportunity(owner, "Zookeeper", company="Other Zoo", stage="applied")
    interview = apply_invitation(owner, google(), [story["jane"]])
    assert interview is not None and interview.opportunity == story["opp"] != other
    assert interview.starts_at == dt.datetime(2011, 12, 15, 20, tzinfo=dt.timezone.utc)
    assert interview.minutes == 60
    assert interview.format == "video" and interview.where == "https://meet.google.com/abc-defg-hij"
    assert list(interview.interviewers.all()) == [story["jane"]]
    assert InviteLink.objects.get(owner=owner).invite_uid == "5k2abc123def456@google.com"


def test_the_same_invitation_twice_does_not_duplicate(story, owner):
    first = apply_invitation(owner, google(), [story["jane"]])
    again = apply_invitation(owner, google(), [story["jane"]])
    assert first.id == again.id
    assert Interview.objects.filter(owner=owner).count() == 2  # the story's own interview + this one


def test_an_update_moves_it_and_a_stale_copy_does_not(story, owner):
    interview = apply_invitation(owner, google(), [story["jane"]])
    moved = apply_invitation(owner, google(start="20111216T150000Z", end="20111216T154500Z", sequence=2),
                             [story["jane"]])
    assert moved.id == interview.id
    moved.refresh_from_db()
    assert moved.starts_at == dt.datetime(2011, 12, 16, 15, tzinfo=dt.timezone.utc) and moved.minutes == 45
    apply_invitation(owner, google(sequence=1), [story["jane"]])  # arrives late, older
    moved.refresh_from_db()
    assert moved.starts_at.day == 16


def test_cancel(story, owner):
    interview = apply_invitation(owner, google(), [story["jane"]])
    cancelled = apply_invitation(owner, google(method="CANCEL", sequence=1, status="CANCELLED"), [story["jane"]])
    assert cancelled.id == interview.id
    cancelled.refresh_from_db()
    assert cancelled.cancelled is True


def test_cancel_of_an_unknown_invitation_does_nothing(story, owner):
    assert apply_invitation(owner, google(method="CANCEL"), [story["jane"]]) is None
    assert not InviteLink.objects.exists()


def test_outlook_request_with_windows_time_zone_matches_by_company(story, owner):
    pat = create_contact(owner, "Pat Recruiter", company="Sugar Glider Co.", emails=["pat@sugargliderco.com"])
    interview = apply_invitation(owner, OUTLOOK.replace("\n", "\r\n"), [pat])
    assert interview.opportunity == story["opp"]
    assert interview.starts_at == dt.datetime(2011, 12, 5, 14, tzinfo=CHICAGO)
    assert interview.minutes == 60 and interview.format == "on-site"
    assert interview.where == "12 Glider Lane, Springfield"


def test_organizer_address_finds_the_contact_when_the_caller_passes_none(story, owner):
    assert apply_invitation(owner, google(), []).opportunity == story["opp"]


def test_strangers_and_dead_jobs_are_ignored(story, owner, outsider):
    stranger = create_contact(owner, "Stranger", emails=["someone@else.example"])
    assert apply_invitation(owner, google().replace("jane@sugargliderco.com", "x@else.example"), [stranger]) is None
    # The outsider's contacts never count for the owner.
    otto_jane = create_contact(outsider, "Jane Doe", emails=["jane@sugargliderco.com"])
    assert apply_invitation(outsider, google(), [otto_jane]) is None
    change_stage(story["opp"], "rejected")
    assert apply_invitation(owner, google(), [story["jane"]]) is None


def test_the_summary_picks_between_two_live_jobs(story, owner):
    create_opportunity(owner, "Glider groomer", company="Sugar Glider Co.", stage="applied",
                       contacts=["Jane Doe:recruiter"])
    interview = apply_invitation(owner, google(), [story["jane"]])
    assert interview.opportunity == story["opp"]  # "Final interview: Breeder assistant"


def test_not_invitations():
    tz = CHICAGO
    assert parse_invite("not a calendar", tz) is None
    assert parse_invite(google(method="PUBLISH"), tz) is None
    assert parse_invite(google(start="20111215", end="20111216").replace("DTSTART:", "DTSTART;VALUE=DATE:")
                        .replace("DTEND:", "DTEND;VALUE=DATE:"), tz) is None


def test_floating_time_is_the_users_own_clock():
    invite = parse_invite(google(start="20111215T140000", end="20111215T143000"), CHICAGO)
    assert invite.starts_at == dt.datetime(2011, 12, 15, 14, tzinfo=CHICAGO) and invite.minutes == 30


def test_format_guess():
    base = parse_invite(google(), CHICAGO)
    base.link = ""
    base.location = "+1 312 555 0142"
    assert guess_format(base) == "phone"
    base.location = "12 Glider Lane"
    assert guess_format(base) == "on-site"


def test_garbage_never_raises(story, owner):
    broken = google().replace("DTSTART:20111215T200000Z", "DTSTART:2011-12-15 nonsense")
    for text in (broken, b"\xff\xfe", "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n",
                 google().replace("SEQUENCE:0", "SEQUENCE:many")):
        assert apply_invitation(owner, text, [story["jane"]]) is None


def test_bytes_are_fine(story, owner):
    assert apply_invitation(owner, google().encode(), [story["jane"]]) is not None

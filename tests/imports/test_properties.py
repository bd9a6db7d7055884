"""Property-based: truncated, mis-encoded and random input gives a clear InputError and writes nothing.

Any other exception (a crash) fails these tests; so does a half-written import.
"""

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keepwarm.imports import services
from keepwarm.imports.bundle import Bundle
from keepwarm.jobs.models import Opportunity
from keepwarm.lib.errors import InputError
from keepwarm.people.models import Contact
from keepwarm.timeline.models import Interaction

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.too_slow])


def counts():
    return Opportunity.objects.count(), Contact.objects.count(), Interaction.objects.count()


def attempt(run):
    """Run an import; on InputError, check that nothing at all was written and the message is one line."""
    before = counts()
    try:
        run()
    except InputError as exc:
        assert "\n" not in str(exc).strip() or str(exc).count("\n") == str(exc.value).count("\n")
        assert counts() == before
        return "error"
    return "ok"


def truncations(raw: bytes):
    return st.integers(min_value=0, max_value=len(raw)).map(lambda n: raw[:n])


def mis_encodings(raw: bytes):
    text = raw.decode("utf-8-sig")
    return st.sampled_from(["utf-16", "utf-32", "latin-1", "cp1252"]).map(
        lambda enc: text.encode(enc, errors="replace"))


def any_bytes_from(raw: bytes):
    return st.one_of(truncations(raw), mis_encodings(raw), st.binary(max_size=2000),
                     st.text(max_size=500).map(str.encode))


# --- Spreadsheets -----------------------------------------------------------------------------------
CSV = (FIXTURES / "applications.csv").read_bytes()


@pytest.mark.django_db
@SETTINGS
@given(raw=any_bytes_from(CSV), name=st.sampled_from(["a.csv", "a.xlsx"]))
def test_csv_never_crashes(owner, raw, name):
    attempt(lambda: services.import_csv(owner, raw, name))


@pytest.mark.django_db
@SETTINGS
@given(cells=st.lists(st.lists(st.text(max_size=20), min_size=1, max_size=6), min_size=1, max_size=8))
def test_random_tables_with_a_title_column(owner, cells):
    buffer = io.StringIO()
    import csv

    writer = csv.writer(buffer)
    writer.writerow(["Title", "Company", "Date applied", "Status", "Email"])
    writer.writerows(cells)
    attempt(lambda: services.import_csv(owner, buffer.getvalue().encode(), "random.csv"))


def test_utf16_csv_is_a_clear_error(owner):
    with pytest.raises(InputError) as err:
        services.import_csv(owner, CSV.decode("utf-8-sig").encode("utf-16"), "a.csv")
    assert "binary data" in str(err.value)


# --- vCards -----------------------------------------------------------------------------------------
VCF = (FIXTURES / "apple.vcf").read_bytes() + (FIXTURES / "google.vcf").read_bytes()


@pytest.mark.django_db
@SETTINGS
@given(raw=any_bytes_from(VCF))
def test_vcard_never_crashes(owner, raw):
    attempt(lambda: services.import_vcard(owner, raw, "c.vcf"))


@pytest.mark.django_db
@SETTINGS
@given(lines=st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40), max_size=12))
def test_random_card_lines(owner, lines):
    raw = ("BEGIN:VCARD\nVERSION:3.0\n" + "\n".join(lines) + "\nEND:VCARD\n").encode()
    attempt(lambda: services.import_vcard(owner, raw, "c.vcf"))


# --- LinkedIn ---------------------------------------------------------------------------------------
def _zip(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


LINKEDIN = {p.name: p.read_bytes() for p in (FIXTURES / "linkedin").iterdir()}
LINKEDIN_ZIP = _zip(LINKEDIN)


@pytest.mark.django_db
@SETTINGS
@given(raw=truncations(LINKEDIN_ZIP) | st.binary(max_size=500))
def test_linkedin_truncated_zip(owner, raw):
    attempt(lambda: services.import_linkedin(owner, Bundle.from_bytes(raw)))


@pytest.mark.django_db
@SETTINGS
@given(connections=any_bytes_from(LINKEDIN["Connections.csv"]), messages=any_bytes_from(LINKEDIN["messages.csv"]))
def test_linkedin_damaged_files(owner, connections, messages):
    raw = _zip({"Connections.csv": connections, "messages.csv": messages})
    attempt(lambda: services.import_linkedin(owner, Bundle.from_bytes(raw)))


# --- Facebook ---------------------------------------------------------------------------------------
THREAD = "your_facebook_activity/messages/inbox/janedoe_10158123456789012/message_1.json"
FB_MESSAGE = (FIXTURES / "facebook" / THREAD).read_bytes()
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children,
                                                                                      max_size=4), max_leaves=20)
MESSAGE = st.fixed_dictionaries({}, optional={"sender_name": JSON | st.sampled_from(["Jane Doe", "Amy Seeker"]),
                                              "timestamp_ms": JSON | st.integers(), "content": JSON,
                                              "photos": JSON})


def _fb(message_json: bytes) -> Bundle:
    return Bundle.from_bytes(_zip({THREAD: message_json}))


@pytest.mark.django_db
@SETTINGS
@given(raw=any_bytes_from(FB_MESSAGE))
def test_facebook_truncated_and_mis_encoded(owner, raw):
    attempt(lambda: services.import_facebook(owner, _fb(raw), me="Amy Seeker", everything=True))


@pytest.mark.django_db
@SETTINGS
@given(document=JSON | st.fixed_dictionaries({"participants": JSON, "messages": st.lists(MESSAGE | JSON, max_size=4),
                                              "title": JSON}))
def test_facebook_random_json(owner, document):
    attempt(lambda: services.import_facebook(owner, _fb(json.dumps(document).encode()), me="Amy Seeker",
                                             everything=True))

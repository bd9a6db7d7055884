"""One owner row per model, for the isolation test: `FACTORIES[model_name](owner) -> instance`.

Other apps add theirs without editing this file: a module `tests/<app>/isolation_factories.py` with
`FACTORIES = {"mailaccount": make_mail_account}` is picked up by `all_factories()`.
"""

import datetime as dt
import importlib
from pathlib import Path

from django.utils import timezone

TESTS = Path(__file__).resolve().parent.parent


def company(owner):
    from keepwarm.people.services import get_or_create_company

    return get_or_create_company(owner, "Sugar Glider Co.")


def contact(owner):
    from keepwarm.people.services import create_contact

    return create_contact(owner, "Jane Doe", company="Sugar Glider Co.", emails=["jane@sugargliderco.com"],
                          phones=["mobile=+13125550142"], socials=["facebook:jane.doe"], topics=["sugar gliders"],
                          cadence_days=30)


def contactemail(owner):
    return contact(owner).emails.first()


def contactphone(owner):
    return contact(owner).phones.first()


def socialprofile(owner):
    return contact(owner).socials.first()


def opportunity(owner):
    from keepwarm.jobs.services import create_opportunity

    c = contact(owner)
    return create_opportunity(owner, "Breeder assistant", company="Sugar Glider Co.", source="craigslist",
                              stage="applied", contacts=[f"{c.id}:hiring_manager"])


def stagechange(owner):
    return opportunity(owner).stage_changes.first()


def opportunitycontact(owner):
    return opportunity(owner).people.first()


def interview(owner):
    from keepwarm.jobs.services import add_interview

    opp = opportunity(owner)
    return add_interview(opp, timezone.now() + dt.timedelta(days=2), interviewers=[str(opp.people.first().contact_id)])


def interaction(owner):
    from keepwarm.timeline.services import log_interaction

    return log_interaction(owner, [contact(owner)], channel="phone", summary="Phone screen")


def participant(owner):
    return interaction(owner).participants.first()


def followup(owner):
    from keepwarm.followups.services import add_reminder

    return add_reminder(owner, timezone.localdate(), "Send the portfolio", contact=contact(owner))


def profile(owner):
    from keepwarm.accounts.services import profile_of

    return profile_of(owner)


FACTORIES = {f.__name__: f for f in (
    company, contact, contactemail, contactphone, socialprofile, opportunity, stagechange, opportunitycontact,
    interview, interaction, participant, followup, profile,
)}


def all_factories() -> dict:
    """These, plus every `tests/*/isolation_factories.py` FACTORIES (other apps' models)."""
    found = dict(FACTORIES)
    for path in sorted(TESTS.glob("*/isolation_factories.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.isolation_factories")
        found.update(getattr(module, "FACTORIES", {}))
    return found

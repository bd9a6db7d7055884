"""Finding the contact a record is about, without one query per row: indexes of the user's emails, E.164
phones, social profiles and names, kept up to date as the import creates contacts."""

from collections import defaultdict

from keepwarm.people.models import Contact, ContactEmail, ContactPhone, SocialProfile


def social_key(network: str, handle: str, url: str) -> str:
    if url:
        return url.lower().split("?")[0].rstrip("/").replace("http://", "https://").replace("://www.", "://")
    return f"{network}:{handle.lower().lstrip('@')}" if handle else ""


class ContactIndex:
    def __init__(self, owner):
        self.owner = owner
        self.by_email = dict(ContactEmail.objects.filter(owner=owner).values_list("address", "contact_id"))
        self.by_phone = dict(ContactPhone.objects.filter(owner=owner).values_list("e164", "contact_id"))
        self.by_social = {}
        for network, handle, url, cid in SocialProfile.objects.filter(owner=owner).values_list(
                "network", "handle", "url", "contact_id"):
            for key in (social_key(network, handle, url), social_key(network, handle, "")):
                if key:
                    self.by_social.setdefault(key, cid)
        self.by_name = defaultdict(list)
        # Which of the fields an import may fill are already filled: a re-import that brings nothing new
        # is recognised without a query.
        self.filled, self.names = {}, {}
        for cid, name, company_id, role, how_met, notes in Contact.objects.filter(owner=owner).values_list(
                "id", "name", "company_id", "role", "how_met", "notes"):
            self.by_name[name.strip().lower()].append(cid)
            self.names[cid] = name
            self.filled[cid] = {"company": company_id is not None, "role": bool(role), "how_met": bool(how_met),
                                "notes": bool(notes)}
        self.has_email = set(self.by_email.values())

    def find(self, emails=(), phones=(), socials=(), name="") -> int | None:
        """Contact id by email, then E.164 phone, then social profile, then an unambiguous exact name that
        does not contradict (a contact with other email addresses is somebody else)."""
        for address in emails:
            if address in self.by_email:
                return self.by_email[address]
        for e164 in phones:
            if e164 in self.by_phone:
                return self.by_phone[e164]
        for network, handle, url in socials:
            for key in (social_key(network, handle, url), social_key(network, handle, "")):
                if key and key in self.by_social:
                    return self.by_social[key]
        ids = self.by_name.get((name or "").strip().lower(), [])
        if len(ids) == 1 and not (emails and ids[0] in self.has_email):
            return ids[0]
        return None

    def brings_nothing_new(self, cid: int, record, emails, phones, socials) -> bool:
        filled = self.filled.get(cid)
        if filled is None:
            return False
        if any(self.by_email.get(a) != cid for a in emails) or any(self.by_phone.get(p) != cid for p in phones):
            return False
        for network, handle, url in socials:
            if not any(self.by_social.get(k) == cid for k in (social_key(network, handle, url),
                                                               social_key(network, handle, "")) if k):
                return False
        return all(filled[f] or not (getattr(record, f) or "").strip() for f in filled)

    def fill(self, cid: int, contact):
        self.filled[cid] = {"company": contact.company_id is not None, "role": bool(contact.role),
                            "how_met": bool(contact.how_met), "notes": bool(contact.notes)}

    def add(self, cid: int, emails=(), phones=(), socials=(), name=""):
        for address in emails:
            self.by_email.setdefault(address, cid)
            self.has_email.add(cid)
        for e164 in phones:
            self.by_phone.setdefault(e164, cid)
        for network, handle, url in socials:
            for key in (social_key(network, handle, url), social_key(network, handle, "")):
                if key:
                    self.by_social.setdefault(key, cid)
        self.names.setdefault(cid, name)
        if name and cid not in self.by_name[name.strip().lower()]:
            self.by_name[name.strip().lower()].append(cid)

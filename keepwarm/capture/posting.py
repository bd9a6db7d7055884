"""What a captured posting says, as plain data: every parser returns a Posting, the writer saves it."""

import dataclasses


@dataclasses.dataclass
class Posting:
    title: str = ""
    company: str = ""
    company_website: str = ""
    location: str = ""
    salary: str = ""
    employment_type: str = ""
    date_posted: str = ""
    valid_through: str = ""
    identifier: str = ""
    description: str = ""
    url: str = ""  # canonical URL of the posting (empty for pasted text without a link)
    source: str = "other"
    source_name: str = ""
    posting_key: str = ""
    parsed_from: str = ""  # "schema.org", "opengraph", "craigslist", "text": said in previews so users can judge

    def fill_from(self, other: "Posting") -> "Posting":
        """Keep our values; take the other's where ours are empty (structured data first, fallbacks after)."""
        for field in dataclasses.fields(self):
            if not getattr(self, field.name) and getattr(other, field.name):
                setattr(self, field.name, getattr(other, field.name))
        return self

    def details_line(self) -> str:
        """The facts the Opportunity has no column for, kept readable in its notes."""
        parts = []
        if self.employment_type:
            parts.append(f"employment type: {self.employment_type}")
        if self.date_posted:
            parts.append(f"posted {self.date_posted}")
        if self.valid_through:
            parts.append(f"apply by {self.valid_through}")
        if self.identifier:
            parts.append(f"posting id {self.identifier}")
        return "Captured posting — " + "; ".join(parts) if parts else ""

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

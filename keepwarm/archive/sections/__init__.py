"""The foundation's archive sections, in the order they are written (each may refer to the ones before)."""

from .followups import FOLLOWUPS
from .jobs import OPPORTUNITIES
from .people import COMPANIES, CONTACTS
from .timeline import INTERACTIONS

FOUNDATION = [COMPANIES, CONTACTS, OPPORTUNITIES, INTERACTIONS, FOLLOWUPS]

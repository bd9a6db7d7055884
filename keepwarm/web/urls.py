from django.urls import path

from .middleware import zoned
from .views import board, contacts, demo, jobs, quicklog, search, settings, today

urlpatterns = [
    path("", today.today, name="today"),
    path("followups/<int:followup_id>/done/", today.done, name="followup-done"),
    path("followups/<int:followup_id>/snooze/", today.snooze, name="followup-snooze"),
    path("followups/<int:followup_id>/dismiss/", today.dismiss, name="followup-dismiss"),
    path("log/", quicklog.quick_log, name="quick-log"),
    path("board/", board.board, name="board"),
    path("jobs/new/", jobs.new_job, name="job-new"),
    path("jobs/<int:opportunity_id>/", jobs.opportunity, name="opportunity"),
    path("jobs/<int:opportunity_id>/edit/", jobs.edit_job, name="job-edit"),
    path("jobs/<int:opportunity_id>/move/", board.move, name="job-move"),
    path("jobs/<int:opportunity_id>/people/", jobs.add_person, name="job-person"),
    path("jobs/<int:opportunity_id>/interviews/", jobs.add_interview, name="job-interview"),
    path("contacts/", contacts.contacts, name="contacts"),
    path("contacts/new/", contacts.new_contact, name="contact-new"),
    path("contacts/<int:contact_id>/", contacts.contact, name="contact"),
    path("contacts/<int:contact_id>/edit/", contacts.edit_contact, name="contact-edit"),
    path("companies/", contacts.companies, name="companies"),
    path("companies/<int:company_id>/", contacts.company, name="company"),
    path("companies/<int:company_id>/edit/", contacts.edit_company, name="company-edit"),
    path("search/", search.search, name="search"),
    path("settings/", settings.settings_page, name="settings"),
    path("demo/", demo.load_demo, name="demo"),
    # A trivial page for the benchmark's baseline (and a health check): no database work at all.
    path("ping/", today.ping, name="ping"),
]
# Every page reads and shows times in the user's zone (see middleware.py for why this is per view for now).
# A POST is a change that Today's engine must see, except Today's own actions on one follow-up (freshness.py).
KEEPS_TODAY_FRESH = {"followup-done", "followup-snooze", "followup-dismiss"}
for pattern in urlpatterns:
    if pattern.name != "ping":  # the health check touches neither the session nor the database
        pattern.callback = zoned(pattern.callback, stales_today=pattern.name not in KEEPS_TODAY_FRESH)

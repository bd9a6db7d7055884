"""Opportunities (a job being pursued), their stage history, the people on them, and interviews."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models

from keepwarm.people.models import Company, Contact


class Stage(models.TextChoices):
    SAVED = "saved", "Saved"
    APPLIED = "applied", "Applied"
    SCREENING = "screening", "Screening"
    INTERVIEWING = "interviewing", "Interviewing"
    SHORTLISTED = "shortlisted", "Shortlisted"
    FINAL_INTERVIEW = "final_interview", "Final interview"
    OFFER = "offer", "Offer"
    HIRED = "hired", "Hired"
    ON_HOLD = "on_hold", "On hold"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    GHOSTED = "ghosted", "Ghosted"


# Stages in which a lead is still alive; "on hold" is alive on purpose (the seed story's job came from one).
ACTIVE_STAGES = [
    Stage.SAVED, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.SHORTLISTED,
    Stage.FINAL_INTERVIEW, Stage.OFFER, Stage.ON_HOLD,
]


class Source(models.TextChoices):
    CRAIGSLIST = "craigslist", "Craigslist"
    JOB_BOARD = "job_board", "Job board"
    REFERRAL = "referral", "Referral"
    COMPANY_SITE = "company_site", "Company site"
    RECRUITER = "recruiter", "Recruiter"
    OTHER = "other", "Other"


class Opportunity(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300)
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="opportunities"
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.OTHER)
    source_name = models.CharField(max_length=100, blank=True, help_text="e.g. the job board's name: Indeed")
    posting_url = models.URLField(max_length=1000, blank=True)
    # Identity of a captured posting (canonical URL or the board's posting id): capturing twice updates.
    posting_key = models.CharField(max_length=500, blank=True, db_index=True)
    posting_text = models.TextField(blank=True)
    location = models.CharField(max_length=200, blank=True)
    salary_text = models.CharField(max_length=200, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.SAVED)
    stage_changed_at = models.DateTimeField()
    revisit_on = models.DateField(null=True, blank=True, help_text="On hold: when to ask about the role again")
    next_step = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    contacts = models.ManyToManyField(Contact, through="OpportunityContact", related_name="opportunities")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name_plural = "opportunities"
        indexes = [models.Index(fields=["owner", "stage"])]

    def __str__(self):
        return f"{self.title} at {self.company}" if self.company_id else self.title


class StageChange(models.Model):
    """Every stage an opportunity went through, with its time: the history is never overwritten."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    at = models.DateTimeField()
    revisit_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["opportunity", "at"])]


class Role(models.TextChoices):
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    INTERVIEWER = "interviewer", "Interviewer"
    RECRUITER = "recruiter", "Recruiter"
    REFERRER = "referrer", "Referrer"
    OTHER = "other", "Other"


class OpportunityContact(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="people")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OTHER)
    # After a rejection, keep in touch with this person anyway (the user's choice).
    keep_in_touch = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "contact"], name="one_role_per_contact_per_job")
        ]


class InterviewFormat(models.TextChoices):
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video"
    ON_SITE = "on-site", "On site"


class Interview(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interviews")
    # Stable identity for calendars (iCalendar UID): moving an interview updates the same event.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    starts_at = models.DateTimeField()
    minutes = models.PositiveIntegerField(default=45)
    format = models.CharField(max_length=10, choices=InterviewFormat.choices, default=InterviewFormat.VIDEO)
    where = models.CharField("place or link", max_length=500, blank=True)
    interviewers = models.ManyToManyField(Contact, related_name="interviews", blank=True)
    prep_notes = models.TextField("preparation notes", blank=True)
    outcome = models.TextField(blank=True)
    cancelled = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["owner", "starts_at"])]

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.minutes)

    def __str__(self):
        return f"{self.get_format_display()} interview for {self.opportunity} at {self.starts_at:%Y-%m-%d %H:%M}"

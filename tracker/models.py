"""The job seeker's one place: applications and their dated history, the
people met along the way, interviews, the follow-ups owed, and a weekly goal.

The rejection log the career advice asks for is simply the status history:
every change is a dated StatusEvent, and a rejection records how far it got.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

# Links we store are only ever shown as links when they are web addresses.
web_url = URLValidator(
    schemes=["http", "https"], message="Enter a web address starting with http:// or https://."
)


class Status(models.TextChoices):
    SAVED = "saved", "Saved for later"
    APPLIED = "applied", "Applied"
    SCREENING = "screening", "Screening"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined by me"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn by me"
    NO_RESPONSE = "no_response", "No response"
    ARCHIVED = "archived", "Archived"


# Statuses still in motion: a column each on the board.
ACTIVE_STATUSES = (
    Status.SAVED,
    Status.APPLIED,
    Status.SCREENING,
    Status.INTERVIEWING,
    Status.OFFER,
)


class WorkMode(models.TextChoices):
    ONSITE = "onsite", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    INTERNSHIP = "internship", "Internship"
    OTHER = "other", "Other"


class Source(models.TextChoices):
    COMPANY_SITE = "company_site", "Company website"
    JOB_BOARD = "job_board", "Job board"
    LINKEDIN = "linkedin", "LinkedIn"
    REFERRAL = "referral", "Referral"
    RECRUITER = "recruiter", "Recruiter"
    NETWORKING = "networking", "Networking"
    OTHER = "other", "Other"


class RejectionStage(models.TextChoices):
    APPLICATION = "application", "Application or résumé screen"
    RECRUITER_SCREEN = "recruiter_screen", "Recruiter screen"
    ASSESSMENT = "assessment", "Assessment or take-home"
    TECHNICAL = "technical", "Technical interview"
    ONSITE = "onsite", "On-site or panel"
    FINAL = "final", "Final round"
    AFTER_OFFER = "after_offer", "After an offer"


class RejectionChannel(models.TextChoices):
    EMAIL = "email", "Email"
    CALL = "call", "Phone or video call"
    PORTAL = "portal", "Job portal"
    NO_REPLY = "no_reply", "No reply at all"


class Contact(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=200)
    title = models.CharField("role or title", max_length=200, blank=True)
    company = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    profile_url = models.URLField(
        "LinkedIn or profile link", max_length=500, blank=True, validators=[web_url]
    )

    class Relationship(models.TextChoices):
        RECRUITER = "recruiter", "Recruiter"
        HIRING_MANAGER = "hiring_manager", "Hiring manager"
        INTERVIEWER = "interviewer", "Interviewer"
        REFERRAL = "referral", "Referral"
        MENTOR = "mentor", "Mentor"
        PEER = "peer", "Peer"
        OTHER = "other", "Other"

    relationship = models.CharField(max_length=20, choices=Relationship, blank=True)
    notes = models.TextField(blank=True)
    last_contacted_on = models.DateField("last in touch", null=True, blank=True)
    keep_in_touch_days = models.PositiveSmallIntegerField(
        "keep in touch every (days)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text="Leave empty for no reminders. 90 is about once a quarter.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            # contact_list(): a person's contacts by name.
            models.Index(fields=["user", "name"], name="contact_user_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(keep_in_touch_days__isnull=True) | Q(keep_in_touch_days__gte=1),
                name="contact_keep_in_touch_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.company})" if self.company else self.name


class Application(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    company = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    job_url = models.URLField("job link", max_length=500, blank=True, validators=[web_url])
    location = models.CharField(max_length=200, blank=True)
    work_mode = models.CharField(max_length=10, choices=WorkMode, blank=True)
    employment_type = models.CharField(max_length=12, choices=EmploymentType, blank=True)
    salary_min = models.PositiveIntegerField("salary from", null=True, blank=True)
    salary_max = models.PositiveIntegerField("salary to", null=True, blank=True)
    salary_currency = models.CharField(
        "currency", max_length=3, blank=True, help_text="Like EUR, GBP or USD."
    )
    source = models.CharField("where I found it", max_length=15, choices=Source, blank=True)
    fit = models.PositiveSmallIntegerField(
        "fit and excitement",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 is “not really me”, 5 is “this is the one”.",
    )
    found_on = models.DateField("date found", null=True, blank=True)
    applied_on = models.DateField("date applied", null=True, blank=True)
    description = models.TextField("job description", blank=True)
    notes = models.TextField(blank=True)
    documents_sent = models.CharField(
        "résumé and cover letter sent",
        max_length=300,
        blank=True,
        help_text="Which version you sent, so you can find it again.",
    )
    contacts = models.ManyToManyField(Contact, blank=True, related_name="applications")

    # Derived from the status history by tracker.services; nothing else writes them.
    status = models.CharField(max_length=12, choices=Status, default=Status.SAVED, editable=False)
    status_changed_on = models.DateField(null=True, blank=True, editable=False)
    last_activity_on = models.DateField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The dashboard's "Needs you" list (tracker.selectors.needs_you), set by tracker.services:
    # "Not now" on the offer to reflect on how it closed (shown again if it closes anew),
    # and "Still waiting" on an application gone quiet (quiet again a full while later).
    needs_you_dismissed_on = models.DateField(null=True, blank=True, editable=False)
    still_waiting_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-last_activity_on", "-id"]
        indexes = [
            # application_list() sorted by last activity (the default), and the board.
            models.Index(fields=["user", "-last_activity_on", "-id"], name="app_user_activity_idx"),
            # application_list() sorted by date applied; weekly goal progress.
            models.Index(fields=["user", "applied_on"], name="app_user_applied_idx"),
            # application_list() sorted by company; the duplicate check.
            models.Index(fields=["user", "company"], name="app_user_company_idx"),
            # board columns and status filters.
            models.Index(fields=["user", "status"], name="app_user_status_idx"),
            # needs_you(): closed lately (by status and the day it closed), and gone quiet
            # (by status and the last news).
            models.Index(
                fields=["user", "status", "status_changed_on"], name="app_user_status_changed_idx"
            ),
            models.Index(
                fields=["user", "status", "last_activity_on"], name="app_user_status_activity_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="application_salary_range_ordered",
                violation_error_message="The lowest salary should not be above the highest.",
            ),
            models.CheckConstraint(
                condition=Q(fit__isnull=True) | Q(fit__gte=1, fit__lte=5),
                name="application_fit_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} at {self.company}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class StatusEvent(models.Model):
    """One dated step in an application's history. The latest decides its status."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=Status)
    happened_on = models.DateField("date")
    note = models.TextField(blank=True)
    rejection_stage = models.CharField(
        "stage reached", max_length=20, choices=RejectionStage, blank=True
    )
    rejection_reason = models.TextField("reason given", blank=True)
    rejection_channel = models.CharField(
        "how it came", max_length=10, choices=RejectionChannel, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "id"]
        indexes = [
            # The latest event of an application decides its status.
            models.Index(fields=["application", "happened_on", "id"], name="event_app_date_idx"),
            # The rejection log and insights: a person's events by status and date.
            models.Index(fields=["user", "status", "happened_on"], name="event_user_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="rejected")
                | Q(rejection_stage="", rejection_reason="", rejection_channel=""),
                name="event_rejection_details_only_on_rejection",
                violation_error_message="Stage, reason and how it came are only for rejections.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.happened_on:%Y-%m-%d}"


class Interview(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    scheduled_at = models.DateTimeField("date and time")

    class Kind(models.TextChoices):
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video"
        ONSITE = "onsite", "On-site"
        TECHNICAL = "technical", "Technical"
        PANEL = "panel", "Panel"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=10, choices=Kind, default=Kind.VIDEO)
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="interviews", verbose_name="with whom"
    )
    prep_notes = models.TextField("preparation notes", blank=True)
    went_well = models.TextField("what went well", blank=True)
    to_improve = models.TextField("what to do differently", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scheduled_at", "id"]
        indexes = [
            # interview_list_upcoming(): a person's interviews from now on.
            models.Index(fields=["user", "scheduled_at"], name="interview_user_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} interview, {self.application}"


class FollowUp(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    due_on = models.DateField("due")

    class Kind(models.TextChoices):
        THANK_YOU = "thank_you", "Thank-you note"
        CHECK_IN = "check_in", "Check in on status"
        FEEDBACK_REQUEST = "feedback_request", "Ask for feedback"
        FEEDBACK_REPLY = "feedback_reply", "Check for a reply"
        KEEP_IN_TOUCH = "keep_in_touch", "Keep in touch"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="followups"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="followups"
    )
    notes = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The person changed it (its title, date, notes, …): a suggestion that is now
    # theirs, which tidy-up never withdraws or moves (tracker.suggestions).
    edited = models.BooleanField(default=False, editable=False)

    class Rule(models.TextChoices):
        """Which suggestion rule made it (tracker.suggestions); blank if the person did."""

        APPLIED_CHECK_IN = "applied_check_in", "Check in a week after applying"
        INTERVIEW_THANK_YOU = "interview_thank_you", "Thank-you note after an interview"
        REJECTION_FEEDBACK = "rejection_feedback", "Ask for feedback after a rejection"
        REJECTION_KEEP_IN_TOUCH = "rejection_keep_in_touch", "Keep in touch after a rejection"
        CONTACT_KEEP_IN_TOUCH = "contact_keep_in_touch", "Keep in touch with a contact"
        FEEDBACK_REPLY_CHECK = "feedback_reply_check", "Check for a reply to a feedback request"

    rule = models.CharField(max_length=30, choices=Rule, blank=True, editable=False)
    # What prompted a suggestion. With the rule, each can prompt one follow-up only.
    source_event = models.ForeignKey(
        StatusEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    source_interview = models.ForeignKey(
        Interview,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    source_followup = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    source_feedback = models.ForeignKey(
        "FeedbackRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            # followup_list() and the dashboard: open follow-ups by due date.
            models.Index(
                fields=["user", "due_on"],
                condition=Q(done_at__isnull=True),
                name="followup_open_due_idx",
            ),
            # followup_list(): recently done ones.
            models.Index(fields=["user", "-done_at"], name="followup_user_done_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "source_event"],
                condition=Q(source_event__isnull=False),
                name="followup_one_per_rule_and_event",
            ),
            models.UniqueConstraint(
                fields=["rule", "source_interview"],
                condition=Q(source_interview__isnull=False),
                name="followup_one_per_rule_and_interview",
            ),
            models.UniqueConstraint(
                fields=["rule", "source_followup"],
                condition=Q(source_followup__isnull=False),
                name="followup_one_per_rule_and_followup",
            ),
            models.UniqueConstraint(
                fields=["rule", "source_feedback"],
                condition=Q(source_feedback__isnull=False),
                name="followup_one_per_rule_and_feedback",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Weekday(models.IntegerChoices):
    """Python's numbering (date.weekday()): Monday is 0."""

    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class TrackerPreferences(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracker_preferences"
    )
    suggest_followups = models.BooleanField(
        "suggest follow-ups for me",
        default=True,
        help_text="Check-ins after applying, thank-you notes after interviews, and more.",
    )
    # After how many days without news an application counts as gone quiet, by where it got.
    quiet_after_applied = models.PositiveSmallIntegerField(
        "days after applying",
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    quiet_after_screening = models.PositiveSmallIntegerField(
        "days after a screen",
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    quiet_after_interview = models.PositiveSmallIntegerField(
        "days after an interview",
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    # The work-search record groups activities by week, starting on this day.
    week_starts_on = models.PositiveSmallIntegerField(
        "my week starts on", choices=Weekday, default=Weekday.MONDAY
    )
    record_target = models.PositiveSmallIntegerField(
        "activities a week, on different days",
        default=3,
        validators=[MaxValueValidator(7)],
    )

    class Meta:
        verbose_name_plural = "tracker preferences"
        constraints = [
            models.CheckConstraint(
                condition=Q(week_starts_on__lte=6), name="preferences_week_starts_on_a_weekday"
            ),
            models.CheckConstraint(
                condition=Q(record_target__lte=7), name="preferences_record_target_in_a_week"
            ),
        ]

    def __str__(self) -> str:
        return f"Preferences of {self.user}"

    @property
    def quiet_thresholds(self) -> dict[str, int]:
        """Days without news after which an application at each status has gone quiet."""
        return {
            Status.APPLIED: self.quiet_after_applied,
            Status.SCREENING: self.quiet_after_screening,
            Status.INTERVIEWING: self.quiet_after_interview,
        }


class WeeklyGoal(models.Model):
    """How many applications a person aims for each week, from a week onwards.

    A new goal starts a new row, so past weeks keep the goal they had."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_goals"
    )
    week_start = models.DateField(help_text="The Monday the goal starts.")
    target = models.PositiveSmallIntegerField(
        "applications a week", validators=[MinValueValidator(0), MaxValueValidator(200)]
    )

    class Meta:
        ordering = ["week_start"]
        constraints = [
            models.UniqueConstraint(fields=["user", "week_start"], name="weeklygoal_one_per_week"),
            models.CheckConstraint(condition=Q(target__lte=200), name="weeklygoal_target_sane"),
        ]

    def __str__(self) -> str:
        return f"{self.target} a week from {self.week_start:%Y-%m-%d}"


# --- feedback requests ---------------------------------------------------------------


class FeedbackTheme(models.TextChoices):
    """What feedback tends to be about, so patterns show across many replies."""

    SKILLS_GAP = "skills_gap", "Skills gap"
    EXPERIENCE_LEVEL = "experience_level", "Experience level"
    INTERVIEW_PERFORMANCE = "interview_performance", "Interview performance"
    COMMUNICATION = "communication", "Communication"
    TECHNICAL_DEPTH = "technical_depth", "Technical depth"
    MATERIALS = "materials", "Résumé or application materials"
    CULTURE_FIT = "culture_fit", "Culture or team fit"
    COMPENSATION = "compensation", "Compensation"
    ROLE_CLOSED = "role_closed", "Role filled internally or closed"
    OTHER = "other", "Other"


def validate_themes(value) -> None:
    if not isinstance(value, list) or not set(value) <= set(FeedbackTheme.values):
        raise ValidationError("Choose themes from the list.")


def validate_tags(value) -> None:
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise ValidationError("Tags are a list of words.")
    if any(len(tag) > TAG_MAX_LENGTH for tag in value):
        raise ValidationError(f"Keep each tag to {TAG_MAX_LENGTH} characters.")
    if len(value) > TAGS_MAX:
        raise ValidationError(f"Up to {TAGS_MAX} tags, please.")


TAG_MAX_LENGTH = 40
TAGS_MAX = 20


class BuiltinTemplate(models.TextChoices):
    """The feedback emails we write for everyone (their words are in tracker.feedback.emails)."""

    AFTER_INTERVIEW = "after_interview", "After an interview"
    AFTER_APPLICATION = "after_application", "After an application or screen"
    STAY_IN_TOUCH = "stay_in_touch", "Stay in touch for future roles"


class FeedbackTemplate(models.Model):
    """A person's own feedback email, or their edited copy of one of ours.

    Our three templates live in code, so a person who never changed them gets
    any later rewording; editing one stores a row with `builtin` set, and
    deleting that row brings our wording back."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_templates"
    )
    builtin = models.CharField(max_length=20, choices=BuiltinTemplate, blank=True, editable=False)
    name = models.CharField(max_length=100)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "builtin"],
                condition=~Q(builtin=""),
                name="feedbacktemplate_one_copy_of_ours",
            ),
            models.CheckConstraint(
                condition=Q(builtin="") | Q(builtin__in=BuiltinTemplate.values),
                name="feedbacktemplate_builtin_is_ours",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FeedbackRequest(models.Model):
    """A polite request for feedback to an employer, from draft to their reply.

    draft → sent → replied, or sent → no reply (which a late reply can still follow).
    """

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Waiting for a reply"
        REPLIED = "replied", "Replied"
        NO_REPLY = "no_reply", "No reply"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_requests"
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="feedback_requests"
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_requests",
        verbose_name="to whom",
    )
    to_email = models.EmailField("their email address", blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField("message", blank=True)

    # Moved along by tracker.feedback.services only.
    state = models.CharField(max_length=10, choices=State, default=State.DRAFT, editable=False)
    sent_on = models.DateField(null=True, blank=True, editable=False)
    # The moment it was marked sent: "not sent after all" reopens exactly the
    # reminders to ask for feedback that marking it sent ticked off.
    marked_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_on = models.DateField(null=True, blank=True, editable=False)
    # Set by the composer page when it opens; a second post of the same page
    # (a double click, a click overtaking an autosave) finds this request again.
    form_key = models.CharField(max_length=36, blank=True, editable=False)

    replied_on = models.DateField("reply received", null=True, blank=True)
    reply_text = models.TextField("what they said", blank=True)
    themes = models.JSONField(default=list, blank=True, validators=[validate_themes])
    tags = models.JSONField(default=list, blank=True, validators=[validate_tags])
    will_change = models.TextField("what I’ll change", blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # feedback_list(): a person's requests, newest first, perhaps in one state.
            models.Index(fields=["user", "state", "-created_at"], name="feedback_user_state_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "form_key"],
                condition=~Q(form_key=""),
                name="feedback_one_per_composer_page",
            ),
            models.CheckConstraint(
                condition=Q(state="draft", sent_on__isnull=True)
                | (~Q(state="draft") & Q(sent_on__isnull=False)),
                name="feedback_sent_on_once_sent",
            ),
            models.CheckConstraint(
                condition=~Q(state="replied") | Q(replied_on__isnull=False),
                name="feedback_replied_has_date",
            ),
            models.CheckConstraint(
                condition=Q(state="no_reply", closed_on__isnull=False)
                | (~Q(state="no_reply") & Q(closed_on__isnull=True)),
                name="feedback_closed_on_only_when_no_reply",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("sent_on")),
                name="feedback_closed_after_sending",
            ),
            models.CheckConstraint(
                condition=Q(replied_on__isnull=True)
                | Q(sent_on__isnull=True)
                | Q(replied_on__gte=F("sent_on")),
                name="feedback_reply_after_sending",
                violation_error_message="The reply can’t have come before the request was sent.",
            ),
        ]

    # After this long without a reply, closing it as "no reply" is suggested.
    NO_REPLY_AFTER_DAYS = 21

    def __str__(self) -> str:
        return f"Feedback request to {self.application.company}"

    @property
    def days_waiting(self) -> int | None:
        """Days since it was sent, while a reply is still awaited."""
        if self.state != self.State.SENT:
            return None
        return max((timezone.localdate() - self.sent_on).days, 0)

    @property
    def long_wait(self) -> bool:
        return (self.days_waiting or 0) >= self.NO_REPLY_AFTER_DAYS

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(FeedbackTheme.choices)
        return [str(labels.get(theme, theme)) for theme in self.themes]


# --- work-search activities ---------------------------------------------------------


class ContactMethod(models.TextChoices):
    """How a person was in touch: the column a job centre's form asks for."""

    ONLINE = "online", "Online"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    POST = "post", "Post"


class Activity(models.Model):
    """Something done for the search that is not an application: a career fair, a
    workshop, a recruiter call. Applications, their steps and interviews count by
    themselves in the work-search record; an activity linked to an application on
    the same day as one of those stands in for it there (tracker.activities.selectors)."""

    class Kind(models.TextChoices):
        NETWORKING = "networking", "Networking event"
        WORKSHOP = "workshop", "Workshop or course"
        CAREER_FAIR = "career_fair", "Career fair"
        INFORMATIONAL = "informational", "Informational interview"
        RECRUITER_CALL = "recruiter_call", "Call with a recruiter"
        JOB_CLUB = "job_club", "Job-club meeting"
        AGENCY = "agency", "Registered with an agency"
        OTHER = "other", "Something else"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activities"
    )
    happened_on = models.DateField("date")
    kind = models.CharField("what it was", max_length=20, choices=Kind)
    organisation = models.CharField("organisation or employer", max_length=200)
    person = models.CharField("person you dealt with", max_length=200, blank=True)
    method = models.CharField("how", max_length=10, choices=ContactMethod)
    place = models.CharField("address or website", max_length=500, blank=True)
    phone = models.CharField(max_length=50, blank=True)
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name="about an application",
    )
    outcome = models.CharField("outcome so far", max_length=300, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name_plural = "activities"
        indexes = [
            # activity_list() and the work-search record: a person's activities by date.
            models.Index(fields=["user", "-happened_on", "-id"], name="activity_user_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.organisation}"

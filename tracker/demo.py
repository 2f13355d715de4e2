"""A realistic few months of job search for the demo account (`make demo`).

Everything is written through the services, so the demo has the same
histories, derived statuses and suggested follow-ups a real person would get.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tracker import services
from tracker.activities import services as activity_services
from tracker.feedback import emails
from tracker.feedback import services as feedback_services
from tracker.models import (
    Activity,
    Application,
    BuiltinTemplate,
    Contact,
    ContactMethod,
    EmploymentType,
    FeedbackTheme,
    FollowUp,
    Interview,
    RejectionChannel,
    RejectionStage,
    Source,
    Status,
    WorkMode,
)

COMPANIES = [
    "Northwind Analytics",
    "Bluefin Health",
    "Larkspur Energy",
    "Copperleaf Books",
    "Tidewater Labs",
    "Juniper Mobility",
    "Oakridge Insurance",
    "Pebble & Pine",
    "Quarry Street Media",
    "Saltmarsh Games",
    "Harbourline Logistics",
    "Fernhill Bank",
    "Brightwell Schools",
    "Cinder Cloud",
    "Maple Lane Foods",
    "Redkite Security",
    "Silverbirch Studio",
    "Stonegate Retail",
    "Willow Health Partners",
    "Kestrel Robotics",
    "Meadowsweet Travel",
    "Granite Peak Software",
    "Lanternfish Research",
    "Orchard Row Design",
    "Riverbend Council",
    "Sandpiper Pay",
    "Thistle & Co",
    "Upland Outdoor",
    "Vantage Point Consulting",
    "Wavecrest Telecom",
    "Yarrow Pharma",
    "Zephyr Air",
    "Hollowbrook Museum",
    "Ironbridge Rail",
    "Moorland Water",
    "Nettlefield Farms",
    "Owlstone Learning",
    "Primrose Care",
    "Rookwood Legal",
    "Starling Charity",
]
ROLES = [
    "Data analyst",
    "Product analyst",
    "Business intelligence analyst",
    "Analytics engineer",
    "Data scientist",
    "Reporting analyst",
    "Insights analyst",
    "Junior data engineer",
]
REASONS = [
    "They went with someone with more industry experience.",
    "The role was filled internally.",
    "Hiring for the role was paused.",
    "",
    "",
    "They wanted deeper experience with their BI tool.",
]
PEOPLE = [
    ("Priya Shah", "Recruiter", Contact.Relationship.RECRUITER),
    ("Tom Okafor", "Analytics lead", Contact.Relationship.HIRING_MANAGER),
    ("Marta Kowalska", "Senior data scientist", Contact.Relationship.INTERVIEWER),
    ("Sam Lee", "Former colleague", Contact.Relationship.REFERRAL),
    ("Ana Ruiz", "Head of data", Contact.Relationship.MENTOR),
    ("Jon Bell", "Talent partner", Contact.Relationship.RECRUITER),
]

# How far each demo application gets: (its path through the steps, how many).
JOURNEYS = [
    ([Status.SAVED], 5),
    ([Status.APPLIED], 9),
    ([Status.APPLIED, Status.NO_RESPONSE], 4),
    ([Status.APPLIED, Status.REJECTED], 7),
    ([Status.APPLIED, Status.SCREENING], 3),
    ([Status.APPLIED, Status.SCREENING, Status.REJECTED], 4),
    ([Status.APPLIED, Status.SCREENING, Status.INTERVIEWING], 3),
    ([Status.APPLIED, Status.SCREENING, Status.INTERVIEWING, Status.REJECTED], 3),
    ([Status.APPLIED, Status.SCREENING, Status.INTERVIEWING, Status.OFFER], 1),
    ([Status.APPLIED, Status.WITHDRAWN], 1),
]
STAGE_AFTER = {
    Status.APPLIED: RejectionStage.APPLICATION,
    Status.SCREENING: RejectionStage.RECRUITER_SCREEN,
    Status.INTERVIEWING: RejectionStage.TECHNICAL,
}


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed(*, user, today: date, rng: random.Random) -> None:
    """Fill an empty account with about four months of applications."""
    services.weekly_goal_set(user=user, target=4, today=today - timedelta(weeks=16))
    services.weekly_goal_set(user=user, target=5, today=today - timedelta(weeks=5))
    contacts = [
        services.contact_create(
            user=user,
            name=name,
            title=title,
            relationship=relationship,
            company=rng.choice(COMPANIES),
            email=f"{name.split()[0].lower()}@example.com",
            keep_in_touch_days=60 if relationship == Contact.Relationship.MENTOR else None,
            last_contacted_on=today - timedelta(days=rng.randint(10, 70)),
        )
        for name, title, relationship in PEOPLE
    ]
    companies = iter(rng.sample(COMPANIES, len(COMPANIES)))
    for path, count in JOURNEYS:
        for _ in range(count):
            _seed_application(user, next(companies), path, today, rng, contacts)

    _seed_feedback(user, today, rng)

    # A couple of the person's own follow-ups, one of them overdue.
    services.followup_create(
        user=user,
        title="Update my portfolio with the churn analysis",
        due_on=today - timedelta(days=2),
        kind=FollowUp.Kind.OTHER,
    )
    services.followup_create(
        user=user,
        title="Coffee with Sam about openings at their team",
        due_on=today + timedelta(days=3),
        kind=FollowUp.Kind.KEEP_IN_TOUCH,
        contact=contacts[3],
    )
    _seed_activities(user, today)


# Work-search activities besides applications: (days ago, kind, organisation, person,
# how, address or website, phone, outcome).
ACTIVITIES = [
    (
        3,
        Activity.Kind.CAREER_FAIR,
        "City Careers Fair",
        "",
        ContactMethod.IN_PERSON,
        "Town Hall, Market Square",
        "",
        "Spoke to four employers; two asked for my CV.",
    ),
    (
        9,
        Activity.Kind.WORKSHOP,
        "Jobcentre",
        "Priya (work coach)",
        ContactMethod.IN_PERSON,
        "14 Station Road",
        "",
        "Rewrote my CV's opening summary.",
    ),
    (
        16,
        Activity.Kind.RECRUITER_CALL,
        "Brightpath Recruitment",
        "Alex Moreno",
        ContactMethod.PHONE,
        "",
        "020 7946 0321",
        "Alex will send two data roles next week.",
    ),
    (
        23,
        Activity.Kind.AGENCY,
        "Northstar Talent",
        "",
        ContactMethod.ONLINE,
        "https://northstar.example.com",
        "",
        "Registered; profile under review.",
    ),
    (
        30,
        Activity.Kind.JOB_CLUB,
        "Riverside Library job club",
        "",
        ContactMethod.IN_PERSON,
        "Riverside Library",
        "",
        "Practised interview answers in pairs.",
    ),
]


def _seed_activities(user, today: date) -> None:
    for days, kind, organisation, person, method, place, phone, outcome in ACTIVITIES:
        activity_services.activity_create(
            user=user,
            happened_on=today - timedelta(days=days),
            kind=kind,
            organisation=organisation,
            person=person,
            method=method,
            place=place,
            phone=phone,
            outcome=outcome,
        )


def _seed_application(user, company, path, today, rng, contacts) -> Application:
    applied_on = today - timedelta(days=rng.randint(3, 110))
    application = services.application_create(
        user=user,
        company=company,
        role=rng.choice(ROLES),
        status=path[0],
        applied_on=applied_on if path[0] != Status.SAVED else None,
        status_on=applied_on
        if path[0] != Status.SAVED
        else today - timedelta(days=rng.randint(0, 20)),
        found_on=applied_on - timedelta(days=rng.randint(0, 6)),
        location=rng.choice(["London", "Manchester", "Leeds", "Remote (UK)", "Bristol"]),
        work_mode=rng.choice(WorkMode.values),
        employment_type=rng.choice([EmploymentType.FULL_TIME] * 4 + [EmploymentType.CONTRACT]),
        source=rng.choice(Source.values),
        fit=rng.randint(2, 5),
        salary_min=rng.choice([None, 38000, 42000, 48000]),
        salary_currency="GBP",
        job_url=f"https://jobs.example.com/{company.split()[0].lower()}/{rng.randint(1000, 9999)}",
        documents_sent="CV v3 (analytics focus)" if path[0] != Status.SAVED else "",
        notes=rng.choice(["", "Team uses dbt and Looker.", "Found through a meetup talk."]),
    )
    if application.salary_min:
        services.application_update(
            application=application, salary_max=application.salary_min + 8000
        )
    on = applied_on
    involved = rng.sample(contacts, rng.randint(0, 2))
    if involved:
        services.application_update(application=application, contacts=involved)
    previous = path[0]
    for status in path[1:]:
        on = min(on + timedelta(days=rng.randint(4, 14)), today)
        if status == Status.INTERVIEWING:
            interview_day = min(on + timedelta(days=rng.randint(2, 6)), today + timedelta(days=5))
            services.interview_create(
                application=application,
                scheduled_at=_at(interview_day, rng.choice([10, 11, 14, 15])),
                kind=rng.choice(
                    [Interview.Kind.VIDEO, Interview.Kind.TECHNICAL, Interview.Kind.PANEL]
                ),
                prep_notes="Re-read the job description; prepare the churn-model story.",
                went_well="Good rapport; the SQL exercise felt fine."
                if interview_day < today
                else "",
                contacts=involved[:1],
            )
        if status == Status.REJECTED:
            services.application_set_status(
                application=application,
                status=status,
                on=on,
                stage=STAGE_AFTER.get(previous, RejectionStage.APPLICATION),
                reason=rng.choice(REASONS),
                channel=rng.choice([RejectionChannel.EMAIL] * 3 + [RejectionChannel.PORTAL]),
            )
        else:
            services.application_set_status(application=application, status=status, on=on)
        previous = status
    # Old suggestions have mostly been dealt with; recent ones are still open.
    for followup in FollowUp.objects.filter(application=application, done_at__isnull=True):
        if followup.due_on < today - timedelta(days=3) and rng.random() < 0.8:
            services.followup_mark_done(followup=followup)
            # Done back then, not at the moment the demo was made.
            FollowUp.objects.filter(pk=followup.pk).update(done_at=_at(followup.due_on, 17))
    return application


# Replies a few employers sent back, with what the person took from them.
REPLIES = [
    (
        "Thank you for asking. You were a strong candidate; in the end we went with someone "
        "who had run A/B tests at scale, which the team needs from day one.",
        [FeedbackTheme.EXPERIENCE_LEVEL, FeedbackTheme.TECHNICAL_DEPTH],
        ["experimentation"],
        "Run a small A/B test analysis end to end and write it up",
    ),
    (
        "Your SQL exercise was good. The panel would have liked to hear more about how you "
        "explain results to people who are not analysts.",
        [FeedbackTheme.COMMUNICATION, FeedbackTheme.INTERVIEW_PERFORMANCE],
        ["storytelling"],
        "Practise explaining one analysis to a non-technical friend",
    ),
    (
        "The role was filled by an internal move before we finished interviewing. "
        "Nothing you did — we would be glad to hear from you again.",
        [FeedbackTheme.ROLE_CLOSED],
        [],
        "",
    ),
    (
        "We had many applications from people who had already led analytics work on their "
        "own. Your CV could say more plainly what you owned in your last projects.",
        [FeedbackTheme.EXPERIENCE_LEVEL, FeedbackTheme.MATERIALS],
        ["cv"],
        "Rewrite my CV bullets around what I owned and what changed because of it",
    ),
    (
        "You came across well. For this role we needed someone who has worked with "
        "forecasting in production, and other candidates had more of that.",
        [FeedbackTheme.EXPERIENCE_LEVEL, FeedbackTheme.SKILLS_GAP],
        ["forecasting"],
        "Build a small forecasting project with a write-up",
    ),
]


def _seed_feedback(user, today: date, rng: random.Random) -> None:
    """Feedback asked for after some of the rejections: answered, waiting, unanswered, a draft."""
    rejections = list(
        Application.objects.filter(user=user, status=Status.REJECTED).order_by("status_changed_on")
    )
    outcomes = [
        "replied",
        "replied",
        "no_reply",
        "replied",
        "replied",
        "replied",
        "waiting",
        "waiting",
        "draft",
    ]
    replies = iter(REPLIES)
    for application, outcome in zip(rejections, outcomes, strict=False):
        recipients = list(application.contacts.order_by("name"))
        contact = recipients[0] if recipients else None
        history = emails.history_of(application)
        values = emails.placeholder_values(
            application=application,
            history=history,
            contact=contact,
            my_name=user.get_full_name(),
        )
        subject, body = emails.BUILTIN_WORDING[emails.suggested_template(history)]
        request = feedback_services.feedback_request_create(
            user=user,
            application=application,
            contact=contact,
            to_email=contact.email if contact else "",
            subject=emails.fill(subject, values).text,
            body=emails.fill(body, values).text,
        )
        if outcome == "draft":
            continue
        sent_on = min(application.status_changed_on + timedelta(days=rng.randint(1, 3)), today)
        feedback_services.feedback_request_mark_sent(feedback=request, on=sent_on)
        if outcome == "replied":
            text, themes, tags, change = next(replies)
            feedback_services.feedback_request_record_reply(
                feedback=request,
                on=min(sent_on + timedelta(days=rng.randint(2, 9)), today),
                text=text,
                themes=list(themes),
                tags=tags,
                will_change=change,
            )
        elif outcome == "no_reply":
            feedback_services.feedback_request_close(
                feedback=request, on=min(sent_on + timedelta(days=24), today)
            )
        # Reminders dealt with back then, not at the moment the demo was made.
        request.refresh_from_db()
        FollowUp.objects.filter(
            application=application, kind=FollowUp.Kind.FEEDBACK_REQUEST, done_at__isnull=False
        ).update(done_at=_at(sent_on, 17))
        settled = request.replied_on or request.closed_on
        if settled is not None:
            FollowUp.objects.filter(source_feedback=request).update(done_at=_at(settled, 17))
    # One of ours, in the person's own words.
    after_interview_subject, after_interview_body = emails.BUILTIN_WORDING[
        BuiltinTemplate.AFTER_INTERVIEW
    ]
    feedback_services.feedback_template_save(
        user=user,
        builtin=BuiltinTemplate.AFTER_INTERVIEW,
        name="After an interview (my words)",
        subject=after_interview_subject,
        body=after_interview_body.replace("Best wishes,", "Thanks so much,"),
    )

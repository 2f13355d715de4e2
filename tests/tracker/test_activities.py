"""Work-search activities: the services, and the pages for their owner, someone
else and a visitor who is not logged in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given

from tests.html import text
from tests.test_bad_input import assert_saved_or_explained, checked, choice, dates, short, typed
from tests.tracker.factories import ActivityFactory, ApplicationFactory
from tracker.activities import services
from tracker.models import Activity, ContactMethod

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    return {
        "happened_on": timezone.localdate().isoformat(),
        "kind": "career_fair",
        "organisation": "City Careers Fair",
        "person": "Jo Park",
        "method": "in_person",
        "place": "Town Hall",
        "phone": "",
        "outcome": "Two employers asked for my CV.",
        "notes": "",
        **overrides,
    }


# --- services --------------------------------------------------------------------------


def test_adding_an_activity_tidies_the_names(owner):
    activity = services.activity_create(
        user=owner,
        happened_on=timezone.localdate(),
        kind=Activity.Kind.WORKSHOP,
        organisation="  Job   Centre ",
        person=" Priya ",
        method=ContactMethod.IN_PERSON,
    )
    assert (activity.organisation, activity.person) == ("Job Centre", "Priya")


def test_an_activity_cannot_be_in_the_future(owner):
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            user=owner,
            happened_on=timezone.localdate() + dt.timedelta(days=1),
            kind=Activity.Kind.WORKSHOP,
            organisation="Job Centre",
            method=ContactMethod.IN_PERSON,
        )
    assert "happened_on" in error.value.error_dict
    assert not Activity.objects.exists()


def test_an_activity_cannot_be_about_someone_elses_application(owner, stranger):
    theirs = ApplicationFactory(user=stranger)
    with pytest.raises(ValidationError):
        services.activity_create(
            user=owner,
            happened_on=timezone.localdate(),
            kind=Activity.Kind.OTHER,
            organisation="Acme",
            method=ContactMethod.EMAIL,
            application=theirs,
        )
    assert not Activity.objects.exists()


def test_a_change_that_does_not_validate_is_not_kept(owner):
    activity = ActivityFactory(user=owner, organisation="Before")
    with pytest.raises(ValidationError):
        services.activity_update(activity=activity, organisation="After", method="by pigeon")
    activity.refresh_from_db()
    assert activity.organisation == "Before"


def test_deleting_an_application_keeps_the_activities_about_it(owner):
    application = ApplicationFactory(user=owner)
    activity = ActivityFactory(user=owner, application=application)
    application.delete()
    activity.refresh_from_db()
    assert activity.application is None


def test_the_database_refuses_a_week_starting_on_no_day(owner):
    from tracker.models import TrackerPreferences

    with pytest.raises(IntegrityError):
        TrackerPreferences.objects.create(user=owner, week_starts_on=7)


# --- pages -----------------------------------------------------------------------------


def test_the_owner_sees_their_activities(owner_client, owner, stranger):
    ActivityFactory(user=owner, organisation="City Careers Fair", person="Jo Park")
    ActivityFactory(user=stranger, organisation="Someone else's fair")
    page = text(owner_client.get(reverse("tracker:activity_list")).content.decode())
    assert "Career fair, City Careers Fair" in page
    assert "with Jo Park" in page
    assert "Someone else" not in page


def test_an_empty_list_explains_what_belongs_there(owner_client):
    page = text(owner_client.get(reverse("tracker:activity_list")).content.decode())
    assert "Nothing here yet." in page
    assert "there is no need to add them here" in page


def test_adding_an_activity_goes_back_to_the_record_it_came_from(owner_client, owner):
    back = f"{reverse('worksearch')}?start=2026-11-01&end=2026-11-18"
    response = owner_client.post(reverse("tracker:activity_new"), {**_form(), "next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    activity = Activity.objects.get(user=owner)
    assert activity.organisation == "City Careers Fair"
    assert activity.method == ContactMethod.IN_PERSON


def test_an_activity_can_be_about_an_application_chosen_from_the_persons_own(
    owner_client, owner, stranger
):
    mine = ApplicationFactory(user=owner, company="Acme", role="Analyst")
    theirs = ApplicationFactory(user=stranger, company="Elsewhere")
    form_page = owner_client.get(reverse("tracker:activity_new"), {"application": mine.pk})
    html = form_page.content.decode()
    assert "Analyst at Acme" in html and "Elsewhere" not in html
    response = owner_client.post(reverse("tracker:activity_new"), _form(application=str(theirs.pk)))
    assert "There is a problem" in response.content.decode()
    owner_client.post(reverse("tracker:activity_new"), _form(application=str(mine.pk)))
    assert Activity.objects.get(user=owner).application == mine


def test_a_mistake_is_explained_and_everything_typed_is_kept(owner_client):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = owner_client.post(
        reverse("tracker:activity_new"),
        _form(happened_on=tomorrow, organisation="", notes="Bring <printed> CVs"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "can’t be in the future" in html
    assert "Organisation or employer is needed." in html
    assert "Bring &lt;printed&gt; CVs" in html and "Jo Park" in html
    assert not Activity.objects.exists()


def test_the_owner_can_change_and_delete_an_activity(owner_client, owner):
    activity = ActivityFactory(user=owner, organisation="Before")
    edit = reverse("tracker:activity_edit", args=[activity.pk])
    assert "Before" in owner_client.get(edit).content.decode()
    owner_client.post(edit, _form(organisation="After"))
    activity.refresh_from_db()
    assert activity.organisation == "After"
    delete = reverse("tracker:activity_delete", args=[activity.pk])
    assert "Delete this activity?" in owner_client.get(delete).content.decode()
    response = owner_client.post(delete)
    assert response["Location"] == reverse("tracker:activity_list")
    assert not Activity.objects.exists()


def test_another_person_cannot_see_change_or_delete_an_activity(client, owner, stranger):
    activity = ActivityFactory(user=owner, organisation="Mine")
    client.force_login(stranger)
    for name in ("tracker:activity_edit", "tracker:activity_delete"):
        url = reverse(name, args=[activity.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, _form(organisation="Taken")).status_code == 404
    activity.refresh_from_db()
    assert activity.organisation == "Mine"


def test_a_visitor_who_is_not_logged_in_is_asked_to_log_in(client, owner):
    activity = ActivityFactory(user=owner)
    for url in (
        reverse("tracker:activity_list"),
        reverse("tracker:activity_new"),
        reverse("tracker:activity_edit", args=[activity.pk]),
        reverse("tracker:activity_delete", args=[activity.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert client.post(reverse("tracker:activity_new"), _form()).status_code == 302
    assert Activity.objects.count() == 1


@checked
@given(
    happened_on=dates,
    kind=choice(Activity.Kind.values),
    organisation=typed,
    person=typed,
    method=choice(ContactMethod.values),
    place=typed,
    phone=short,
    outcome=typed,
    notes=typed,
)
def test_whatever_is_typed_is_saved_or_explained_and_kept(owner_client, **data):
    response = owner_client.post(reverse("tracker:activity_new"), data)
    assert_saved_or_explained(
        response, {k: data[k] for k in ("organisation", "person", "place", "outcome", "notes")}
    )

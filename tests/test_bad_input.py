"""Property-based: whatever is typed into the main forms, it is either saved or
comes back with an explanation and every typed character — never an error page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tracker import services
from tracker.feedback import services as feedback_services
from tracker.models import Status

pytestmark = pytest.mark.django_db

# What a person can type: any text but lone surrogates (no browser sends those).
typed = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
short = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
dates = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)).map(str),
    short,
    st.just(""),
)
numbers = st.one_of(st.integers(min_value=-(10**12), max_value=10**12).map(str), short)


def choice(values) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from([*values, ""]), short)


checked = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_saved_or_explained(response, typed_values: dict[str, str]) -> None:
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        html = response.content.decode()
        # Explained: a mistake, or the same company and role added before ("Save anyway").
        assert "There is a problem" in html or "You may have applied already" in html
        for name, value in typed_values.items():
            assert escape(value) in html, f"{name}: {value!r} was lost"


@checked
@given(
    company=typed,
    role=typed,
    status=choice(Status.values),
    applied_on=dates,
    job_url=typed,
    salary_min=numbers,
    salary_max=numbers,
    fit=choice(["1", "2", "3", "4", "5"]),
    notes=typed,
)
def test_adding_an_application(owner_client, **data):
    response = owner_client.post(reverse("tracker:application_new"), data)
    assert_saved_or_explained(
        response, {k: data[k] for k in ("company", "role", "job_url", "notes")}
    )


@checked
@given(
    status=choice(Status.values),
    on=dates,
    note=typed,
    stage=choice(["application", "final"]),
    reason=typed,
    channel=choice(["email", "call"]),
)
def test_changing_a_status(owner_client, owner, **data):
    application = services.application_create(user=owner, company="Acme", role="Analyst")
    response = owner_client.post(reverse("tracker:application_status", args=[application.pk]), data)
    assert_saved_or_explained(response, {k: data[k] for k in ("note", "reason")})


@checked
@given(
    title=typed, due_on=dates, kind=choice(["other", "thank_you"]), notes=typed, application=short
)
def test_adding_a_follow_up(owner_client, **data):
    response = owner_client.post(reverse("tracker:followup_new"), data)
    assert_saved_or_explained(response, {k: data[k] for k in ("title", "notes")})


REFLECTION_TEXT = (
    "what_happened",
    "automatic_thought",
    "reframe",
    "outside_other",
    "went_well",
    "do_differently",
    "fit_why",
    "next_skill",
    "next_reach_out",
)


@checked
@given(
    texts=st.fixed_dictionaries(dict.fromkeys(REFLECTION_TEXT, typed)),
    mood=choice([str(n) for n in range(1, 11)]),
    mood_after=choice([str(n) for n in range(1, 11)]),
    on=dates,
    fit=choice(["yes", "unsure", "no"]),
    intensity=choice(["low", "medium", "high"]),
)
def test_saving_a_reflection(owner_client, texts, **data):
    response = owner_client.post(
        reverse("journal:reflection_new"), {**texts, **data, "finish": "1", "step": "8"}
    )
    assert_saved_or_explained(response, texts)


@checked
@given(
    to_email=short,
    subject=typed,
    body=typed,
    sent_on=dates,
    action=st.sampled_from(["save", "send"]),
    contact=short,
)
def test_writing_a_feedback_request(owner_client, owner, action, **data):
    application = services.application_create(user=owner, company="Acme", role="Analyst")
    response = owner_client.post(
        reverse("tracker:feedback_new"), {**data, "application": application.pk, action: "1"}
    )
    assert_saved_or_explained(response, {k: data[k] for k in ("to_email", "subject", "body")})


@checked
@given(
    replied_on=dates,
    reply_text=typed,
    will_change=typed,
    tags=typed,
    themes=st.lists(choice(["skills_gap", "other"]), max_size=3),
)
def test_recording_a_feedback_reply(owner_client, owner, **data):
    application = services.application_create(user=owner, company="Acme", role="Analyst")
    feedback = feedback_services.feedback_request_create(user=owner, application=application)
    feedback_services.feedback_request_mark_sent(feedback=feedback)
    response = owner_client.post(reverse("tracker:feedback_reply", args=[feedback.pk]), data)
    assert_saved_or_explained(response, {k: data[k] for k in ("reply_text", "will_change")})


def test_the_same_application_twice_is_explained_too(owner_client):
    data = {"company": "çÄÕL", "role": "\x98/1RÆC¿", "status": "saved", "notes": "kept"}
    assert owner_client.post(reverse("tracker:application_new"), data).status_code == 302
    response = owner_client.post(reverse("tracker:application_new"), data)
    assert_saved_or_explained(response, {"company": data["company"], "notes": "kept"})


# NUL characters: invisible, refused by forms, and unstorable in PostgreSQL (CI runs
# these on both databases).


def test_a_nul_in_a_search_is_just_ignored(owner_client):
    for url in ("tracker:application_list", "tracker:contact_list", "journal:entry_list"):
        assert owner_client.get(reverse(url), {"q": "a\x00b"}).status_code == 200


def test_a_nul_in_a_username_is_explained_not_an_error(client):
    response = client.post(reverse("login"), {"username": "a\x00b", "password": "x"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


# Links edited by hand, stale bookmarks: the page copes.
@pytest.mark.parametrize(
    "url",
    [
        "/journal/reflections/new/?application=abc",
        "/journal/reflections/new/?event=abc",
        "/journal/reflections/new/?application=99999999999999999999",
        "/journal/skills/new/?entry=abc",
        "/journal/?application=abc",
        "/journal/?kind=zzz&emotion=%00&tag=x",
        "/follow-ups/new/?application=abc&contact=zz",
        "/follow-ups/?group=zzz",
        "/follow-ups/?group=overdue&page=abc",
        "/applications/?page=abc&status=zzz&sort=zzz",
        "/contacts/?page=-1",
        "/journal/reflections/drafts/1/?step=abc",
        "/applications/new/?status=zzz&applied_on=abc",
        "/feedback/new/?application=abc",
        "/feedback/new/?application=%C2%B2",
        "/contacts/new/?application=%C2%B2",
        "/feedback/new/?application=99999999999999999999",
        "/feedback/?state=zzz&page=abc",
        "/feedback/templates/new/?from=zzz",
    ],
)
def test_odd_query_strings_never_break_a_page(owner_client, url):
    response = owner_client.get(url)
    assert response.status_code in (200, 302, 404), response.status_code


# Every page without an id in its path, with its query string fuzzed: the names
# our pages read, and others, each with any value. Walks the URLconf, so a new
# page is fuzzed without anyone remembering to add it.
QUERY_NAMES = (
    "q",
    "page",
    "status",
    "sort",
    "source",
    "work_mode",
    "group",
    "state",
    "kind",
    "emotion",
    "tag",
    "application",
    "event",
    "entry",
    "contact",
    "step",
    "period",
    "from",
    "next",
    "theme",
)
query_values = st.one_of(
    typed,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "0", "-1", "²", "1e9", "NaN", "%00", "\x00", "../", "a" * 5000]),
    st.lists(st.sampled_from(["w", "word", "ＡＢ", "²"]), min_size=900, max_size=1100).map(
        " ".join
    ),
)
queries = st.dictionaries(
    st.one_of(st.sampled_from(QUERY_NAMES), short.filter(bool)),
    st.one_of(query_values, st.lists(query_values, min_size=1, max_size=3)),
    max_size=6,
)


def _pages_without_ids() -> list[str]:
    from tests.routes import own_routes, routes

    with_args = {name for name, pattern in routes() if pattern.pattern.converters}
    return [name for name in own_routes() if name not in with_args]


@pytest.mark.parametrize("name", _pages_without_ids())
def test_any_query_string_on_any_page_is_answered_without_an_error(owner_client, name):
    url = reverse(name)

    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=queries)
    @example(query={"q": " ".join(f"word{n}" for n in range(1000))})
    @example(query={"next": "0", "page": "²", "application": "²", "event": "-1"})
    def check(query):
        response = owner_client.get(url, query)
        assert response.status_code in (200, 302, 404, 405), (query, response.status_code)
        # An htmx request asks for the fragment of the same page.
        response = owner_client.get(url, query, headers={"HX-Request": "true"})
        assert response.status_code in (200, 302, 404, 405), (query, response.status_code)

    check()

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils import dateformat, timezone
from django.utils.datastructures import MultiValueDict

from jobsearch.formtools import (
    CHECKBOX_FIELD,
    FILTER_FIELD,
    CheckList,
    Chips,
    ChoiceList,
    DateInput,
    Form,
    ModelForm,
    NamesField,
    explained,
    scale_field,
)
from jobsearch.validators import not_in_future
from journal import selectors
from journal.models import (
    FACTOR_EXPLANATIONS,
    TRAP_EXPLANATIONS,
    Entry,
    Fit,
    Intensity,
    OutsideFactor,
    SkillGoal,
    ThinkingTrap,
)
from journal.reflection import NEXT_STEPS, STEPS, Step, step_for
from tracker.models import Application
from tracker.selectors import application_choices

# --- fields ------------------------------------------------------------------------


def mood_field(label: str, help_text: str = "", required: bool = False) -> forms.Field:
    return scale_field(
        label,
        help_text=help_text or "1 is as low as it gets, 10 is as good as it gets.",
        required=required,
        error="Choose a mood from 1 to 10.",
    )


class ApplicationField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Application) -> str:
        return f"{obj.company} — {obj.role}"


class EntryForm(Form):
    """What every entry has: a date, an optional application and tags."""

    on = forms.DateField(
        label="Date", widget=DateInput, help_text="Change it to write about an earlier day."
    )
    application = ApplicationField(
        queryset=Application.objects.none(),
        required=False,
        label="About an application",
        empty_label="No particular application",
    )
    tags = NamesField(
        what="tag",
        label="Tags",
        help_text="Words to find this by later, with commas between, like: interviews, python.",
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = application_choices(user=user)
        if not self.is_bound and "on" not in self.initial:
            self.initial["on"] = timezone.localdate()

    def clean_on(self):
        return not_in_future(self.cleaned_data.get("on"))

    def link_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"on": data["on"], "application": data["application"], "tags": data["tags"]}

    @staticmethod
    def initial_links(entry: Entry) -> dict[str, Any]:
        return {
            "on": entry.on,
            "application": entry.application_id,
            "tags": ", ".join(tag.name for tag in entry.tags.all()),
        }


class FeelingsMixin(forms.Form):
    emotions = forms.MultipleChoiceField(
        required=False, widget=Chips, label="Which feelings are there?", help_text="Tick any."
    )
    emotions_own = NamesField(
        what="feeling",
        max_length=200,
        label="Other feelings, in your words",
        help_text="Separate several with commas.",
    )

    def _offer_emotions(self):
        self.fields["emotions"].choices = [
            (name, name) for name in selectors.emotion_choices(user=self.user)
        ]

    def emotion_names(self) -> list[str]:
        return [*self.cleaned_data["emotions"], *self.cleaned_data["emotions_own"]]


# --- the reflection ------------------------------------------------------------------------


NEXT_STEP_FIELDS = NEXT_STEPS.fields


@dataclass
class SummaryItem:
    label: str
    value: str | list[str]

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


@dataclass
class SummarySection:
    step: Step
    items: list[SummaryItem] = field(default_factory=list)


class ReflectionForm(FeelingsMixin, EntryForm):
    """The whole reflection. Shown one step at a time with scripts, as one long form without."""

    status_event = forms.CharField(widget=forms.HiddenInput, required=False)
    what_happened = forms.CharField(
        label="In your own words",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The email, the call, the silence. A few words are enough.",
    )
    mood = mood_field("Your mood right now")
    intensity = forms.ChoiceField(
        choices=Intensity.choices, required=False, widget=ChoiceList, label="How strong is it?"
    )
    automatic_thought = forms.CharField(
        label="The thought that keeps coming back",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Write it the way it sounds in your head, like “I’m never going to get hired”.",
    )
    thinking_traps = forms.MultipleChoiceField(
        choices=[
            (trap.value, explained(trap.label, TRAP_EXPLANATIONS[trap])) for trap in ThinkingTrap
        ],
        required=False,
        widget=CheckList,
        label="Thinking traps it shows",
        help_text="Tick any that fit. Spotting one does not make the feeling wrong.",
    )
    reframe = forms.CharField(
        label="A more balanced way to see it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What would you say to a friend who had this thought? Fair, not cheerful.",
    )
    outside_factors = forms.MultipleChoiceField(
        choices=[
            (factor.value, explained(factor.label, FACTOR_EXPLANATIONS[factor]))
            for factor in OutsideFactor
        ],
        required=False,
        widget=CheckList,
        label="Which of these might have played a part?",
        help_text="None of them are about you. Tick any that could apply, even if unsure.",
    )
    outside_other = forms.CharField(
        label="Anything else outside your control",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    went_well = forms.CharField(
        label="What went well", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    do_differently = forms.CharField(
        label="What you would do differently next time",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    fit = forms.ChoiceField(
        choices=Fit.choices,
        required=False,
        widget=ChoiceList,
        label="Was it really the right fit for you?",
    )
    fit_why = forms.CharField(
        label="Why do you think so?", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_feedback = forms.BooleanField(
        required=False,
        label="Ask this employer for feedback",
        help_text="We add a reminder for two days from now.",
        template_name=CHECKBOX_FIELD,
    )
    next_skill = forms.CharField(
        label="A skill to build",
        required=False,
        max_length=200,
        help_text="We start a skill goal for it, like “SQL window functions”.",
    )
    next_reach_out = forms.CharField(
        label="Someone to reach out to",
        required=False,
        max_length=200,
        help_text="Who? We remind you in three days.",
    )
    next_break = forms.BooleanField(
        required=False,
        label="Take a break today",
        help_text="We add a gentle reminder for today. Rest is part of this.",
        template_name=CHECKBOX_FIELD,
    )
    mood_after = mood_field("Your mood now")

    field_order = [name for step in STEPS for name in step.fields] + ["status_event"]

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_emotions()
        self.editing = editing
        if editing:
            # A saved reflection's next steps were actions; they are not undone by editing.
            for name in NEXT_STEP_FIELDS:
                del self.fields[name]

    # Drafts keep the form exactly as posted: every field's raw text.

    @classmethod
    def raw(cls, data: MultiValueDict) -> dict[str, Any]:
        kept: dict[str, Any] = {}
        for name, form_field in cls.base_fields.items():
            if name not in data:
                continue
            if isinstance(form_field, forms.MultipleChoiceField):
                kept[name] = data.getlist(name)
            else:
                kept[name] = data.get(name, "")
        return kept

    @staticmethod
    def as_data(raw: dict[str, Any]) -> MultiValueDict:
        return MultiValueDict(
            {name: value if isinstance(value, list) else [value] for name, value in raw.items()}
        )

    def clean(self):
        data = super().clean()
        application = data.get("application")
        data["status_event"] = step_for(
            user=self.user, application=application, step=data.get("status_event")
        )
        if data.get("next_feedback") and application is None:
            self.add_error(
                "next_feedback", "Choose the application in step 1, so we know whom to ask."
            )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {
            **self.link_kwargs(),
            "status_event": data["status_event"],
            "body": data["what_happened"],
            "mood": data["mood"],
            "emotions": self.emotion_names(),
            "intensity": data["intensity"],
            "automatic_thought": data["automatic_thought"],
            "thinking_traps": data["thinking_traps"],
            "reframe": data["reframe"],
            "outside_factors": data["outside_factors"],
            "outside_other": data["outside_other"],
            "went_well": data["went_well"],
            "do_differently": data["do_differently"],
            "fit": data["fit"],
            "fit_why": data["fit_why"],
            "mood_after": data["mood_after"],
        }
        if not self.editing:
            kwargs.update({name: data[name] for name in NEXT_STEP_FIELDS})
        return kwargs

    @classmethod
    def initial_from(cls, entry: Entry) -> dict[str, Any]:
        return {
            **cls.initial_links(entry),
            "status_event": entry.status_event_id or "",
            "what_happened": entry.body,
            "mood": entry.mood,
            "emotions": [emotion.name for emotion in entry.emotions.all()],
            "intensity": entry.intensity,
            "automatic_thought": entry.automatic_thought,
            "thinking_traps": entry.thinking_traps,
            "reframe": entry.reframe,
            "outside_factors": entry.outside_factors,
            "outside_other": entry.outside_other,
            "went_well": entry.went_well,
            "do_differently": entry.do_differently,
            "fit": entry.fit,
            "fit_why": entry.fit_why,
            "mood_after": entry.mood_after,
        }

    def step_errors(self, step: Step) -> dict[str, Any]:
        return {name: self.errors[name] for name in step.fields if name in self.errors}

    def keep_errors_of(self, step: Step) -> None:
        """Show only this step's mistakes; the others are for when the person gets there."""
        for name in list(self.errors):
            if name not in step.fields:
                del self.errors[name]

    def summary(self) -> list[SummarySection]:
        """The answers so far, step by step, in words, for the check-your-answers step."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        sections = []
        for step in STEPS:
            section = SummarySection(step=step)
            for name in step.fields:
                if name not in self.fields:
                    continue
                value = data.get(name)
                form_field = self.fields[name]
                if name == "emotions":
                    value = ", ".join([*data.get("emotions", []), *data.get("emotions_own", [])])
                elif name == "emotions_own":
                    continue
                elif name in ("thinking_traps", "outside_factors"):
                    choices = ThinkingTrap if name == "thinking_traps" else OutsideFactor
                    value = [choices(v).label for v in value or []]
                elif isinstance(form_field, forms.ChoiceField) and value not in (None, ""):
                    value = dict(form_field.choices).get(value, value)
                    if name in ("mood", "mood_after"):
                        value = f"{value} out of 10"
                elif name == "application":
                    value = f"{value.role} at {value.company}" if value else ""
                elif name == "on":
                    value = dateformat.format(value, "j F Y") if value else ""
                elif name == "tags":
                    value = ", ".join(value or [])
                elif isinstance(form_field, forms.BooleanField):
                    value = "Yes" if value else ""
                if value:
                    section.items.append(SummaryItem(label=str(form_field.label), value=value))
            sections.append(section)
        return sections


# --- check-ins, wins and notes --------------------------------------------------------------


class CheckInForm(FeelingsMixin, EntryForm):
    mood = mood_field("How are you, from 1 to 10?", required=True)
    body = forms.CharField(
        label="A short note", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    prompt = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)
    prompt_answer = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["mood", "emotions", "emotions_own", "body", "prompt", "prompt_answer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_emotions()
        if not self.is_bound and "prompt" not in self.initial:
            self.initial["prompt"] = selectors.prompt_for(timezone.localdate())
        prompt = self.data.get("prompt") if self.is_bound else self.initial.get("prompt")
        self.fields["prompt_answer"].label = prompt or "Anything else on your mind"
        self.fields["prompt_answer"].help_text = "Only if you feel like it."

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.link_kwargs(),
            "mood": data["mood"],
            "emotions": self.emotion_names(),
            "body": data["body"],
            "prompt": data["prompt"] if data["prompt_answer"].strip() else "",
            "prompt_answer": data["prompt_answer"],
        }

    @classmethod
    def initial_from(cls, entry: Entry) -> dict[str, Any]:
        return {
            **cls.initial_links(entry),
            "mood": entry.mood,
            "emotions": [emotion.name for emotion in entry.emotions.all()],
            "body": entry.body,
            "prompt": entry.prompt,
            "prompt_answer": entry.prompt_answer,
        }


class QuickMoodForm(Form):
    mood = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(1, 11)], coerce=int, label="Mood"
    )


class WinForm(EntryForm):
    title = forms.CharField(
        label="What went well?",
        max_length=200,
        error_messages={"required": "Say what the win was — a few words will do."},
        help_text="Small counts: a reply, a finished module, five applications sent, a good chat.",
    )
    body = forms.CharField(
        label="Anything to add", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    field_order = ["title", "body"]

    def service_kwargs(self) -> dict[str, Any]:
        return {
            **self.link_kwargs(),
            "title": self.cleaned_data["title"],
            "body": self.cleaned_data["body"],
        }

    @classmethod
    def initial_from(cls, entry: Entry) -> dict[str, Any]:
        return {**cls.initial_links(entry), "title": entry.title, "body": entry.body}


class NoteForm(EntryForm):
    title = forms.CharField(label="Title", max_length=200, required=False)
    body = forms.CharField(label="Text", required=False, widget=forms.Textarea(attrs={"rows": 8}))

    field_order = ["title", "body"]

    def clean(self):
        data = super().clean()
        if not (data.get("title", "").strip() or data.get("body", "").strip()):
            self.add_error("body", "Write something to save.")
        return data

    def service_kwargs(self) -> dict[str, Any]:
        return {
            **self.link_kwargs(),
            "title": self.cleaned_data["title"],
            "body": self.cleaned_data["body"],
        }

    @classmethod
    def initial_from(cls, entry: Entry) -> dict[str, Any]:
        return {**cls.initial_links(entry), "title": entry.title, "body": entry.body}


FORMS_BY_KIND: dict[str, type[EntryForm]] = {
    Entry.Kind.REFLECTION: ReflectionForm,
    Entry.Kind.CHECK_IN: CheckInForm,
    Entry.Kind.WIN: WinForm,
    Entry.Kind.NOTE: NoteForm,
}
# A weekly review is changed on its own page (jobsearch.weekly_review), beside its facts.


# --- the list's filters ------------------------------------------------------------------------


class EntryFilterForm(Form):
    # No max_length: a long search is cut to size and explained (jobsearch.search),
    # not refused as a whole.
    q = forms.CharField(
        label="Search your words",
        required=False,
        template_name=FILTER_FIELD,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(label="Kind", required=False, template_name=FILTER_FIELD)
    emotion = forms.ChoiceField(label="Feeling", required=False, template_name=FILTER_FIELD)
    tag = forms.ChoiceField(label="Tag", required=False, template_name=FILTER_FIELD)
    application = ApplicationField(
        queryset=Application.objects.none(),
        required=False,
        label="Application",
        empty_label="Any application",
        template_name=FILTER_FIELD,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any kind"), *Entry.Kind.choices]
        self.fields["emotion"].choices = [("", "Any feeling")] + [
            (name, name) for name in selectors.emotion_choices(user=user)
        ]
        self.fields["tag"].choices = [("", "Any tag")] + [
            (name, name) for name in selectors.tag_choices(user=user)
        ]
        self.fields["application"].queryset = selectors.application_filter_choices(user=user)

    def filters(self) -> dict[str, Any]:
        """What to filter by: whatever was valid; a stale choice is simply not applied."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "search": data.get("q", ""),
            "kind": data.get("kind", ""),
            "emotion": data.get("emotion", ""),
            "tag": data.get("tag", ""),
            "application": data.get("application"),
        }

    @property
    def active(self) -> bool:
        return any(self.filters().values())


# --- skill goals -------------------------------------------------------------------------------


class SkillGoalForm(ModelForm):
    class Meta:
        model = SkillGoal
        fields = ("title", "why", "resources", "status", "target_on", "progress_notes")
        labels = {
            "title": "The skill",
            "why": "Why it matters to you",
            "resources": "Resources",
            "target_on": "Target date",
        }
        help_texts = {
            "title": "Something you can practise, like “public speaking” or “Kubernetes basics”.",
            "resources": "Courses, books, certifications, a project, links — one per line.",
            "progress_notes": "What you have done so far, in any form.",
        }
        widgets = {
            "why": forms.Textarea(attrs={"rows": 3}),
            "resources": forms.Textarea(attrs={"rows": 4}),
            "progress_notes": forms.Textarea(attrs={"rows": 4}),
            "status": ChoiceList,
            "target_on": DateInput,
        }


# --- the weekly review --------------------------------------------------------------------------


class WeeklyReviewForm(Form):
    """The review's three questions and next week's goal (which only a new review sets)."""

    went_well = forms.CharField(
        label="What went well?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Small things count: a reply, a good conversation, a day you kept going.",
    )
    do_differently = forms.CharField(
        label="What would you change?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Not a verdict on you — only what you would try another way.",
    )
    next_focus = forms.CharField(
        label="One thing for next week",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Just one, small enough to do, like “ask Sam for an introduction”.",
    )
    next_goal = forms.IntegerField(
        label="Applications to aim for next week",
        min_value=0,
        max_value=200,
        required=False,
        help_text="This week’s goal is filled in. Change it if next week looks different, "
        "or leave it empty for no goal.",
        # Text with a number keypad (as GOV.UK advises): whatever is typed stays on the
        # page to be explained, where a number input would quietly drop it.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    ANSWERS = ("went_well", "do_differently", "next_focus")

    def __init__(self, *args, with_goal: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_goal:
            del self.fields["next_goal"]

    @classmethod
    def raw(cls, data: MultiValueDict) -> dict[str, str]:
        """The form as posted, every field's raw text, for the draft."""
        return {name: data.get(name, "") for name in cls.base_fields if name in data}

    def clean(self):
        data = super().clean()
        written = any(str(data.get(name) or "").strip() for name in self.ANSWERS)
        if not written and not any(name in self.errors for name in self.ANSWERS):
            self.add_error(
                "went_well",
                "Write a few words in at least one of the three questions, so the "
                "review has something of yours in it.",
            )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = {name: self.cleaned_data[name] for name in self.ANSWERS}
        if "next_goal" in self.fields:
            kwargs["next_goal"] = self.cleaned_data["next_goal"]
        return kwargs

    @classmethod
    def initial_from(cls, entry: Entry) -> dict[str, Any]:
        return {name: getattr(entry, name) for name in cls.ANSWERS}

"""Plain form helpers every app's forms use: one look, and messages in our own words."""

from __future__ import annotations

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.utils import pretty_name
from django.utils.html import format_html

CHOICES_TEMPLATE = "forms/widgets/choices.html"


class FormRenderer(TemplatesSetting):
    """Every form in the app draws its fields with one template, so labels,
    hints and errors look and read the same everywhere; and every group of
    radio buttons or checkboxes with one more (CHOICES_TEMPLATE), including
    a plain `forms.RadioSelect` or `forms.CheckboxSelectMultiple`."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    # Django's own templates for a group: per-option includes, slower, another look.
    _DJANGO_CHOICES = {
        "django/forms/widgets/radio.html",
        "django/forms/widgets/checkbox_select.html",
    }

    def get_template(self, template_name):
        if template_name in self._DJANGO_CHOICES:
            template_name = CHOICES_TEMPLATE
        return super().get_template(template_name)


def _messages_for(field: forms.Field, label: str) -> dict[str, str]:
    messages = {"required": f"{label} is needed."}
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        messages["invalid_choice"] = f"Choose one of the options for {label.lower()}."
        messages["invalid_pk_value"] = messages["invalid_choice"]
        messages["invalid_list"] = messages["invalid_choice"]
    if isinstance(field, forms.DateTimeField):
        messages["invalid"] = f"Enter {label.lower()} as a date and time, like 21/03/2026 14:30."
    elif isinstance(field, forms.DateField):
        messages["invalid"] = f"Enter {label.lower()} as a real date, like 21/03/2026."
    elif isinstance(field, forms.IntegerField | forms.DecimalField):
        messages["invalid"] = f"Enter {label.lower()} as a number."
        messages["min_value"] = f"{label} needs to be %(limit_value)s or more."
        messages["max_value"] = f"{label} needs to be %(limit_value)s or less."
        messages["max_digits"] = f"{label} is longer than this field can hold."
        messages["max_decimal_places"] = f"{label} can have at most %(max)s decimal places."
    elif isinstance(field, forms.URLField):
        messages["invalid"] = "Enter a web address starting with http:// or https://."
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = "Enter an email address like name@example.com."
    if isinstance(field, forms.CharField):
        messages["null_characters_not_allowed"] = (
            f"{label} has an invisible “null” character in it. Please take it out."
        )
        messages["max_length"] = (
            f"{label} can be up to %(limit_value)d characters; this has %(show_value)d."
        )
    return messages


def _stock_messages(field: forms.Field) -> dict[str, str]:
    stock: dict[str, str] = {}
    for klass in reversed(type(field).__mro__):
        stock.update(getattr(klass, "default_error_messages", {}))
    return stock


BLANK_CHOICE = "Choose one"
_STOCK_BLANKS = {"---------", "- Select an option -"}


def _relabel_blank_choice(field: forms.Field) -> None:
    """Django's “---------” for an empty choice, in our words."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label in _STOCK_BLANKS:
            field.empty_label = BLANK_CHOICE
    elif isinstance(field, forms.ChoiceField) and not isinstance(
        field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        choices = list(field.choices)
        if choices and choices[0][0] == "" and str(choices[0][1]) in _STOCK_BLANKS:
            field.choices = [("", BLANK_CHOICE), *choices[1:]]


class OwnWordsMixin:
    """Puts our wording in place of Django's stock error messages, field by
    field. A message a form or model chose itself is left alone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            stock = _stock_messages(field)
            label = str(field.label or pretty_name(name))
            for code, message in _messages_for(field, label).items():
                current = field.error_messages.get(code)
                if current is None or current == stock.get(code):
                    field.error_messages[code] = message
            _relabel_blank_choice(field)


class Form(OwnWordsMixin, forms.Form):
    pass


class ModelForm(OwnWordsMixin, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    """The browser's own date picker; the value travels as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class NamesField(forms.CharField):
    """Names typed with commas between them (tags, feelings); cleans to a list."""

    def __init__(self, *, what: str, name_max: int = 40, **kwargs):
        self.what = what
        self.name_max = name_max
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(name) for name in value)
        return value

    def clean(self, value):
        text = super().clean(value)
        names = [part.strip() for part in text.split(",") if part.strip()]
        for name in names:
            if len(name) > self.name_max:
                raise forms.ValidationError(
                    f"Keep each {self.what} to {self.name_max} characters or fewer; "
                    f"“{name[:24]}…” is {len(name)}.",
                    code="name_too_long",
                )
        return names


# --- choices: one way to draw a group of radio buttons or checkboxes ----------------------


class Choices:
    """Draws its options with forms/widgets/choices.html, one look for every group.

    `variant` picks the layout: "list" (one under another), "chips" (a wrapping
    row of pills) or "scale" (a row of numbered boxes)."""

    template_name = CHOICES_TEMPLATE
    variant = "list"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["variant"] = self.variant
        return context


class ChoiceList(Choices, forms.RadioSelect):
    """Radio buttons, one under another (with `explained` labels, each with its hint)."""


class CheckList(Choices, forms.CheckboxSelectMultiple):
    """Checkboxes, one under another: filters, and lists such as thinking traps."""


class Chips(Choices, forms.CheckboxSelectMultiple):
    """Checkboxes drawn as a wrapping row of pills, for many short choices (feelings)."""

    variant = "chips"


class Scale(Choices, forms.RadioSelect):
    """A row of numbered boxes, like 1 to 10 (two rows on a phone)."""

    variant = "scale"


def explained(label: str, explanation: str) -> str:
    """A choice's label with a one-line explanation after it, for ChoiceList and CheckList."""
    return format_html(
        '<span class="choice__text"><span class="choice__name">{}</span> '
        '<span class="choice__hint">{}</span></span>',
        label,
        explanation,
    )


def scale_field(
    label: str,
    *,
    help_text: str,
    required: bool = False,
    low: int = 1,
    high: int = 10,
    error: str = "",
) -> forms.TypedChoiceField:
    """A number from `low` to `high`, chosen on a Scale; an int once cleaned, None if skipped."""
    return forms.TypedChoiceField(
        error_messages={"required": error or f"Choose a number from {low} to {high}."},
        choices=[(n, str(n)) for n in range(low, high + 1)],
        coerce=int,
        empty_value=None,
        required=required,
        widget=Scale,
        label=label,
        help_text=help_text,
    )


# Field templates (a field's `template_name`) for two layouts besides the usual one.
CHECKBOX_FIELD = "forms/fields/checkbox.html"
FILTER_FIELD = "forms/fields/filter.html"

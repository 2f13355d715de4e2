from __future__ import annotations

from django import forms

from jobsearch import formtools, passwords


class Sample(formtools.Form):
    company = forms.CharField(max_length=5)
    applied_on = forms.DateField(required=False)
    fit = forms.IntegerField(min_value=1, max_value=5, required=False)
    link = forms.URLField(required=False)
    nickname = forms.CharField(required=True, error_messages={"required": "Say what we call you."})


def test_stock_messages_are_replaced_with_our_own():
    form = Sample({"company": "", "applied_on": "31/31/2026", "fit": "9", "link": "nope"})
    assert form.errors["company"] == ["Company is needed."]
    assert form.errors["applied_on"] == ["Enter applied on as a real date, like 21/03/2026."]
    assert form.errors["fit"] == ["Fit needs to be 5 or less."]
    assert form.errors["link"] == ["Enter a web address starting with http:// or https://."]


def test_a_message_a_form_chose_itself_is_kept():
    form = Sample({"company": "Acme"})
    assert form.errors["nickname"] == ["Say what we call you."]


def test_too_long_text_says_how_long_it_is():
    form = Sample({"company": "Initech", "nickname": "x"})
    assert form.errors["company"] == ["Company can be up to 5 characters; this has 7."]


def test_password_rules_are_explained_in_one_sentence():
    assert passwords.help_text() == (
        "It should have at least 8 characters, not be close to your username, "
        "not be a common password and not be only numbers."
    )


class WithChoices(formtools.Form):
    size = forms.ChoiceField(choices=[("", "---------"), ("s", "Small")], required=False)


def test_the_empty_choice_is_in_our_words():
    assert list(WithChoices().fields["size"].choices)[0] == ("", "Choose one")


# --- one way to draw a group of choices -------------------------------------------------------


class Choosing(formtools.Form):
    colours = forms.MultipleChoiceField(
        label="Colours",
        choices=[("red", "Red"), ("blue", formtools.explained("Blue", "Like the sea"))],
        required=False,
        widget=formtools.CheckList,
    )
    moods = forms.MultipleChoiceField(
        label="Moods", choices=[("calm", "calm"), ("tired", "tired")], widget=formtools.Chips
    )
    size = forms.ChoiceField(
        label="Size", choices=[("s", "Small"), ("l", "Large")], widget=formtools.ChoiceList
    )
    plain = forms.ChoiceField(
        label="Plain", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    ticks = forms.MultipleChoiceField(
        label="Ticks",
        choices=[("x", "X")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        template_name=formtools.FILTER_FIELD,
    )
    energy = formtools.scale_field("Energy", help_text="1 is low.", low=1, high=5)
    agree = forms.BooleanField(
        label="I agree",
        required=False,
        help_text="Only if you do.",
        template_name=formtools.CHECKBOX_FIELD,
    )


def test_every_group_of_choices_is_drawn_one_way_with_a_label_for_each_option():
    html = str(Choosing({"colours": ["blue"], "size": "l", "plain": "b", "energy": "3"}))
    for name, variant in [
        ("colours", "list"),
        ("moods", "chips"),
        ("size", "list"),
        ("plain", "list"),  # Django's RadioSelect, drawn by the same template
        ("ticks", "list"),  # and its CheckboxSelectMultiple
        ("energy", "scale"),
    ]:
        assert f'<div id="id_{name}" class="choices choices--{variant}">' in html, name
    assert (
        '<label for="id_colours_1"><input type="checkbox" name="colours" value="blue" '
        'id="id_colours_1" checked> <span class="choice__text"><span class="choice__name">Blue'
        '</span> <span class="choice__hint">Like the sea</span></span></label>'
    ) in html
    assert 'value="l" id="id_size_1" checked required>' in html
    assert 'value="3" id="id_energy_2" checked>' in html
    assert html.count("<input") == html.count("<label for=") + 1  # and the lone tick box


def test_a_filter_field_has_no_optional_mark_and_a_group_gets_a_legend():
    html = str(Choosing()["ticks"].as_field_group())
    assert '<legend class="field__label">Ticks</legend>' in html
    assert "optional" not in html


def test_a_tick_box_question_shows_its_label_and_hint_beside_it():
    html = str(Choosing()["agree"].as_field_group())
    assert 'class="field field--check"' in html
    assert '<label class="check__label" for="id_agree">I agree</label>' in html
    assert "Only if you do." in html


def test_a_scale_cleans_to_a_number_or_nothing():
    field = formtools.scale_field("Energy", help_text="", low=1, high=5)
    assert field.clean("4") == 4
    assert field.clean("") is None
    required = formtools.scale_field("Energy", help_text="", required=True, error="Pick one.")
    assert Choosing.base_fields["energy"].choices[-1] == (5, "5")
    try:
        required.clean("")
    except forms.ValidationError as error:
        assert error.messages == ["Pick one."]
    else:  # pragma: no cover
        raise AssertionError("a required scale needs a number")


def test_no_template_draws_its_own_checkboxes_or_radio_buttons():
    """One template draws them; a hand-drawn group (three existed) would look and act apart."""
    from pathlib import Path

    from django.conf import settings

    templates = Path(settings.BASE_DIR) / "templates"
    drawn = {
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if 'type="checkbox"' in path.read_text() or 'type="radio"' in path.read_text()
    }
    assert drawn == set()
    assert "{{ option.type }}" in (templates / formtools.CHOICES_TEMPLATE).read_text()


def test_the_application_list_filters_are_drawn_by_the_same_template():
    from tracker.forms import ApplicationFilterForm

    form = ApplicationFilterForm({"status": ["applied", "rejected"]})
    html = str(form["status"].as_field_group())
    assert '<legend class="field__label">Status</legend>' in html
    assert '<div id="id_status" class="choices choices--list">' in html
    assert 'value="applied" id="id_status_1" checked>' in html
    assert "optional" not in html

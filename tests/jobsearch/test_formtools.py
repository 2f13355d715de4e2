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

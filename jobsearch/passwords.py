"""Django's password rules, explained in our own words."""

from __future__ import annotations

from django.contrib.auth import password_validation as stock


class MinimumLengthValidator(stock.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"Your password needs at least {self.min_length} characters."

    def get_help_text(self) -> str:
        return f"have at least {self.min_length} characters"


class UserAttributeSimilarityValidator(stock.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return "Your password is too close to your %(verbose_name)s. Pick something less guessable."

    def get_help_text(self) -> str:
        return "not be close to your username"


class CommonPasswordValidator(stock.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return "That password is on lists of common passwords. Pick something less guessable."

    def get_help_text(self) -> str:
        return "not be a common password"


class NumericPasswordValidator(stock.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return "Your password can’t be only numbers. Add some letters or symbols."

    def get_help_text(self) -> str:
        return "not be only numbers"


def help_text() -> str:
    rules = [v.get_help_text() for v in stock.get_default_password_validators()]
    if not rules:
        return ""
    listed = ", ".join(rules[:-1]) + (" and " if len(rules) > 1 else "") + rules[-1]
    return f"It should {listed}."

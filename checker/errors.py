"""The few exceptions plancheck raises on purpose. The CLI turns each into one line on stderr
and exit code 2; anything else escaping is a bug."""

from __future__ import annotations


class PlancheckError(Exception):
    """The check could not be done. `message` is Chinese, one line, says what and what to do;
    `message_en` is the same in English (for --lang en)."""

    exit_code = 2

    def __init__(self, message: str, message_en: str | None = None):
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message


class InputError(PlancheckError):
    """An input file cannot be read: missing, unsupported format, corrupt, undecodable."""


class ExtractionError(PlancheckError):
    """A file was read but nothing usable was found in it (no problem in a notice, no item in a plan)."""


class RulePackError(PlancheckError):
    """A rule pack cannot be loaded: syntax error, unknown concept/parameter/field, duplicate ID."""


class UsageError(PlancheckError):
    """A bad option or option value on the command line."""

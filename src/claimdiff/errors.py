"""Errors claimdiff reports to its user, each with the exit code the CLI contract gives it."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes shared by every command (see PRODUCT.md)."""

    OK = 0
    FINDINGS = 1
    ERROR = 2


class ClaimdiffError(Exception):
    """A problem with the user's input or environment: shown as one line, never a traceback."""

    exit_code = ExitCode.ERROR


class InputError(ClaimdiffError):
    """A source, store or rulings file that cannot be read or parsed."""


class MetadataError(InputError):
    """A malformed ``sources.toml``: it concerns every source beside it, so it stops the run."""


class UsageError(ClaimdiffError):
    """Arguments that do not make sense together."""


class LexiconError(ClaimdiffError):
    """A malformed data table in ``claimdiff/data``."""


class ConfigError(InputError):
    """A malformed corpus config (``claimdiff.toml`` or ``[tool.claimdiff]`` in ``pyproject.toml``)."""

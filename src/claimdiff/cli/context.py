"""What every command shares: the global options completed by the corpus config, messages and
progress on the terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click
from click.core import ParameterSource

from claimdiff.config import CorpusConfig, find_config, load_config
from claimdiff.errors import ExitCode
from claimdiff.escape import terminal
from claimdiff.sources import DEFAULT_MAX_BYTES

DEFAULT_CORPUS = "seeds/"
DEFAULT_STORE = "claims"
DEFAULT_REPORT = "reports/discrepancies.html"


class Context:
    """The global options, completed by the corpus config once a command knows its corpus.

    Precedence: a command-line flag, then the config, then the built-in default.
    """

    def __init__(self, debug: bool, max_bytes: int | None, store: str | None, config: str | None) -> None:
        self.debug = debug
        self.flags: dict[str, Any] = {"max_bytes": max_bytes, "store": store}
        self.verbosity = 0  # -1 with -q (errors and the verdict only), 1 with -v (each stage)
        self.explicit = load_config(config) if config else None
        self.use(None)

    def find(self, start: str) -> CorpusConfig | None:
        """The config for a corpus at ``start``: the --config file, or the one discovered."""
        return self.explicit or find_config(start)

    def use(self, config: CorpusConfig | None) -> None:
        self.config = config
        defaults = config.defaults if config else None
        self.max_bytes: int = _pick(self.flags["max_bytes"], defaults and defaults.max_bytes, DEFAULT_MAX_BYTES)
        self.store = Path(_pick(self.flags["store"], defaults and defaults.store, DEFAULT_STORE))
        self.engine: str = _pick(self.flags.get("engine"), defaults and defaults.engine, "local")
        self.scheduler: str | None = _pick(self.flags.get("scheduler"), defaults and defaults.scheduler, "") or None
        # --exclude adds to the config's globs (as ruff's --extend-exclude would): both apply.
        self.exclude: tuple[str, ...] = (*(defaults.exclude if defaults else ()), *self.flags.get("exclude", ()))
        self.allow_empty: bool = _pick(self.flags.get("allow_empty"), defaults and defaults.allow_empty, False)

    def stage(self, message: str) -> None:
        """With -v, one line on stderr as each stage of a run begins or ends."""
        if self.verbosity > 0:
            _say(f"claimdiff: {message}", err=True)

    def corpus_paths(self, paths: tuple[str, ...]) -> tuple[str, ...]:
        """The corpus paths a command reads (PATH arguments, else the config's, else seeds/); sets the config."""
        if paths:
            self.use(self.find(paths[0]))
            return paths
        config = self.find(".")
        if config and config.defaults.paths:
            self.use(config)
            return config.defaults.paths
        # No config here names the corpus: the default corpus may hold its own config.
        self.use(config or self.find(DEFAULT_CORPUS))
        return (DEFAULT_CORPUS,)

    def option(self, param: str, value: Any, setting: str) -> Any:
        """A command option: the flag when given, else the config's ``setting``, else its default."""
        configured = getattr(self.config.defaults, setting) if self.config else None
        return value if _given(param) or configured is None else configured


def _given(param: str) -> bool:
    """Whether the current command's option ``param`` was set by the user, not by its default."""
    return click.get_current_context().get_parameter_source(param) is not ParameterSource.DEFAULT


def _pick(*values: Any) -> Any:
    """The first value that is not None."""
    return next(v for v in values if v is not None)


def _fail(message: str, code: int = ExitCode.ERROR) -> NoReturn:
    click.echo(f"claimdiff: error: {terminal(message)}", err=True)
    sys.exit(code)


def _say(message: str, err: bool = False, verdict: bool = False) -> None:
    """One line for a person; what it quotes from the corpus (paths, ids) cannot steer the terminal.
    With -q only a ``verdict`` (the outcome of the run) is said."""
    if verdict or _verbosity() >= 0:
        click.echo(terminal(message), err=err)


def _verbosity() -> int:
    """-1 with -q, 1 with -v, else 0 (outside a command: 0)."""
    click_ctx = click.get_current_context(silent=True)
    context = click_ctx.find_object(Context) if click_ctx else None
    return context.verbosity if context else 0


def colour_wanted(output: str | None) -> bool:
    """Colour for the text format: only on a terminal, and never when ``NO_COLOR`` is set
    (to anything, even empty: https://no-color.org)."""
    to_stdout = output in (None, "-")
    return to_stdout and "NO_COLOR" not in os.environ and sys.stdout.isatty()


PROGRESS_WIDTH = 30


def _progress(label: str) -> Callable[[int, int], None] | None:
    """A progress bar on stderr, only for a person at a terminal (never in piped output, nor with -q or -v)."""
    if not sys.stderr.isatty() or _verbosity() != 0:
        return None

    def step(done: int, total: int) -> None:
        filled = PROGRESS_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (PROGRESS_WIDTH - filled)
        click.echo(f"\r{label} [{bar}] {done}/{total} sources", err=True, nl=False)

    return step


def _warn(warnings: list[str]) -> None:
    if warnings and _verbosity() >= 0:
        shown = warnings[:20]
        for warning in shown:
            _say(f"claimdiff: warning: {warning}", err=True)
        if len(warnings) > len(shown):
            click.echo(f"claimdiff: warning: {len(warnings) - len(shown)} more warnings", err=True)

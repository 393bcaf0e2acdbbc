"""Options several commands take (formats, -o, engines, --fail-on, --min-confidence) and how
their output is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from click.core import ParameterSource

from claimdiff.errors import UsageError
from claimdiff.formats import FORMATTERS
from claimdiff.model import FAIL_ON, Discrepancy
from claimdiff.safeio import write_output

# --- engines and table outputs (pandas) -------------------------------------------------------


def _flag(name: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    """Keep a flag the user gave in the Context; a flag left at its default yields to the config."""

    def keep(click_ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if click_ctx.get_parameter_source(param.name or name) is not ParameterSource.DEFAULT:
            click_ctx.obj.flags[name] = value  # the Context main() made

    return keep


def engine_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--engine and --scheduler, for the commands that run the pipeline over a corpus."""
    scheduler = click.option(
        "--scheduler",
        metavar="ADDRESS",
        expose_value=False,
        callback=_flag("scheduler"),
        help="Dask scheduler of --engine dask (default: a local cluster for the run).",
    )
    engine = click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        expose_value=False,
        callback=_flag("engine"),
        help="Where the pipeline runs: this machine, or a Dask cluster.",
    )
    return engine(scheduler(command))


def corpus_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--exclude and --allow-empty, for the commands that read a corpus."""
    exclude = click.option(
        "--exclude",
        metavar="GLOB",
        multiple=True,
        expose_value=False,
        callback=_flag("exclude"),
        help="Leave out what this gitignore-like glob matches in a corpus folder (repeatable; "
        "adds to the config's and the folder's .claimdiffignore).",
    )
    allow_empty = click.option(
        "--allow-empty",
        is_flag=True,
        default=False,
        expose_value=False,
        callback=_flag("allow_empty"),
        help="A corpus without a readable source is no error.",
    )
    return exclude(allow_empty(command))


def _set_verbosity(level: int) -> Callable[[click.Context, click.Parameter, Any], None]:
    def keep(click_ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if value:
            click_ctx.obj.verbosity = level

    return keep


def verbosity_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """-q (errors and the verdict only) and -v (each stage on stderr), for every command."""
    quiet = click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_set_verbosity(-1),
        help="Print only errors and the verdict.",
    )
    verbose = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        callback=_set_verbosity(1),
        help="Say each stage on stderr.",
    )
    return quiet(verbose(command))


statistics_option = click.option(
    "--statistics",
    is_flag=True,
    help="Print counts per kind, severity and status, and per source, instead of the findings (text or json).",
)


# Formats written through pandas (claimdiff.frames): CSV prints, Parquet needs -o FILE.
FRAME_FORMATS = ("csv", "parquet")
output_option = click.option("-o", "--output", metavar="FILE", default=None, help="Write to FILE (parquet needs it).")


def _write_frame(frame: Any, fmt: str, output: str | None) -> None:
    from claimdiff.frames import to_csv, write_parquet

    if fmt == "parquet":
        if not output:
            raise UsageError("--format parquet writes a binary file: give it with -o FILE")
        write_parquet(frame, output)
    elif output:
        write_output(output, to_csv(frame))
    else:
        click.echo(to_csv(frame), nl=False)


def _emit(text: str, output: str | None) -> None:
    """Print ``text``, or write it to ``-o`` (atomically, or streamed into a pipe or device)."""
    if output:
        write_output(output, text)
    else:
        click.echo(text, nl=False)


# --- check and gate options ------------------------------------------------------------------

format_option = click.option(
    "--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True
)
fail_option = click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON)),
    default="contradiction",
    show_default=True,
    help="Which discrepancies make the exit code 1.",
)
confidence_option = click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Leave out discrepancies whose match is less sure than this (0 to 1).",
)


def _confident(discrepancies: list[Discrepancy], threshold: float) -> list[Discrepancy]:
    return [d for d in discrepancies if d.confidence >= threshold]

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

"""The ``claimdiff`` command line: report, extract, check, gate and review.

:mod:`~claimdiff.cli.context` holds what every command shares, :mod:`~claimdiff.cli.options`
the options several take.

Exit codes (every command): 0 nothing at or above the failure threshold, 1 discrepancies
at or above it (check, gate), 2 a usage or input error, reported on one line of stderr.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from claimdiff import __version__
from claimdiff.cli.context import (
    DEFAULT_CORPUS,
    DEFAULT_REPORT,
    DEFAULT_STORE,
    Context,
    _fail,
    _given,
    _progress,
    _say,
    _warn,
    colour_wanted,
)
from claimdiff.cli.options import (
    FRAME_FORMATS,
    _confident,
    _emit,
    _write_frame,
    confidence_option,
    corpus_options,
    engine_options,
    fail_option,
    format_option,
    output_option,
    statistics_option,
    verbosity_options,
)
from claimdiff.errors import ClaimdiffError, ExitCode, InputError, UsageError
from claimdiff.escape import json_text
from claimdiff.formats import FORMATTERS, Findings, format_statistics
from claimdiff.gate import apply_rulings, changed_since, config_at, failing, resolve_ref, run_gate
from claimdiff.lexicon import Knowledge
from claimdiff.model import Discrepancy
from claimdiff.pipeline import Corpus, analyse_source, find_discrepancies, knowledge_for, load_corpus
from claimdiff.safeio import write_output
from claimdiff.sources import DEFAULT_MAX_BYTES, Source, build_source, decode
from claimdiff.sources.files import STDIN
from claimdiff.store import (
    REVIEWS_FILE,
    STATUSES,
    RuledClaim,
    Ruling,
    position_intervals,
    read_rulings,
    read_store,
    record_ruling,
    stale_sources,
    write_store,
)
from claimdiff.store_parquet import is_parquet_store

STDIN_NAME = "<stdin>"  # what outputs call the source read from standard input


def _load(ctx: Context, paths: tuple[str, ...], compare_claims: bool = True, show_progress: bool = True) -> Corpus:
    """Run the pipeline over ``paths`` (already resolved by ``ctx.corpus_paths``); ``-`` is
    standard input. A corpus without a readable source is an input error unless allowed."""
    files = tuple(p for p in paths if p != STDIN)
    ctx.stage(f"reading {', '.join(paths)}" + (f" (excluding {', '.join(ctx.exclude)})" if ctx.exclude else ""))
    if ctx.engine == "dask":
        from claimdiff.dask_engine import load_corpus_dask

        corpus = load_corpus_dask(
            files,
            ctx.max_bytes,
            compare_claims and STDIN not in paths,
            config=ctx.config,
            scheduler=ctx.scheduler,
            exclude=ctx.exclude,
        )
    else:
        progress = _progress("claimdiff") if show_progress else None
        corpus = load_corpus(files, ctx.max_bytes, progress, False, config=ctx.config, exclude=ctx.exclude)
        if progress:
            click.echo("", err=True)
    if STDIN in paths:
        _add_stdin(corpus, ctx.max_bytes)
    ctx.stage(f"extracted {len(corpus.claims)} claims from {len(corpus.sources)} sources")
    _require_sources(ctx, paths, corpus.sources)
    if compare_claims and (ctx.engine != "dask" or STDIN in paths):
        corpus.discrepancies = find_discrepancies(corpus.claims, corpus.names, corpus.knowledge or knowledge_for())
    if compare_claims:
        ctx.stage(f"compared them: {len(corpus.discrepancies)} discrepancies")
    return corpus


def _require_sources(ctx: Context, paths: tuple[str, ...], sources: list[Source]) -> None:
    """An input error when no source could be read, unless the run allows an empty corpus."""
    if not sources and not ctx.allow_empty:
        raise InputError(
            f"{', '.join(paths)}: no readable source"
            + (" after exclusions" if ctx.exclude else "")
            + "; name a folder that holds .txt/.md/.html files, or pass --allow-empty"
        )


def _store_on_workers(ctx: Context, paths: tuple[str, ...]) -> None:
    """``extract --write`` on Dask into a Parquet store: the workers write the claims, none
    comes back here (see :func:`claimdiff.dask_engine.store_corpus_dask`)."""
    from claimdiff.dask_engine import store_corpus_dask

    def check_sources(sources: list[Source]) -> None:
        _require_sources(ctx, paths, sources)

    ctx.stage(f"reading {', '.join(paths)} into {ctx.store}/ on the Dask cluster")
    corpus, written = store_corpus_dask(
        paths, ctx.store, ctx.max_bytes, None, ctx.config, ctx.scheduler, ctx.exclude, check_sources
    )
    _warn(corpus.warnings)
    _say(f"{written} claims from {len(corpus.sources)} sources written to {ctx.store}/", verdict=True)


def _add_stdin(corpus: Corpus, max_bytes: int) -> None:
    """Read one source from standard input into ``corpus``, as ``<stdin>``."""
    knowledge = corpus.knowledge or knowledge_for()
    source = _stdin_source(knowledge, max_bytes)
    corpus.sources.append(source)
    corpus.claims.extend(analyse_source(source, knowledge))
    corpus.warnings.extend(source.warnings)


def _stdin_source(knowledge: Knowledge, max_bytes: int) -> Source:
    """The source standard input holds (bounded by --max-bytes, decoded as a file would be)."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{STDIN_NAME}: larger than --max-bytes ({max_bytes:,} bytes)")
    text, encoding, warnings = decode(data, STDIN_NAME)
    source = build_source(STDIN_NAME, text, knowledge, {}, encoding, warnings)
    source.raw_digest = hashlib.sha256(data).hexdigest()
    return source


def _rule(ctx: Context, discrepancies: list[Discrepancy]) -> list[Ruling]:
    """Apply the rulings of the store; the orphaned ones, said on stderr (as warnings)."""
    orphans = apply_rulings(discrepancies, read_rulings(ctx.store))
    ctx.stage(f"applied the rulings of {ctx.store}/{REVIEWS_FILE}: {len(orphans)} orphaned")
    return orphans


def _orphan_warnings(orphans: list[Ruling]) -> list[str]:
    return [
        f"ruling {r.id} ({r.status}) matches no discrepancy now (orphaned); rule again or remove it from {REVIEWS_FILE}"
        for r in orphans
    ]


class Command(click.Group):
    """Runs a command and turns claimdiff's errors into one line and exit code 2."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Click's main, with its usage errors (an unknown option, a missing argument) on one line."""
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.UsageError as exc:
            hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
            _fail(f"{exc.format_message()}{hint}")
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except click.Abort:
            _fail("interrupted")
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else ExitCode.OK)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader went away ("claimdiff check | head"): stop quietly, as if by SIGPIPE.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(128 + 13)
        except ClaimdiffError as exc:
            if ctx.params.get("debug"):
                traceback.print_exc()
            _fail(str(exc), exc.exit_code)
        except (OSError, UnicodeError, ValueError, RecursionError, MemoryError) as exc:
            if ctx.params.get("debug"):
                traceback.print_exc()
            _fail(f"{type(exc).__name__}: {exc}")
        return None


@click.group(cls=Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimdiff")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Largest source file read.")
@click.option("--store", default=DEFAULT_STORE, show_default=True, help="Folder of the claim store and rulings.")
@click.option(
    "--config",
    "config",
    default=None,
    metavar="FILE",
    help="Corpus config (claimdiff.toml, or a pyproject.toml with [tool.claimdiff]); "
    "by default found from the corpus folder upwards.",
)
@click.pass_context
def main(ctx: click.Context, debug: bool, max_bytes: int, store: str, config: str | None) -> None:
    """Find where sources disagree.

    \b
    Examples:
      claimdiff report                      # reports/discrepancies.html from seeds/
      claimdiff check seeds/ --format json
      claimdiff gate seeds/new_article.txt  # exit 1 on an unreviewed contradiction
      claimdiff review d-f8e1083677 --status confirmed --note "105 is an early figure"
    """
    # A flag left at its default is passed as None: the corpus config may set it.
    ctx.obj = Context(debug, max_bytes if _given("max_bytes") else None, store if _given("store") else None, config)


# --- report -----------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", default=DEFAULT_REPORT, show_default=True, help="HTML file to write.")
@click.option("--timestamp", is_flag=True, help="Print the generation time in the page (not deterministic).")
@engine_options
@corpus_options
@verbosity_options
@click.pass_obj
def report(ctx: Context, paths: tuple[str, ...], output: str, timestamp: bool) -> None:
    """Write the discrepancy report, one self-contained HTML page.

    \b
    Example:
      claimdiff report seeds/ -o reports/discrepancies.html
    """
    from claimdiff.report import render_report

    corpus = _load(ctx, ctx.corpus_paths(paths))
    output = ctx.option("output", output, "report")
    orphans = _rule(ctx, corpus.discrepancies)
    html = render_report(corpus, timestamp, orphans)
    write_output(output, html)
    ctx.stage(f"wrote {output}")
    _warn(corpus.warnings + _orphan_warnings(orphans))
    kinds: dict[str, int] = {}
    for d in corpus.discrepancies:
        kinds[d.kind] = kinds.get(d.kind, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none"
    _say(
        f"{len(corpus.sources)} sources, {len(corpus.claims)} claims, "
        f"{len(corpus.discrepancies)} discrepancies ({summary})",
        verdict=True,
    )
    if output != "-":
        _say(output)


# --- extract ----------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["json", *FRAME_FORMATS]), default="json", show_default=True)
@output_option
@click.option("--write", is_flag=True, help="Refresh the claim store (claims/).")
@click.option("--check", "check_store", is_flag=True, help="Exit 1 if the claim store is stale against PATHS.")
@engine_options
@corpus_options
@verbosity_options
@click.pass_obj
def extract(ctx: Context, paths: tuple[str, ...], fmt: str, output: str | None, write: bool, check_store: bool) -> None:
    """Print the claims of the sources (or refresh the store with --write).

    \b
    Example:
      claimdiff extract seeds/ --format csv
      claimdiff extract seeds/ --format parquet -o claims.parquet
    """
    if (write or check_store) and STDIN in paths:
        raise UsageError("--write and --check work on the store of files: standard input (-) has none")
    if write and ctx.engine == "dask" and is_parquet_store(ctx.store):
        _store_on_workers(ctx, ctx.corpus_paths(paths))
        return
    corpus = _load(ctx, ctx.corpus_paths(paths), compare_claims=False, show_progress=write)
    _warn(corpus.warnings)
    if check_store:
        stale = stale_sources(read_store(ctx.store), corpus.sources, corpus.claims)
        if stale:
            _say(
                f"claimdiff: the claim store in {ctx.store}/ is stale for {len(stale)} source(s): "
                f"{', '.join(stale[:5])}; run `claimdiff extract --write`",
                err=True,
                verdict=True,
            )
            sys.exit(ExitCode.FINDINGS)
        _say(f"claim store up to date ({len(corpus.sources)} sources)", verdict=True)
        return
    if write:
        write_store(ctx.store, corpus.sources, corpus.claims)
        _say(f"{len(corpus.claims)} claims from {len(corpus.sources)} sources written to {ctx.store}/", verdict=True)
        return
    ordered = sorted(corpus.claims, key=lambda c: c.reading_order)
    if fmt in FRAME_FORMATS:
        from claimdiff.frames import claims_frame

        _write_frame(claims_frame(ordered), fmt, output)
    else:
        rows = [c.to_json() for c in ordered]
        _emit(json_text(json.dumps({"version": 1, "claims": rows}, ensure_ascii=False, indent=2)) + "\n", output)


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(sorted([*FORMATTERS, *FRAME_FORMATS])), default="text", show_default=True
)
@output_option
@fail_option
@confidence_option
@statistics_option
@engine_options
@corpus_options
@verbosity_options
@click.pass_obj
def check(
    ctx: Context,
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    fail_on: str,
    min_confidence: float,
    statistics: bool,
) -> None:
    """List every discrepancy in the corpus.

    \b
    Example:
      claimdiff check seeds/ --format markdown --fail-on any
      claimdiff check seeds/ --format parquet -o discrepancies.parquet --engine dask
      claimdiff check seeds/ --exclude 'drafts/' --statistics
      cat article.txt | claimdiff check seeds/ -
    """
    paths = ctx.corpus_paths(paths)
    fmt = ctx.option("fmt", fmt, "format")
    fail_on = ctx.option("fail_on", fail_on, "fail_on")
    _check_statistics(statistics, fmt)
    corpus = _load(ctx, paths, show_progress=fmt == "text")
    orphans = _rule(ctx, corpus.discrepancies)
    corpus.discrepancies = _confident(corpus.discrepancies, min_confidence)
    findings = Findings(
        corpus.sources, corpus.discrepancies, warnings=corpus.warnings, orphans=orphans, colour=colour_wanted(output)
    )
    failed = failing(corpus.discrepancies, fail_on, ("open", "confirmed"))
    if statistics:
        _emit(format_statistics(findings, fmt), output)
    elif fmt in FRAME_FORMATS:
        from claimdiff.frames import discrepancies_frame

        _write_frame(discrepancies_frame(corpus.discrepancies), fmt, output)
    elif fmt == "text" and ctx.verbosity < 0:
        _say(_verdict(findings, failed, fail_on), verdict=True)  # -q: the verdict, not the findings
    else:
        _emit(FORMATTERS[fmt](findings), output)
    _warn(corpus.warnings + _orphan_warnings(orphans))
    if failed:
        sys.exit(ExitCode.FINDINGS)


def _check_statistics(statistics: bool, fmt: str) -> None:
    if statistics and fmt not in ("text", "json"):
        raise UsageError(f"--statistics prints text or json, not {fmt}")


def _verdict(findings: Findings, failed: list[Discrepancy], fail_on: str) -> str:
    """One line: how many discrepancies, how many fail the run, how many rulings are orphaned."""
    line = f"{len(findings.discrepancies)} discrepancies in {len(findings.sources)} source(s)"
    line += f", {len(failed)} failing --fail-on {fail_on}"
    return line + (f", {len(findings.orphans)} orphaned ruling(s)" if findings.orphans else "")


@main.command()
@click.argument("new_paths", nargs=-1)
@click.option("--corpus", default=DEFAULT_CORPUS, show_default=True, help="The corpus the new sources join.")
@click.option("--since", "since", default=None, help="Take the new or changed sources from git since this ref.")
@format_option
@output_option
@fail_option
@confidence_option
@statistics_option
@corpus_options
@verbosity_options
@click.pass_obj
def gate(
    ctx: Context,
    new_paths: tuple[str, ...],
    corpus: str,
    since: str | None,
    fmt: str,
    output: str | None,
    fail_on: str,
    min_confidence: float,
    statistics: bool,
) -> None:
    """Fail when new sources bring an unreviewed discrepancy into the corpus.

    \b
    Example:
      claimdiff gate seeds/new_article.txt --format github
      claimdiff gate --since origin/main --format sarif > claimdiff.sarif
    """
    corpus = _corpus_folder(ctx, corpus if _given("corpus") else None, new_paths[0] if new_paths else None)
    warnings: list[str] = []
    base = resolve_ref(since) if since is not None else None
    if base:
        trusted = config_at(base, ctx.config, warnings)
        if trusted is not ctx.config:
            ctx.use(trusted)
            if not _given("corpus"):
                corpus = trusted.defaults.paths[0] if trusted and trusted.defaults.paths else DEFAULT_CORPUS
    fmt = ctx.option("fmt", fmt, "format")
    fail_on = ctx.option("fail_on", fail_on, "fail_on")
    _check_statistics(statistics, fmt)
    paths = [p for p in new_paths if p != STDIN]
    knowledge = knowledge_for(ctx.config)
    piped = [_stdin_source(knowledge, ctx.max_bytes)] if STDIN in new_paths else []
    if base:
        paths += changed_since(base, Path(corpus), warnings, ctx.exclude)
        if not paths and not piped:
            _warn(warnings)
            _say(f"No source changed since {since}.", verdict=True)
            return
    if not paths and not piped:
        raise UsageError("name the new sources, or use --since REF")
    ctx.stage(f"gating {len(paths) + len(piped)} new or changed source(s) against {corpus}")
    result = run_gate(paths, Path(corpus), ctx.store, ctx.max_bytes, knowledge, base, warnings, ctx.exclude, piped)
    ctx.stage(f"{len(result.discrepancies)} discrepancies hold a new claim; {len(result.orphans)} rulings orphaned")
    result.discrepancies = _confident(result.discrepancies, min_confidence)
    result.introduced = _confident(result.introduced, min_confidence)
    blocking = failing(result.introduced, fail_on, ("open",))
    findings = Findings(
        result.sources,
        result.discrepancies,
        result.new_claims,
        result.warnings,
        "claimdiff gate",
        orphans=result.orphans,
        colour=colour_wanted(output),
    )
    if statistics:
        _emit(format_statistics(findings, fmt), output)
    elif not (fmt == "text" and ctx.verbosity < 0):
        _emit(FORMATTERS[fmt](findings), output)
    _warn(result.warnings)
    if blocking:
        _say(
            f"claimdiff gate: {len(blocking)} unreviewed discrepancies introduced by the new sources; "
            "rule on them with `claimdiff review ID --status ...`",
            err=True,
            verdict=True,
        )
    for ruling in result.orphans:
        _say(
            f"claimdiff gate: ruling {ruling.id} ({ruling.status}: {ruling.note or 'no note'}) matches no "
            f"discrepancy now (orphaned); rule again or remove it from {ctx.store}/{REVIEWS_FILE}",
            err=True,
            verdict=True,
        )
    if blocking or result.orphans:
        sys.exit(ExitCode.FINDINGS)
    if ctx.verbosity < 0 and fmt == "text":
        _say(
            f"claimdiff gate: passed ({len(result.discrepancies)} discrepancies hold a new claim, none unreviewed)",
            verdict=True,
        )


def _corpus_folder(ctx: Context, corpus: str | None, new_source: str | None) -> str:
    """The corpus folder of gate and review (--corpus, else the config's first path, else seeds/).

    Without --corpus, the config is looked up from the first new source, which usually lies in
    the corpus, or else from the current folder.
    """
    if corpus is not None:
        ctx.use(ctx.find(corpus))
        return corpus
    if new_source is None:
        return ctx.corpus_paths(())[0]
    config = ctx.find(new_source)
    ctx.use(config)
    return config.defaults.paths[0] if config and config.defaults.paths else DEFAULT_CORPUS


# --- review -----------------------------------------------------------------------------------


@main.command()
@click.argument("identifier", metavar="ID")
@click.option("--status", type=click.Choice(STATUSES), required=True)
@click.option("--note", default="", help="Why: which value is right, or why it is no conflict.")
@click.option("--by", "by", default="", help="Who rules (default: $USER).")
@click.option("--corpus", default=DEFAULT_CORPUS, show_default=True)
@corpus_options
@verbosity_options
@click.pass_obj
def review(ctx: Context, identifier: str, status: str, note: str, by: str, corpus: str) -> None:
    """Record a ruling on a discrepancy in claims/reviews.toml.

    \b
    Example:
      claimdiff review d-f8e1083677 --status confirmed --note "two counts of the same pledges"
    """
    import getpass

    if status == "resolved" and not note.strip():
        raise UsageError("--status resolved needs --note saying which value is right")
    corpus = _corpus_folder(ctx, corpus if _given("corpus") else None, None)
    loaded = _load(ctx, (corpus,), show_progress=False)
    # As check shows them: a ruling carried to a discrepancy whose id changed gives it its id.
    apply_rulings(loaded.discrepancies, read_rulings(ctx.store))
    match = next((d for d in loaded.discrepancies if d.id == identifier), None)
    if match is None:
        raise UsageError(f"no discrepancy {identifier} in {corpus} (see `claimdiff check`)")
    positions = position_intervals(match.claims, match.positions)
    subject = f"{match.subject['metric']} of {match.subject['entity']}"
    seen = [RuledClaim.of(c, match.positions.get(c.id, 0)) for c in match.claims]
    record_ruling(ctx.store, identifier, status, note, by or getpass.getuser(), positions, subject, claims=seen)
    _say(f"{identifier}: {status} ({subject})", verdict=True)


if __name__ == "__main__":  # pragma: no cover
    main()

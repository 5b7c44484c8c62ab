#!/usr/bin/env python3
"""Runs eyecite (Free Law Project) side by side with Clerk over the same cleaned text and reports
how far they agree on full case citations.

Usage: compare-eyecite.py [--clerk PATH] [--minimum 0.95] [--list] INPUT...
       compare-eyecite.py --self-test

INPUTs are raw dumps (.txt files or folders), converted with `CLERK convert INPUT... --out TMP
--format json` (default CLERK: .build/release/clerk if built, else .build/debug/clerk). Every
block of every output, body and footnote alike, goes through `eyecite.get_citations(text)`; its
FullCaseCitation objects are matched against Clerk's `kind == "fullCase"` citations of the same
block by (volume, reporter, page), as a multiset. Reporters match leniently: spaces removed,
eyecite's printed or corrected reporter against Clerk's canonical reporter or the reporter as
printed in Clerk's citation text ("S.Ct." vs "S. Ct.").

Prints, per output and in total, the counts (eyecite, Clerk, matched, eyecite-only, Clerk-only),
the agreement ratios matched/eyecite and matched/Clerk, each disagreement with its context (all
with --list; otherwise up to 30 a file, for files with disagreements), and eyecite's throughput.
Exit status: 0 matched/eyecite >= --minimum, 1 below it, 2 usage error or Clerk failure.
Needs eyecite (2.7.x); the comparison itself is a pure function, exercised by --self-test."""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTEXT = 30  # characters of context on each side of a disagreement (about 60 in all)
LISTED_PER_FILE = 30  # disagreements listed per file without --list


@dataclass(frozen=True)
class Cite:
    """One full case citation, from either side, reduced to what the comparison needs."""
    volume: str
    page: str
    reporters: frozenset  # the acceptable spellings, spaces removed
    start: int  # offset into the block text, in Unicode scalars (= Python str indices)
    end: int
    shown: str  # the reporter to show in listings


@dataclass
class Agreement:
    """The outcome of comparing one block, one file or everything."""
    eyecite: int = 0
    clerk: int = 0
    matched: int = 0
    eyecite_only: list = field(default_factory=list)  # Cite objects eyecite found and Clerk did not
    clerk_only: list = field(default_factory=list)

    def add(self, other):
        self.eyecite += other.eyecite
        self.clerk += other.clerk
        self.matched += other.matched
        self.eyecite_only += other.eyecite_only
        self.clerk_only += other.clerk_only


def squeeze(reporter):
    """A reporter with all white space removed: "S. Ct." and "S.Ct." compare equal."""
    return re.sub(r"\s+", "", reporter or "")


def part(value):
    """A volume or page as a string, whether the JSON held a number, a string or nothing."""
    return "" if value is None else str(value).strip()


def printed_reporter(text, volume, page):
    """The reporter as printed in a citation's text: what stands between the volume and the page,
    without a nominative parenthetical ("U.S. (Black)" -> "U.S."). None if the text does not read
    that way."""
    if not text or not page:
        return None
    lead = rf"(?<![\w.]){re.escape(volume)}\s+" if volume else r"^\s*"
    match = re.search(lead + rf"(.+?),?\s+{re.escape(page)}(?!\w)", text)
    if not match:
        return None
    return re.sub(r"\s*\([^()]*\)\s*$", "", match.group(1)) or None


def clerk_full_cases(block):
    """Clerk's full case citations of one JSON block, as Cite objects."""
    cites = []
    for citation in block.get("citations") or []:
        if citation.get("kind") != "fullCase":
            continue
        volume, page = part(citation.get("volume")), part(citation.get("page"))
        spellings = {squeeze(citation.get("reporter"))}
        printed = printed_reporter(citation.get("text"), volume, page)
        if printed:
            spellings.add(squeeze(printed))
        start = citation.get("offset", 0)
        cites.append(Cite(volume, page, frozenset(spellings - {""}), start,
                          start + citation.get("length", 0), citation.get("reporter") or printed or "?"))
    return cites


def eyecite_full_cases(text):
    """eyecite's full case citations in one block text, as Cite objects."""
    import logging
    # eyecite warns on stderr about overlaps of short and id. citations it resolves anyway.
    logging.getLogger("eyecite").setLevel(logging.ERROR)
    from eyecite import get_citations
    from eyecite.models import FullCaseCitation
    cites = []
    if not text.strip():
        return cites  # get_citations raises on empty text
    for citation in get_citations(text):
        if not isinstance(citation, FullCaseCitation):
            continue
        groups = citation.groups
        spellings = {squeeze(groups.get("reporter")), squeeze(citation.corrected_reporter())}
        start, end = citation.span()
        cites.append(Cite(part(groups.get("volume")), part(groups.get("page")), frozenset(spellings - {""}),
                          start, end, citation.corrected_reporter() or groups.get("reporter") or "?"))
    return cites


def compare_cites(eyecite_cites, clerk_cites):
    """Matches one block's citations as multisets: each eyecite citation takes the first Clerk
    citation not taken yet with the same volume and page and a reporter spelling in common. Pure:
    no I/O, no eyecite."""
    result = Agreement(eyecite=len(eyecite_cites), clerk=len(clerk_cites))
    free = sorted(clerk_cites, key=lambda c: c.start)
    for cite in sorted(eyecite_cites, key=lambda c: c.start):
        partner = next((c for c in free if c.volume == cite.volume and c.page == cite.page
                        and c.reporters & cite.reporters), None)
        if partner is None:
            result.eyecite_only.append(cite)
        else:
            free.remove(partner)
            result.matched += 1
    result.clerk_only = free
    return result


def document_blocks(document):
    """Every block of a Clerk JSON document, body and footnotes, with its JSON pointer."""
    for i, opinion in enumerate(document.get("opinions", [])):
        for j, block in enumerate(opinion.get("blocks", [])):
            yield f"/opinions/{i}/blocks/{j}", block
        for k, note in enumerate(opinion.get("footnotes", [])):
            for j, block in enumerate(note.get("blocks", [])):
                yield f"/opinions/{i}/footnotes/{k}/blocks/{j}", block


def compare_document(document, find=eyecite_full_cases):
    """Compares a whole document; returns its Agreement and a list of disagreement lines. `find`
    turns a block text into eyecite's Cite objects (injected so the timing can wrap it)."""
    total, lines = Agreement(), []
    for place, block in document_blocks(document):
        text = block.get("text", "")
        try:
            found = find(text)
        except Exception as error:  # eyecite's own failure: name the block
            raise ValueError(f"{place}: eyecite failed: {error!r}") from error
        result = compare_cites(found, clerk_full_cases(block))
        total.add(result)
        found = [(cite.start, describe(label, cite, text, place))
                 for label, cites in (("eyecite-only", result.eyecite_only), ("clerk-only", result.clerk_only))
                 for cite in cites]
        found.sort(key=lambda line: line[0])  # text order; stable, so eyecite-only first at a tie
        lines += [line for _, line in found]
    return total, lines


def describe(label, cite, text, place):
    before = text[max(0, cite.start - CONTEXT):cite.start]
    after = text[cite.end:cite.end + CONTEXT]
    context = f"…{before}[{text[cite.start:cite.end]}]{after}…".replace("\n", " ")
    return f"{label}: {cite.volume} {cite.shown} {cite.page}  {place}@{cite.start}  {context}"


def ratio(part_, whole):
    return part_ / whole if whole else 1.0


def row(name, result):
    return (f"{name}: eyecite {result.eyecite}, clerk {result.clerk}, matched {result.matched}, "
            f"eyecite-only {len(result.eyecite_only)}, clerk-only {len(result.clerk_only)}")


def default_clerk():
    release = ROOT / ".build/release/clerk"
    return release if release.exists() else ROOT / ".build/debug/clerk"


def run_clerk(clerk, inputs, out):
    """Converts the inputs; returns Clerk's wall time. Raises RuntimeError with Clerk's message."""
    started = time.perf_counter()
    done = subprocess.run([str(clerk), "convert", *inputs, "--out", out, "--format", "json"],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{clerk} convert failed (exit {done.returncode}):\n{done.stderr.strip()}")
    return elapsed


def main(argv):
    parser = argparse.ArgumentParser(description="Agreement of Clerk's full case citations with eyecite's.")
    parser.add_argument("--clerk", help="clerk binary (default: .build/release/clerk, else .build/debug/clerk)")
    parser.add_argument("--minimum", type=float, default=0.95, help="least matched/eyecite ratio for exit 0")
    parser.add_argument("--list", action="store_true", help="list every disagreement")
    parser.add_argument("--self-test", action="store_true", help="check the comparison logic and exit")
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="raw dumps: .txt files or folders")
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test()
    if not args.inputs:
        parser.print_usage(sys.stderr)
        print("compare-eyecite.py: error: no INPUT given", file=sys.stderr)
        return 2
    for path in args.inputs:
        if not os.path.exists(path):
            print(f"{path}: no such file or folder", file=sys.stderr)
            return 2
    clerk = Path(args.clerk) if args.clerk else default_clerk()
    if not clerk.is_file():
        print(f"{clerk}: no clerk binary (run `swift build` first, or pass --clerk)", file=sys.stderr)
        return 2
    try:
        import eyecite  # noqa: F401  (fail early and plainly if it is missing)
    except ImportError:
        print("compare-eyecite.py: eyecite is not installed (pip install eyecite)", file=sys.stderr)
        return 2

    # eyecite builds its tokenizer on first use; keep that out of the timing.
    eyecite_full_cases("See Alder v. Brook, 1 U.S. 1 (1999).")
    timing = {"seconds": 0.0, "bytes": 0}

    def timed_find(text):
        started = time.perf_counter()
        cites = eyecite_full_cases(text)
        timing["seconds"] += time.perf_counter() - started
        timing["bytes"] += len(text.encode("utf-8"))
        return cites

    with tempfile.TemporaryDirectory(prefix="compare-eyecite-") as out:
        try:
            clerk_seconds = run_clerk(clerk, args.inputs, out)
        except (RuntimeError, OSError) as error:
            print(error, file=sys.stderr)
            return 2
        outputs = sorted(Path(out).rglob("*.json"))
        if not outputs:
            print(f"{clerk}: wrote no JSON output for {' '.join(args.inputs)}", file=sys.stderr)
            return 2
        total = Agreement()
        for output in outputs:
            name = str(output.relative_to(out))
            try:
                with open(output, encoding="utf-8") as handle:
                    document = json.load(handle)
                result, lines = compare_document(document, timed_find)
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
                print(f"{name}: cannot compare: {error}", file=sys.stderr)
                return 2
            total.add(result)
            print(row(name, result))
            shown = lines if args.list else lines[:LISTED_PER_FILE]
            for line in shown:
                print(f"  {line}")
            if len(lines) > len(shown):
                print(f"  … {len(lines) - len(shown)} more (use --list)")

    agreement = ratio(total.matched, total.eyecite)
    print(row(f"total ({len(outputs)} file(s))", total))
    vacuous = "" if total.eyecite else ", eyecite found none"
    print(f"clerk finds {agreement:.1%} of eyecite's full case citations (matched/eyecite; minimum {args.minimum:.1%}{vacuous})")
    reverse = f"{ratio(total.matched, total.clerk):.1%}" if total.clerk else "n/a (Clerk found none)"
    print(f"eyecite finds {reverse} of Clerk's full case citations (matched/clerk)")
    megabytes = timing["bytes"] / 1e6
    speed = megabytes / timing["seconds"] if timing["seconds"] else float("inf")
    print(f"eyecite get_citations: {megabytes:.3f} MB of block text in {timing['seconds']:.3f} s = {speed:.2f} MB/s"
          f" (clerk convert, whole pipeline, {clerk_seconds:.3f} s wall)")
    return 0 if agreement >= args.minimum else 1


def self_test():
    """Checks the comparison on fake Clerk blocks against the real eyecite."""
    text = ("See Alder v. Brook, 410 U.S. 113, 120 (1973); Carver v. Dunn, 136 S.Ct. 2272 (2016). "
            "Ellis v. Fenn, 500 F.3d 10 (2d Cir. 2007). Again 410 U.S. 113 (1973). "
            "Gale v. Hart, 67 U.S. (Black) 17 (1862). Id. at 20. Alder, 410 U.S. at 121.")

    def at(snippet, occurrence=0):
        index = -1
        for _ in range(occurrence + 1):
            index = text.index(snippet, index + 1)
        return index

    def cite(snippet, volume, reporter, page, kind="fullCase", occurrence=0):
        return {"offset": at(snippet, occurrence), "length": len(snippet), "kind": kind, "text": snippet,
                "volume": volume, "reporter": reporter, "page": page}

    block = {"text": text, "citations": [
        cite("410 U.S. 113", "410", "U.S.", "113"),
        cite("136 S.Ct. 2272", "136", "S. Ct.", "2272"),  # printed S.Ct., canonical S. Ct.
        # A wrong reporter and no text to read the printed one from: no match either way.
        {key: value for key, value in cite("500 F.3d 10", "500", "F.2d", "10").items() if key != "text"},
        cite("67 U.S. (Black) 17", 67, "U.S.", 17),  # numbers, not strings, and a nominative
        cite("Alder, 410 U.S. at 121", "410", "U.S.", None, kind="shortCase"),  # not compared
        # the second "410 U.S. 113" (a duplicate) is left out: one eyecite-only
    ]}
    checks = []

    def check(name, got, want):
        checks.append((name, got == want))
        if got != want:
            print(f"self-test: {name}: got {got!r}, want {want!r}", file=sys.stderr)

    eyecite_cites = eyecite_full_cases(text)
    check("eyecite full case cites", len(eyecite_cites), 5)
    result = compare_cites(eyecite_cites, clerk_full_cases(block))
    check("counts", (result.eyecite, result.clerk, result.matched), (5, 4, 3))
    check("eyecite-only", [(c.volume, c.page, c.start) for c in result.eyecite_only],
          [("500", "10", at("500 F.3d 10")), ("410", "113", at("410 U.S. 113", 1))])
    check("clerk-only", [(c.volume, c.page) for c in result.clerk_only], [("500", "10")])

    # The duplicate found twice by both sides: both match (a multiset, not a set).
    both = dict(block, citations=block["citations"] + [cite("410 U.S. 113", "410", "U.S.", "113", occurrence=1)])
    check("duplicate", compare_cites(eyecite_cites, clerk_full_cases(both)).matched, 4)
    # Found twice by Clerk, once in the text: one clerk-only.
    extra = dict(block, citations=both["citations"] + [cite("410 U.S. 113", "410", "U.S.", "113")])
    check("surplus duplicate", len(compare_cites(eyecite_cites, clerk_full_cases(extra)).clerk_only), 2)

    # Printed reporter from Clerk's text alone: canonical field wrong but text says "S.Ct.".
    printed_only = {"text": text, "citations": [cite("136 S.Ct. 2272", "136", "Sup. Ct. Rep.", "2272")]}
    check("printed reporter", compare_cites(eyecite_cites, clerk_full_cases(printed_only)).matched, 1)
    check("printed_reporter()", [printed_reporter("136 S.Ct. 2272", "136", "2272"),
                                 printed_reporter("67 U.S. (Black) 17", "67", "17"),
                                 printed_reporter("Add. 55", "", "55")], ["S.Ct.", "U.S.", "Add."])

    # A whole document: body and footnote blocks both compared, disagreements listed in context.
    note_text = "Hart v. Ives, 5 F. Supp. 2d 7 (D. Mass. 1998)."
    document = {"opinions": [{"blocks": [block], "footnotes": [{"label": "1", "blocks": [
        {"text": note_text, "citations": [{"offset": 14, "length": 15, "kind": "fullCase",
                                           "text": "5 F. Supp. 2d 7", "volume": "5", "reporter": "F. Supp. 2d",
                                           "page": "7"}]}]}]}]}
    total, lines = compare_document(document)
    check("document counts", (total.eyecite, total.clerk, total.matched), (6, 5, 4))
    check("document lines", [line.split(":")[0] for line in lines], ["eyecite-only", "clerk-only", "eyecite-only"])
    check("context", "[500 F.3d 10]" in lines[0] and "/opinions/0/blocks/0@" in lines[0], True)
    check("empty", compare_cites([], []).matched, 0)

    failed = sum(1 for _, ok in checks if not ok)
    print(f"self-test: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Compares two Clerk JSON outputs of the same opinion from two sources (e.g. Samples 001 and
002): word-level similarity of the opinions' blocks, footnotes by label and text, and page breaks
(page label and the word that starts the page), and the structure: case metadata from the caption
(web-chrome metadata left aside), opinions by type and author, headings, section breaks and the
disposition, and the citations (kind, text, parts). Usage: compare-sources.py A.json B.json"""
import difflib
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    words = " ".join(b["text"] for o in document["opinions"] for b in o["blocks"]).split()
    notes = [(f["label"], " ".join(b["text"] for b in f["blocks"])) for o in document["opinions"] for f in o["footnotes"]]
    pages = []
    for opinion in document["opinions"]:
        for block in opinion["blocks"]:
            for mark in block["pageBreaks"]:
                following = block["text"][mark["offset"]:].split()
                pages.append((mark["page"], following[0] if following else ""))
    return words, notes, pages


def structure(path):
    """The structure of one output, as comparable values."""
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    case = {key: value for key, value in document["case"].items() if key != "metadata"}
    opinions = [(o["type"], o.get("author")) for o in document["opinions"]]
    headings = [(i, b.get("label"), b["level"], b["text"]) for i, o in enumerate(document["opinions"])
                for b in o["blocks"] if b["kind"] == "heading"]
    breaks = sum(1 for o in document["opinions"] for b in o["blocks"] if b["kind"] == "sectionBreak")
    return case, opinions, headings, breaks, document.get("disposition")


def report_structure(path_a, path_b):
    (case_a, opinions_a, headings_a, breaks_a, disposition_a) = structure(path_a)
    (case_b, opinions_b, headings_b, breaks_b, disposition_b) = structure(path_b)
    print(f"case: {'same' if case_a == case_b else 'differs'}")
    for key in sorted(set(case_a) | set(case_b)):
        if case_a.get(key) != case_b.get(key):
            print(f"  {key}: {case_a.get(key)!r} | {case_b.get(key)!r}")
    describe = lambda opinions: ", ".join(f"{t} by {a}" if a else t for t, a in opinions)
    print(f"opinions: {'same' if opinions_a == opinions_b else 'differ'}: {describe(opinions_a)} | {describe(opinions_b)}")
    same_headings = sum(1 for a, b in zip(headings_a, headings_b) if a == b)
    print(f"headings: {len(headings_a)} / {len(headings_b)}, same opinion, label, level and title {same_headings}")
    for a, b in zip(headings_a, headings_b):
        if a != b:
            print(f"  {a} | {b}")
    print(f"section breaks: {breaks_a} / {breaks_b}")
    print(f"disposition: {'same' if disposition_a == disposition_b else 'differs'}: {disposition_a!r} | {disposition_b!r}")


def citations(path):
    """Every citation (kind, text and parts; offsets left aside), in reading order."""
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    found = []
    for opinion in document["opinions"]:
        blocks = opinion["blocks"] + [b for f in opinion["footnotes"] for b in f["blocks"]]
        for block in blocks:
            found += [tuple(sorted((k, v) for k, v in c.items() if k != "offset")) for c in block.get("citations", [])]
    return found


def report_citations(path_a, path_b):
    cites_a, cites_b = citations(path_a), citations(path_b)
    same = cites_a == cites_b
    print(f"citations: {len(cites_a)} / {len(cites_b)}, {'same kinds, texts and parts' if same else 'differ'}")
    if not same:
        for line in difflib.unified_diff([str(c) for c in cites_a], [str(c) for c in cites_b], lineterm="", n=0):
            print(f"  {line[:200]}")


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    (words_a, notes_a, pages_a), (words_b, notes_b, pages_b) = load(argv[1]), load(argv[2])
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    print(f"body words: {len(words_a)} / {len(words_b)}, similarity {matcher.ratio():.5f}")
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            print(f"  {op}: {' '.join(words_a[a1:a2])[:160]!r} | {' '.join(words_b[b1:b2])[:160]!r}")
    same_notes = sum(1 for a, b in zip(notes_a, notes_b) if a == b)
    print(f"footnotes: {len(notes_a)} / {len(notes_b)}, labels {'equal' if [l for l, _ in notes_a] == [l for l, _ in notes_b] else 'differ'}, identical text {same_notes}")
    for (label_a, text_a), (label_b, text_b) in zip(notes_a, notes_b):
        if text_a != text_b:
            ratio = difflib.SequenceMatcher(None, text_a.split(), text_b.split(), autojunk=False).ratio()
            print(f"  footnote {label_a}: word similarity {ratio:.4f}")
    same_pages = sum(1 for a, b in zip(pages_a, pages_b) if a == b)
    print(f"page breaks: {len(pages_a)} / {len(pages_b)}, same page at the same word {same_pages}")
    for a, b in zip(pages_a, pages_b):
        if a != b:
            print(f"  {a} | {b}")
    report_structure(argv[1], argv[2])
    report_citations(argv[1], argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

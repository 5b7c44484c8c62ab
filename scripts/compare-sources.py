#!/usr/bin/env python3
"""Compares two Clerk JSON outputs of the same opinion from two sources (e.g. Samples 001 and
002): word-level similarity of the opinions' blocks, footnotes by label and text, and page breaks
(page label and the word that starts the page). Usage: compare-sources.py A.json B.json"""
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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

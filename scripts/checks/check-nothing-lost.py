#!/usr/bin/env python3
"""Checks Clerk's promise that nothing is lost: for every character that is not white space,
its count in the raw input equals its count in the output (blocks and footnotes) minus what
edits inserted plus what edits removed. Text moved from the body into footnotes is in the output
already, so those edits are not counted as removals. The log shows a removed control character
by its control picture (U+0001 as U+2401) and a removed U+FFFE or U+FFFF as U+FFFD, since XML can
carry neither, so the input's are counted as those stand-ins.
Tests/ClerkTestSupport/CharacterAccount.swift counts the same way inside `swift test`.
Usage: check-nothing-lost.py RAW.txt OUTPUT.json (pairs may repeat). Exit 1 on a mismatch."""
import collections
import json
import sys


def characters(text):
    return collections.Counter(c for c in text if not c.isspace())


def stand_in(c):
    """What the edit log shows for an input character XML cannot carry."""
    if ord(c) < 0x20:
        return chr(0x2400 + ord(c))
    if c in "\ufffe\uffff":
        return "\ufffd"
    return c


def check(raw_path, json_path):
    raw = open(raw_path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    with open(json_path, encoding="utf-8") as handle:
        document = json.load(handle)
    output = collections.Counter()
    for opinion in document["opinions"]:
        for block in opinion["blocks"]:
            output += characters(block["text"])
        for note in opinion["footnotes"]:
            for block in note["blocks"]:
                output += characters(block["text"])
    removed, inserted, moved = collections.Counter(), collections.Counter(), collections.Counter()
    for edit in document["edits"]:
        if edit["reason"].endswith("moved from the body to the notes"):
            moved += characters(edit["before"])
        removed += characters(edit["before"])
        inserted += characters(edit["after"])
    # Moved text is both in the log and in the output: count it once.
    expected = characters(stand_in(c) for c in text if not c.isspace())
    accounted = output + removed
    accounted.subtract(inserted)
    accounted.subtract(moved)
    missing = {c: n - accounted[c] for c, n in expected.items() if n > accounted[c]}
    extra = {c: accounted[c] - expected[c] for c in accounted if accounted[c] > expected[c]}
    # Control pictures stand for removed control characters (white space, or not text at all).
    extra = {c: n for c, n in extra.items() if not 0x2400 <= ord(c) <= 0x241F}
    ok = not missing and not extra
    print(f"{json_path}: {'nothing lost' if ok else 'MISMATCH'} ({sum(expected.values())} characters)")
    if missing:
        print(f"  missing from output and log: {dict(sorted(missing.items(), key=lambda x: -x[1])[:20])}")
    if extra:
        print(f"  in output or log but not in the input: {dict(sorted(extra.items(), key=lambda x: -x[1])[:20])}")
    return ok


def main(argv):
    if len(argv) < 3 or len(argv) % 2 == 0:
        print(__doc__, file=sys.stderr)
        return 2
    results = [check(argv[i], argv[i + 1]) for i in range(1, len(argv), 2)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Looks for page-break noise left in Clerk JSON outputs: running headers (a docket-like
`No. …` next to a bare page number), star-page markers, inline hyphen splits (`be- lieving`),
web chrome (`Menu:`, breadcrumb trails, `Document Info`), and glued citation tokens. Prints each
hit with its place; exit 1 if any. Usage: check-noise.py FILE.json..."""
import json
import re
import sys

PATTERNS = {
    "running header": re.compile(r"(\b\d{1,3}\s+No\.\s+[\w:-]+\d\b(?!\s*[,;(])|No\.\s+\d[\w-]*\s+\d{1,3}\s+[A-Z“])"),
    "star page": re.compile(r"(?<![\w*])(?<!at )\*{1,3}\d{2,5}\b"),
    "hyphen split": re.compile(r"\b[a-z]{2,}- [a-z]{2,}\b"),
    "web chrome": re.compile(r"Menu:|All Courts \||Document Info|Precedential Status:"),
    "glued token": re.compile(r"\b(?:at|Id\.at)\d|\bId\.[A-Z][a-z]|\d{3,4}[a-z]{3,}\b"),
}


def texts(document):
    for i, opinion in enumerate(document["opinions"]):
        for j, block in enumerate(opinion["blocks"]):
            yield f"/opinions/{i}/blocks/{j}", block["text"]
        for k, note in enumerate(opinion["footnotes"]):
            for j, block in enumerate(note["blocks"]):
                yield f"/opinions/{i}/footnotes/{k}/blocks/{j}", block["text"]


def main(paths):
    hits = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        for place, text in texts(document):
            for name, pattern in PATTERNS.items():
                for match in pattern.finditer(text):
                    hits += 1
                    context = text[max(0, match.start() - 40):match.end() + 40].replace("\n", " ")
                    print(f"{path}: {place}: {name}: …{context}…")
    print(f"{hits} hit(s) in {len(paths)} file(s)", file=sys.stderr)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

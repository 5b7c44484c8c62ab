#!/usr/bin/env python3
"""Reference verdicts for the Swift JSON Schema validator (differential test).

Usage: jsonschema_verdicts.py SCHEMA.json INSTANCES.jsonl

Prints one line per instance (one JSON value per input line): "valid" or "invalid",
as judged by Python jsonschema's Draft202012Validator (formats are not asserted).

The file name starts with a dot so SwiftPM does not warn about an unhandled file
in the test target.
"""
import json
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError:
    sys.stderr.write("the Python module jsonschema is missing: pip install jsonschema\n")
    sys.exit(3)


def main() -> int:
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    out = []
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            instance = json.loads(line)
            out.append("valid" if validator.is_valid(instance) else "invalid")
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

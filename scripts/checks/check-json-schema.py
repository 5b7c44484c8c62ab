#!/usr/bin/env python3
"""Validates JSON files against a JSON Schema (draft 2020-12) with Python's jsonschema, the
independent check of Clerk's own validator. Usage: check-json-schema.py SCHEMA FILE...
Prints one line per problem (file, JSON pointer, message); exit 1 if any file is invalid."""
import json
import sys

import jsonschema


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path) or "(root)"


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    invalid = 0
    for name in argv[2:]:
        with open(name, encoding="utf-8") as handle:
            document = json.load(handle)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            print(f"{name}: {pointer(error.absolute_path)}: {error.message}")
        if errors:
            invalid += 1
        else:
            print(f"{name}: valid")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

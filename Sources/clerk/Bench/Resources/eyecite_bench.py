# eyecite's get_citations over the .txt files given, until LIMIT bytes are done, for `clerk bench`
# (embedded in the binary, run as `python3 -c`): python3 -c PROGRAM LIMIT FILE... prints one JSON
# line, {"bytes": N, "seconds": S, "citations": C}, or {"error": "..."} when eyecite is missing.
# UTF-16 files (a byte order mark) are skipped, as are .html files.
import json, sys, time
try:
    from eyecite import get_citations
except ImportError:
    print(json.dumps({"error": "eyecite is not installed (pip install eyecite)"})); sys.exit(0)
limit, total, seconds, cites = int(sys.argv[1]), 0, 0.0, 0
for path in sys.argv[2:]:
    if total >= limit: break
    data = open(path, "rb").read()
    if not path.endswith(".txt") or data[:2] in (b"\xff\xfe", b"\xfe\xff"): continue
    text = data.decode("utf-8", errors="replace")
    start = time.perf_counter()
    cites += len(get_citations(text))
    seconds += time.perf_counter() - start
    total += len(data)
print(json.dumps({"bytes": total, "seconds": seconds, "citations": cites}))

"""Phone "contains" search benchmark (not a test): 100,000 patients, through the service.

    python bench/bench_phone_search.py [DB]

DB defaults to a 100,000-patient demo database cached in the system temp folder (made once
with the demo generator). Prints the query plan (it must search the phone key index, not
scan) and the latency of each dictated fragment; the target is p95 ≤ 10 ms.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 30
FRAGMENTS = 12


def cached_demo_db() -> Path:
    path = Path(tempfile.gettempdir()) / "cryolog-bench-phone-100k.db"
    if not path.exists():
        from cryolog.db.database import open_database
        from cryolog.services.demo import generate_demo

        print("generating 100,000 demo patients (once)…", flush=True)
        db = open_database(path)
        generate_demo(db, 100_000, 1)
        db.dispose()
    return path


def fragments(phones: list[str], rng: random.Random) -> list[str]:
    """What a practitioner dictates: a middle run with a dash, a national form, a prefix."""
    out = []
    for phone in rng.sample(phones, FRAGMENTS):
        digits = "".join(ch for ch in phone if ch.isdigit())
        start = rng.randrange(2, max(3, len(digits) - 5))
        out.append(f"{digits[start : start + 3]}-{digits[start + 3 : start + 5]}")
        if phone.startswith("+7"):
            out.append("8 " + digits[1:5])
    return out


def main() -> int:
    from cryolog.db.database import open_database
    from cryolog.domain.query import parse_query
    from cryolog.services import Services
    from cryolog.services.search import _where

    db = open_database(Path(sys.argv[1]) if len(sys.argv) > 1 else cached_demo_db())
    search = Services.open(db, "bench").search
    phones = [str(r[0]) for r in db.rows("SELECT phone FROM patient WHERE phone <> ''", {})]
    print(f"{len(phones)} patients with a phone")
    where, params = _where(parse_query("385-67"), False)
    plan = db.rows(f"EXPLAIN QUERY PLAN SELECT id FROM patient{where}", params)
    print("query plan:", *(f"  {row[-1]}" for row in plan), sep="\n")
    times: list[float] = []
    matches: list[int] = []
    for text in fragments(phones, random.Random(1)):
        search.search(text, limit=200)  # warm the pages once, as a typed key would
        for _ in range(ROUNDS):
            started = time.perf_counter()
            found = search.search(text, limit=200)
            times.append((time.perf_counter() - started) * 1000)
        matches.append(len(found))
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(
        f"phone contains: median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms"
        f" (target ≤ 10 ms); matches per query {min(matches)}–{max(matches)}"
    )
    db.dispose()
    return 0 if p95 <= 10 else 1


if __name__ == "__main__":
    sys.exit(main())

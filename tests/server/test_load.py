"""A bounded load test on loopback: 2,000 API requests, 20 at a time, none fails.

The latencies are printed (run with -s to see them); speed is not asserted
here, only that nothing errs under concurrent use.
"""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import story
from loopback import running_server

REQUESTS = 2000
CONCURRENCY = 20
PATHS = [
    "/api/articles", "/api/statements?limit=20", "/api/statements?q=drones", "/api/entities", "/api/propositions",
    "/api/positions?stance=deny", "/api/contradictions", "/api/framing", f"/api/entities/{story.BLINKEN}",
    "/api/statements?speaker_entity_id=" + story.PERSIAN, "/api/articles/a-missing",
]




def test_api_under_concurrent_load(story_db: Path) -> None:
    with running_server(story_db) as url, httpx.Client(base_url=url, timeout=60,
                                                       limits=httpx.Limits(max_connections=CONCURRENCY)) as client:

        def call(i: int) -> tuple[str, int, float]:
            path = PATHS[i % len(PATHS)]
            start = time.perf_counter()
            status = client.get(path).status_code
            return path, status, time.perf_counter() - start

        started = time.perf_counter()
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            results = list(pool.map(call, range(REQUESTS)))
        elapsed = time.perf_counter() - started

    wrong = [(path, status) for path, status, _ in results if status != (404 if "a-missing" in path else 200)]
    assert not wrong, wrong[:5]
    latencies = sorted(seconds for _, _, seconds in results)
    p50, p95, p99 = (latencies[int(q * (len(latencies) - 1))] * 1000 for q in (0.5, 0.95, 0.99))
    print(
        f"\n{REQUESTS} requests, {CONCURRENCY} at a time, in {elapsed:.1f} s ({REQUESTS / elapsed:.0f}/s): "
        f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms, mean {statistics.mean(latencies) * 1000:.0f} ms"
    )

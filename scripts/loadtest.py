"""Load test of `policykb serve`: many clients asking while documents are written.

    python scripts/loadtest.py --kb /srv/kb --clients 50 --seconds 60

copies the data folder to a temporary one (the original is only read), starts `policykb serve`
on a loopback port over the copy, and has `--clients` clients ask the evaluation questions for
`--seconds`. Meanwhile an upload goes through `POST /api/documents` and a separate
`policykb ingest` process adds another document to the same folder; a probe asks `/healthz`
every 100 ms. The load goes on until both writes have finished, however long they take.

Prints to stdout the requests, errors by kind (any answer but 200; 429s are counted apart),
ask latency median / p95 / max, the longest `/healthz` stall, whether both writes completed
and whether the server then answers from both documents. Progress goes to stderr. Exit
status 1 on any error, failed probe or write, or a stall longer than --max-stall.

With --url a running server is loaded instead, and nothing is written (start it with
POLICYKB_RATE_LIMIT_PER_MINUTE=0; --pid samples its memory).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
from load_writes import REPOSITORY, HealthProbe, Served, Write, copy_kb, start_writes

from evals.metrics import percentile
from kb.errors import KBError

DATASET = REPOSITORY / "evals" / "data" / "policy_qa.jsonl"
log = logging.getLogger("loadtest")


@dataclass
class Result:
    """What one run measured."""

    clients: int = 0
    requests: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    rate_limited: int = 0  # 429: the limiter, not the capacity; not an error
    refused: int = 0  # answered "no evidence" (a normal answer)
    seconds: float = 0.0
    median_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    requests_per_second: float = 0.0
    client_cpu_s: float = 0.0  # CPU this load generator used, taken from the server's 2 cores
    rss_mb: dict[str, float] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    healthz: dict[str, Any] = field(default_factory=dict)
    writes: list[Write] = field(default_factory=list)

    def passed(self, max_stall_s: float) -> bool:
        health_ok = not self.healthz or (
            self.healthz["failed"] == 0 and self.healthz["longest_stall_ms"] <= max_stall_s * 1000)
        writes_ok = all(w.completed and w.searchable and w.answerable for w in self.writes)
        return self.requests > 0 and self.errors == 0 and health_ok and writes_ok


def load_questions(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["question"] for line in lines if line.strip()]


def rss_mb(pid: int | None) -> float | None:
    """Resident memory of process `pid` in MB, from /proc/PID/status."""
    if pid is None:
        return None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


async def ask_load(url: str, questions: list[str], clients: int, seconds: float,
                   max_requests: int, pid: int | None, writes: list[asyncio.Task[Write]],
                   seed: int = 1, origin: float | None = None) -> Result:
    """`clients` concurrent loops asking random questions for `seconds` and until `writes`
    are done, or until `max_requests` have been sent."""
    result = Result(clients=clients)
    latencies: list[float] = []
    kinds: Counter[str] = Counter()
    rng = random.Random(seed)
    budget = [max_requests]

    def going() -> bool:
        running = time.monotonic() < deadline or not all(task.done() for task in writes)
        return running and budget[0] > 0

    async def client(http: httpx.AsyncClient) -> None:
        while going():
            budget[0] -= 1
            question = rng.choice(questions)
            sent = time.perf_counter()
            try:
                response = await http.post("/api/ask", json={"question": question})
                status = response.status_code
                if status == 200 and response.json().get("refused"):
                    result.refused += 1
                problem = "" if status in (200, 429) else f"HTTP {status}"
                detail = response.text[:120]
            except (httpx.HTTPError, ValueError) as error:
                status, problem, detail = 0, type(error).__name__, str(error)[:120]
            result.requests += 1
            if status == 200:
                latencies.append((time.perf_counter() - sent) * 1000)
            elif status == 429:
                result.rate_limited += 1
            if problem:
                kinds[problem] += 1
                if len(result.error_samples) < 5:
                    result.error_samples.append(f"{problem}: {detail}")

    def sample_memory(label: str) -> None:
        memory = rss_mb(pid)
        if memory is not None:
            result.rss_mb[label] = round(memory, 1)

    async def sample_middle() -> None:
        await asyncio.sleep(seconds / 2)
        sample_memory("middle")

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:
        log.info("%d clients asking for %g s", clients, seconds)
        # the writes' times count from the same origin as the load's length
        started, cpu = origin if origin is not None else time.monotonic(), time.process_time()
        deadline = started + seconds
        sample_memory("start")
        sampler = asyncio.create_task(sample_middle())
        await asyncio.gather(*(client(http) for _ in range(clients)))
        sampler.cancel()
    sample_memory("end")
    result.seconds = round(time.monotonic() - started, 2)
    result.client_cpu_s = round(time.process_time() - cpu, 1)
    result.error_kinds = dict(kinds)
    result.errors = sum(kinds.values())
    if latencies:
        result.median_ms = round(percentile(latencies, 0.5) or 0.0, 1)
        result.p95_ms = round(percentile(latencies, 0.95) or 0.0, 1)
        result.max_ms = round(max(latencies), 1)
    result.requests_per_second = round(result.requests / result.seconds, 1)
    return result


def warm_up(url: str, questions: list[str]) -> None:
    """Models and indexes load on the first questions: ask them before timing."""
    with httpx.Client(base_url=url, timeout=300) as http:
        for question in questions:
            http.post("/api/ask", json={"question": question}).raise_for_status()


async def run_with_writes(served: Served, questions: list[str], args: argparse.Namespace
                          ) -> Result:
    """The load, the probe and the two writes at once; then whether both documents answer."""
    warm_up(served.url, questions[:args.warmup])
    probe = HealthProbe(served.url)
    probe.start()
    try:
        origin = time.monotonic()
        writes = [] if args.no_writes else start_writes(served, args.write_after,
                                                        args.write_passages, origin)
        result = await ask_load(served.url, questions, args.clients, args.seconds,
                                args.max_requests, served.pid, writes, origin=origin)
    finally:
        probe.stop()
    result.healthz = probe.summary()
    result.writes = [task.result() for task in writes]
    for write in result.writes:
        write.check(served.url)
    return result


def report(result: Result, max_stall_s: float) -> str:
    verdict = "OK" if result.passed(max_stall_s) else "FAILED"
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(result.error_kinds.items())) or "none"
    lines = [
        (f"{verdict}: {result.requests} requests from {result.clients} clients in "
         f"{result.seconds} s ({result.requests_per_second} req/s); errors {result.errors} "
         f"({kinds}); 429 rate-limited {result.rate_limited}; "
         f"{result.refused} answered 'no evidence'"),
        (f"ask latency median {result.median_ms} ms, p95 {result.p95_ms} ms, "
         f"max {result.max_ms} ms; load generator CPU {result.client_cpu_s} s"),
    ]
    if result.healthz:
        health = result.healthz
        lines.append(
            f"/healthz: {health['polls']:.0f} polls, {health['failed']:.0f} failed, longest stall "
            f"{health['longest_stall_ms']:.0f} ms (at {health['longest_stall_at_s']:.1f} s; "
            f"limit {max_stall_s * 1000:.0f} ms), median {health['median_ms']:.0f} ms, "
            f"p95 {health['p95_ms']:.0f} ms")
    lines += [write.describe() for write in result.writes]
    if result.rss_mb:
        lines.append("server RSS MB: " + ", ".join(f"{k} {v}" for k, v in result.rss_mb.items()))
    lines += [f"  error: {sample}" for sample in result.error_samples]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--kb", type=Path, help="data folder to copy and serve (default: "
                        "$POLICYKB_HOME or ~/.policykb; none there: the bundled corpus)")
    parser.add_argument("--url", help="load this running server instead; nothing is written")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    parser.add_argument("--pid", type=int, help="with --url: server process id, for its memory")
    parser.add_argument("--questions", type=Path, default=DATASET)
    parser.add_argument("--warmup", type=int, default=10, help="questions asked before timing")
    parser.add_argument("--write-after", type=float, default=None,
                        help="seconds into the load before the upload starts (default: a "
                             "sixth of --seconds); the ingest starts a second later")
    parser.add_argument("--write-passages", type=int, default=40,
                        help="numbered items in each written document (its embedding work)")
    parser.add_argument("--no-writes", action="store_true",
                        help="no upload and no ingest: the same load on a folder nobody writes")
    parser.add_argument("--max-stall", type=float, default=1.0,
                        help="longest /healthz wait in seconds before the run fails")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if args.write_after is None:
        args.write_after = args.seconds / 6
    questions = load_questions(args.questions)
    if args.url:
        warm_up(args.url, questions[:args.warmup])
        result = asyncio.run(ask_load(args.url.rstrip("/"), questions, args.clients,
                                      args.seconds, args.max_requests, args.pid, []))
    else:
        source = args.kb or Path(os.environ.get("POLICYKB_HOME") or Path.home() / ".policykb")
        work = Path(tempfile.mkdtemp(prefix="policykb-load-"))
        log.info("working in %s", work)
        try:
            copy_kb(source, work / "kb")
            with Served(work) as served:
                result = asyncio.run(run_with_writes(served, questions, args))
        except (RuntimeError, OSError, KBError) as error:  # the server or the copy, not the load
            print(f"Error: {error} (files kept in {work})", file=sys.stderr)
            return 1
        if not args.keep:
            served.clean()
    print(json.dumps(asdict(result), ensure_ascii=False) if args.json
          else report(result, args.max_stall))
    return 0 if result.passed(args.max_stall) else 1


if __name__ == "__main__":
    sys.exit(main())

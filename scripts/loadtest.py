"""Load test of a running `policykb serve`: many clients asking the evaluation questions.

    POLICYKB_RATE_LIMIT_PER_MINUTE=0 policykb serve --port 8000 &
    python scripts/loadtest.py --url http://127.0.0.1:8000 --clients 50 --seconds 60 --pid $!

Prints the error count (the run fails on any), median and p95 latency, throughput, and
the server's resident memory at the start, middle and end (with --pid, from /proc).
Every request goes to --url only; the run stops after --seconds or --max-requests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

DATASET = Path(__file__).resolve().parents[1] / "evals" / "data" / "policy_qa.jsonl"


@dataclass
class Result:
    """What one run measured."""

    requests: int = 0
    errors: int = 0
    refused: int = 0
    seconds: float = 0.0
    median_ms: float = 0.0
    p95_ms: float = 0.0
    requests_per_second: float = 0.0
    rss_mb: dict[str, float] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)


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


async def run(url: str, questions: list[str], clients: int, seconds: float,
              max_requests: int, pid: int | None, warmup: int = 10, seed: int = 1) -> Result:
    """`clients` concurrent loops asking random questions until time or the cap runs out."""
    result = Result()
    latencies: list[float] = []
    rng = random.Random(seed)
    budget = [max_requests]

    async def client(http: httpx.AsyncClient) -> None:
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            question = rng.choice(questions)
            sent = time.perf_counter()
            try:
                response = await http.post("/api/ask", json={"question": question})
                ok = response.status_code == 200
                body = response.json() if ok else {}
                if ok and body.get("refused"):
                    result.refused += 1
                problem = "" if ok else f"HTTP {response.status_code}: {response.text[:120]}"
            except (httpx.HTTPError, ValueError) as error:
                problem = f"{type(error).__name__}: {error}"
            latencies.append((time.perf_counter() - sent) * 1000)
            result.requests += 1
            if problem:
                result.errors += 1
                if len(result.error_samples) < 5:
                    result.error_samples.append(problem)

    def sample_memory(label: str) -> None:
        memory = rss_mb(pid)
        if memory is not None:
            result.rss_mb[label] = round(memory, 1)

    async def sample_middle() -> None:
        await asyncio.sleep(seconds / 2)
        sample_memory("middle")

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        for question in questions[:warmup]:  # models and indexes load on the first questions
            (await http.post("/api/ask", json={"question": question})).raise_for_status()
        started = time.monotonic()
        deadline = started + seconds
        sample_memory("start")
        sampler = asyncio.create_task(sample_middle())
        await asyncio.gather(*(client(http) for _ in range(clients)))
        sampler.cancel()
    sample_memory("end")
    result.seconds = round(time.monotonic() - started, 2)
    if latencies:
        ordered = sorted(latencies)
        result.median_ms = round(statistics.median(ordered), 1)
        result.p95_ms = round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1)
    result.requests_per_second = round(result.requests / result.seconds, 1)
    return result


def report(result: Result, clients: int) -> str:
    verdict = "OK: zero errors" if result.errors == 0 else f"FAILED: {result.errors} errors"
    lines = [
        (f"{verdict} ({result.requests} requests, {clients} clients, {result.seconds} s; "
         f"{result.refused} answered 'no evidence')"),
        (f"latency median {result.median_ms} ms, p95 {result.p95_ms} ms; "
         f"throughput {result.requests_per_second} req/s"),
    ]
    if result.rss_mb:
        lines.append("server RSS MB: " + ", ".join(f"{k} {v}" for k, v in result.rss_mb.items()))
    lines += [f"  error: {sample}" for sample in result.error_samples]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--pid", type=int, help="server process id, to sample its memory")
    parser.add_argument("--questions", type=Path, default=DATASET)
    parser.add_argument("--warmup", type=int, default=10, help="questions asked before timing")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.url.rstrip("/"), load_questions(args.questions), args.clients,
                             args.seconds, args.max_requests, args.pid, args.warmup))
    print(json.dumps(asdict(result), ensure_ascii=False) if args.json
          else report(result, args.clients))
    return 0 if result.errors == 0 and result.requests > 0 else 1


if __name__ == "__main__":
    sys.exit(main())

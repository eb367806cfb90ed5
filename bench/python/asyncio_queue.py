"""Python's asyncio.Queue on the same workloads as bench/queue.ts.

Usage: python3 asyncio_queue.py N MAXSIZE WARMUP RUNS WORKLOAD[,WORKLOAD...]
where a workload is NAME:CONSUMERS (e.g. pipe:1,fan-out:8).
Prints one JSON object: {"python": "3.x.y", "results": {NAME: [seconds per run, ...]}}.

Consumers stop after N gets in total (a shared claim counter), the same rule the
Node side uses, so Python versions without Queue.shutdown (< 3.13) run it too.
"""
import asyncio
import gc
import json
import sys
import time


async def workload(n: int, maxsize: int, consumers: int) -> None:
    q: asyncio.Queue[int] = asyncio.Queue(maxsize)
    claimed = 0
    total = 0

    async def consumer() -> None:
        nonlocal claimed, total
        while claimed < n:
            claimed += 1
            item = await q.get()
            total += item
            q.task_done()

    tasks = [asyncio.create_task(consumer()) for _ in range(consumers)]
    for i in range(n):
        await q.put(i)
    await q.join()
    await asyncio.gather(*tasks)
    if total != n * (n - 1) // 2:
        raise AssertionError(f"checksum mismatch: {total}")


def main() -> None:
    n, maxsize, warmup, runs = (int(x) for x in sys.argv[1:5])
    workloads = [w.split(":") for w in sys.argv[5].split(",")]
    results = {}
    for name, consumers in workloads:
        times = []
        for i in range(warmup + runs):
            gc.collect()
            start = time.perf_counter()
            asyncio.run(workload(n, maxsize, int(consumers)))
            if i >= warmup:
                times.append(time.perf_counter() - start)
        results[name] = times
    print(json.dumps({"python": sys.version.split()[0], "results": results}))


if __name__ == "__main__":
    main()

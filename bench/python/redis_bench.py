#!/usr/bin/env python3
"""redis-py peer for Weft's Redis benchmark (dev.weft.bench.redis.RedisBenchmark), same workload.

TASKS closed-loop tasks on one event loop alternate SET and GET of a 16-byte value on their own
key, checking each GET. redis.asyncio sends a command on a connection taken from its pool and
holds that connection until the reply is read, so it does not pipeline callers on one connection:
TASKS concurrent tasks use TASKS pooled connections, and it is measured in the "TASKS
connections" rows only. Replies that arrive during the warm-up do not count. Prints the
benchmark's lines, workload<TAB>system<TAB>score<TAB>unit, for CPython's asyncio and, when
python3-uvloop is installed, for uvloop.

    /usr/bin/python3 bench/python/redis_bench.py <port> <tasks> <warmup s> <measure s>
"""
import asyncio
import sys
import time

import redis.asyncio as aioredis

VALUE = b"weft-bench-value"


def workload(tasks, connections, metric):
    plural = "" if connections == 1 else "s"
    return "Redis SET+GET 16 B, %d tasks, %d connection%s: %s" % (tasks, connections, plural, metric)


async def caller(client, key, measure_start, end, counted):
    now = time.perf_counter_ns
    while now() < end:
        await client.set(key, VALUE)
        t = now()
        if measure_start <= t <= end:
            counted[0] += 1
        got = await client.get(key)
        if got != VALUE:
            raise RuntimeError("GET returned %r, not the value SET" % (got,))
        t = now()
        if measure_start <= t <= end:
            counted[0] += 1


async def run(port, tasks, warmup, measure):
    client = aioredis.Redis(host="127.0.0.1", port=port, max_connections=tasks)
    measure_start = time.perf_counter_ns() + int(warmup * 1e9)
    end = measure_start + int(measure * 1e9)
    counted = [0]
    await asyncio.gather(*(caller(client, "weft:bench:%d" % t, measure_start, end, counted) for t in range(tasks)))
    await client.close()
    return counted[0] / measure


def main():
    port, tasks = int(sys.argv[1]), int(sys.argv[2])
    warmup, measure = float(sys.argv[3]), float(sys.argv[4])
    systems = [("redis-py (asyncio)", None)]
    try:
        import uvloop
        systems.append(("redis-py (uvloop)", uvloop.new_event_loop))
    except ImportError:
        print("redis: no python3-uvloop, its row stays empty", file=sys.stderr)
    for name, factory in systems:
        loop = factory() if factory else asyncio.new_event_loop()
        try:
            rate = loop.run_until_complete(run(port, tasks, warmup, measure))
        finally:
            loop.close()
        print("%s\t%s\t%.0f\trequests/s" % (workload(tasks, tasks, "requests/s"), name, rate))
        print("%s\t%s\t%.1f\tns/req" % (workload(tasks, tasks, "time per request (1/throughput)"), name, 1e9 / rate))
        print("redis %-24s %3d connection(s): %10.0f requests/s" % (name, tasks, rate), file=sys.stderr, flush=True)
        sys.stdout.flush()


if __name__ == "__main__":
    main()

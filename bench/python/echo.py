#!/usr/bin/env python3
"""TCP echo peer for Weft's echo benchmark (dev.weft.bench.echo.EchoBenchmark), same protocol.

One event loop runs an asyncio streams echo server and CONNECTIONS closed-loop clients: each
writes a message and readexactly()s the echo before sending again. Round trips started during
the warm-up do not count. Prints the report's lines, workload<TAB>system<TAB>score<TAB>unit:
time per message (1/throughput, ns/msg) and the p99 round trip (us), for 64 B and 4 KB, for
CPython's asyncio and, when python3-uvloop is installed, for uvloop.

    /usr/bin/python3 bench/python/echo.py [--quick]
"""
import asyncio
import math
import sys
import time

CONNECTIONS = 100
SIZES = (64, 4096)


def workload(size, metric):
    label = "%d B" % size if size < 1024 else "%d KB" % (size // 1024)
    return "TCP echo %s, %d connections: %s" % (label, CONNECTIONS, metric)


async def echo(reader, writer):
    while True:
        data = await reader.read(65536)
        if not data:
            break
        writer.write(data)
        await writer.drain()
    writer.close()


async def client(port, size, measure_start, end, samples):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    message = bytes(size)
    now = time.perf_counter_ns
    t0 = now()
    while t0 < end:
        writer.write(message)
        await reader.readexactly(size)
        t1 = now()
        if t0 >= measure_start and t1 <= end:
            samples.append(t1 - t0)
        t0 = now()
    writer.close()
    await writer.wait_closed()


async def run(size, warmup, measure):
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    measure_start = time.perf_counter_ns() + int(warmup * 1e9)
    end = measure_start + int(measure * 1e9)
    samples = []
    await asyncio.gather(*(client(port, size, measure_start, end, samples) for _ in range(CONNECTIONS)))
    server.close()
    await server.wait_closed()
    return samples


def report(system, size, samples, measure):
    samples.sort()
    per_message = measure * 1e9 / len(samples)
    p99 = samples[min(len(samples) - 1, math.ceil(len(samples) * 0.99) - 1)] / 1e3
    print("%s\t%s\t%.1f\tns/msg" % (workload(size, "time per message (1/throughput)"), system, per_message))
    print("%s\t%s\t%.1f\tus" % (workload(size, "p99 round trip"), system, p99))
    print("echo %-28s %5d B: %10.0f msg/s, p50 %8.1f us, p99 %8.1f us"
          % (system, size, len(samples) / measure, samples[len(samples) // 2] / 1e3, p99), file=sys.stderr)
    sys.stdout.flush()


def main():
    quick = "--quick" in sys.argv[1:]
    warmup, measure = (1, 2) if quick else (3, 5)
    systems = [("CPython asyncio", asyncio.new_event_loop)]
    try:
        import uvloop
        systems.append(("uvloop", uvloop.new_event_loop))
    except ImportError:
        print("echo: no uvloop (apt-get install python3-uvloop): its rows stay empty", file=sys.stderr)
    for name, new_loop in systems:
        for size in SIZES:
            loop = new_loop()
            try:
                samples = loop.run_until_complete(run(size, warmup, measure))
            finally:
                loop.close()
            report(name, size, samples, measure)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""CPython peers for Weft's benchmarks: the same operations, timed the way ../../shared/ANCHORS.md says.

Prints one line per number: workload<TAB>system<TAB>ns per op<TAB>ns/op. Best of 5 timed loops.
Run with Debian's python3 (python3-greenlet, python3-uvloop), as bench/run does.
"""
import asyncio
import sys
import time

BEST_OF = 5


def best_ns(fn, n):
    """Best time per op over BEST_OF runs of fn(n), which performs n ops."""
    best = float("inf")
    for _ in range(BEST_OF):
        t0 = time.perf_counter_ns()
        fn(n)
        best = min(best, (time.perf_counter_ns() - t0) / n)
    return best


# ---- generators -----------------------------------------------------------------------------

def counter():
    n = 0
    while True:
        yield n
        n += 1


def chain(depth):
    """A generator delegating through `depth` nested `yield from`s to a counter."""
    if depth <= 1:
        return counter()

    def level(inner):
        keep_int, keep_float = depth, depth * 2.0  # live across the delegation, as in the Java bench
        yield from inner
        return keep_int + keep_float
    g = counter()
    for _ in range(depth - 1):
        g = level(g)
    return g


def gen_next(depth):
    def run(n):
        g = chain(depth)
        nxt = g.__next__
        for _ in range(n):
            nxt()
    return run


def gen_send(n):
    def acc():
        total = 0
        while True:
            total += yield total
    g = acc()
    next(g)
    send = g.send
    for i in range(n):
        send(i)


# ---- greenlet ---------------------------------------------------------------------------------

def greenlet_round_trip(n):
    import greenlet
    main = greenlet.getcurrent()

    def partner():
        while True:
            main.switch()
    g = greenlet.greenlet(partner)
    sw = g.switch
    for _ in range(n):
        sw()


# ---- asyncio ----------------------------------------------------------------------------------

async def _one():
    await asyncio.sleep(0)


def spawn(loop_factory):
    def run(n):
        async def main():
            batch = 10_000
            for _ in range(n // batch):
                await asyncio.gather(*[asyncio.create_task(_one()) for _ in range(batch)])
        run_loop(loop_factory, main())
    return run


def await_sleep0(loop_factory):
    def run(n):
        async def main():
            for _ in range(n):
                await asyncio.sleep(0)
        run_loop(loop_factory, main())
    return run


def run_loop(loop_factory, coro):
    loop = loop_factory()
    try:
        loop.run_until_complete(coro)
    finally:
        loop.close()


def main():
    quick = "--quick" in sys.argv
    scale = 10 if quick else 1
    results = {}

    def put(workload, system, value):
        results.setdefault(workload, {})[system] = round(value, 1)

    for depth in (1, 10, 50):
        put(f"generator next, depth {depth}", "CPython", best_ns(gen_next(depth), 1_000_000 // scale // max(1, depth // 10)))
    put("generator next through 100 yieldFrom", "CPython", best_ns(gen_next(100), 100_000 // scale))
    put("generator send", "CPython", best_ns(gen_send, 1_000_000 // scale))
    try:
        put("greenlet switch round trip", "CPython greenlet", best_ns(greenlet_round_trip, 1_000_000 // scale))
    except ImportError:
        print("python3-greenlet is not installed: greenlet rows skipped", file=sys.stderr)
    loops = [("CPython asyncio", asyncio.new_event_loop)]
    try:
        import uvloop
        loops.append(("uvloop", uvloop.new_event_loop))
    except ImportError:
        print("python3-uvloop is not installed: uvloop rows skipped", file=sys.stderr)
    for system, factory in loops:
        put("task create+sleep(0)+finish", system, best_ns(spawn(factory), 100_000 // scale))
        put("await sleep(0)", system, best_ns(await_sleep0(factory), 200_000 // scale))
    for workload, systems in sorted(results.items()):
        for system, value in sorted(systems.items()):
            print(f"{workload}\t{system}\t{value}\tns/op")


if __name__ == "__main__":
    main()

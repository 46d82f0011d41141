#!/usr/bin/env python3
"""CPython peers for Weft's benchmarks: the same operations, timed the way ../../shared/ANCHORS.md says.

Prints one line per number: workload<TAB>system<TAB>ns per op<TAB>ns/op. Best of 5 timed loops.
Run with Debian's python3 (python3-greenlet, python3-uvloop), as bench/run does.
"""
import asyncio
import gc
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


def future_handoff(loop_factory):
    """Two tasks ping-pong through fresh futures: one op = a future resolved by one task and awaited by the other."""
    def run(n):
        async def main():
            loop = asyncio.get_running_loop()
            fs = [loop.create_future() for _ in range(n)]

            async def partner():
                for i in range(1, n, 2):
                    await fs[i - 1]
                    fs[i].set_result(i)
            p = asyncio.create_task(partner())
            for i in range(0, n, 2):
                fs[i].set_result(i)
                await fs[i + 1]
            await p
        run_loop(loop_factory, main())
    return run


# ---- the realistic mix (RealisticMixBenchmark) -------------------------------------------

MIX_N = 1_000


def _numbers(xs):
    for x in xs:
        yield x


def _scaled(src):
    for x in src:
        yield x * 3


def _evens(src):
    for x in src:
        if x % 2 == 0:
            yield x


def pipeline(n):
    """One op = one element through three generator stages, made afresh per MIX_N elements."""
    xs = list(range(MIX_N))
    for _ in range(n // MIX_N):
        total = 0
        for x in _evens(_scaled(_numbers(xs))):
            total += x


async def _handle(loop):
    a = loop.create_future()
    b = loop.create_future()
    loop.call_soon(a.set_result, 1)
    loop.call_soon(b.set_result, 2)
    s = await a + await b
    await asyncio.sleep(0)
    return s


def handler(loop_factory):
    """One op = one handler task, spawned, awaiting two futures and a sleep(0), awaited."""
    def run(n):
        async def main():
            loop = asyncio.get_running_loop()
            for _ in range(n // MIX_N):
                tasks = [asyncio.create_task(_handle(loop)) for _ in range(MIX_N)]
                total = 0
                for t in tasks:
                    total += await t
                assert total == 3 * MIX_N
        run_loop(loop_factory, main())
    return run


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


async def _down(d):
    keep_int, keep_float = d, d * 2.0  # live across the await, as in the Java probe
    if d > 1:
        await _down(d - 1)
    else:
        await asyncio.sleep(3600)
    return keep_int + keep_float


def sleeping_wall_seconds(loop_factory, n):
    """Seconds to create n tasks that each sleep 0.5 s concurrently, see them finish and close the loop."""
    async def main():
        await asyncio.gather(*[asyncio.create_task(asyncio.sleep(0.5)) for _ in range(n)])
    t0 = time.perf_counter()
    run_loop(loop_factory, main())
    return time.perf_counter() - t0


def sleeping_rss(loop_factory, n, depth):
    """Growth of the resident set while n tasks sleep `depth` coroutine calls deep (bytes, in total)."""
    out = []

    async def main():
        gc.collect()
        before = rss_bytes()
        tasks = [asyncio.create_task(_down(depth)) for _ in range(n)]
        await asyncio.sleep(0)
        out.append(rss_bytes() - before)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    run_loop(loop_factory, main())
    return out[0]


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
    put("mix: 3-stage generator pipeline, per element", "CPython", best_ns(pipeline, 1_000_000 // scale))
    try:
        put("greenlet switch round trip", "CPython greenlet", best_ns(greenlet_round_trip, 1_000_000 // scale))
    except ImportError:
        print("python3-greenlet is not installed: greenlet rows skipped", file=sys.stderr)
    wall, mb = {}, {}
    loops = [("CPython asyncio", asyncio.new_event_loop)]
    try:
        import uvloop
        loops.append(("uvloop", uvloop.new_event_loop))
    except ImportError:
        print("python3-uvloop is not installed: uvloop rows skipped", file=sys.stderr)
    for system, factory in loops:
        put("task create+sleep(0)+finish", system, best_ns(spawn(factory), 100_000 // scale))
        put("await sleep(0)", system, best_ns(await_sleep0(factory), 200_000 // scale))
        put("future resolved by another task", system, best_ns(future_handoff(factory), 200_000 // scale))
        put("mix: handler awaiting 2 futures + sleep(0), spawn to result", system, best_ns(handler(factory), 100_000 // scale))
    # Many sleeping tasks: measured once each (a million tasks takes CPython tens of seconds).
    # Memory is the growth of the resident set, not a heap after collection as on the JVM.
    for system, factory in loops:
        wall[system] = sleeping_wall_seconds(factory, 1_000_000)
        mb[system] = sleeping_rss(factory, 1_000_000, 1) / 1e6
    per_task = {depth: sleeping_rss(asyncio.new_event_loop, 100_000, depth) / 100_000 for depth in (1, 10)}
    for workload, systems in sorted(results.items()):
        for system, value in sorted(systems.items()):
            print(f"{workload}\t{system}\t{value}\tns/op")
    for system in wall:
        print(f"1M concurrently sleeping tasks: wall time\t{system}\t{wall[system]:.2f}\ts")
        print(f"1M concurrently sleeping tasks: heap\t{system}\t{mb[system]:.1f}\tMB")
    for depth, b in per_task.items():
        print(f"retained bytes per sleeping task, coroutine depth {depth}\tCPython asyncio\t{b:.0f}\tbytes")


if __name__ == "__main__":
    main()

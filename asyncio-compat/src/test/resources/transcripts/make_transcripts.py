"""Records CPython's order of task steps and callbacks for random programs.

Run from this directory with CPython 3.11 or 3.12:  python3 make_transcripts.py > transcripts.txt
Each program is a tree of tasks; each task runs a list of operations (see run_task). The
interpreter in TranscriptTest.java runs the same programs on Weft's loop with a manual clock
and must log the same lines in the same order.

CPython runs them on virtual time too, as its own test_asyncio TestLoop does: the selector's
wait advances the loop's clock instead of sleeping. Timers with equal deadlines, whose order
CPython leaves undefined, are made FIFO: Weft's stronger guarantee (SEMANTICS A3, 9.9).
"""
import asyncio
import asyncio.events
import heapq
import itertools
import random
import selectors
import sys

_seq = itertools.count()


class FifoTimerHandle(asyncio.events.TimerHandle):
    __slots__ = ('_weft_seq',)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._weft_seq = next(_seq)

    def __lt__(self, other):
        return (self._when, self._weft_seq) < (other._when, other._weft_seq)


class VirtualSelector(selectors.DefaultSelector):
    def __init__(self):
        super().__init__()
        self.loop = None

    def select(self, timeout=None):
        if timeout is not None and timeout > 0:
            self.loop.vtime += timeout
            timeout = 0
        return super().select(timeout)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self.vtime = 0.0
        sel = VirtualSelector()
        super().__init__(sel)
        sel.loop = self

    def time(self):
        return self.vtime

    def call_at(self, when, callback, *args, context=None):
        self._check_closed()
        timer = FifoTimerHandle(when, callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

UNIT = 0.1


def gen_program(rng):
    tasks = {}
    next_id = [1]

    def make_ops(tid, depth):
        ops = []
        spawned = []
        for _ in range(rng.randint(1, 7)):
            r = rng.random()
            n = len(ops)
            if r < 0.18:
                ops.append(('log', f'{tid}.{n}'))
            elif r < 0.40:
                ops.append(('sleep', rng.choice([0, 0, 1, 2, 3])))
            elif r < 0.50:
                ops.append(('soon', f'{tid}.{n}'))
            elif r < 0.58:
                ops.append(('later', rng.choice([0, 1, 2]), f'{tid}.{n}'))
            elif r < 0.72 and depth < 3 and next_id[0] < 12:
                k = next_id[0]
                next_id[0] += 1
                spawned.append(k)
                ops.append(('spawn', k))
                tasks[k] = make_ops(k, depth + 1)
            elif r < 0.80 and depth < 3 and next_id[0] < 11:
                ks = [next_id[0], next_id[0] + 1]
                next_id[0] += 2
                ops.append(('gather', ks))
                for k in ks:
                    tasks[k] = make_ops(k, depth + 1)
            elif r < 0.90 and spawned:
                ops.append(('await', rng.choice(spawned)))
            elif spawned:
                ops.append(('cancel', rng.choice(spawned)))
        return ops

    tasks[0] = make_ops(0, 0) + [('sleep', 8)]
    return tasks


async def run_task(prog, tid, log, handles):
    loop = asyncio.get_running_loop()
    try:
        for op in prog[tid]:
            kind = op[0]
            if kind == 'log':
                log.append(f'T{tid}:{op[1]}')
            elif kind == 'sleep':
                await asyncio.sleep(op[1] * UNIT)
            elif kind == 'soon':
                loop.call_soon(log.append, f'cb:{op[1]}')
            elif kind == 'later':
                loop.call_later(op[1] * UNIT, log.append, f'cb:{op[2]}')
            elif kind == 'spawn':
                handles[op[1]] = asyncio.create_task(run_task(prog, op[1], log, handles))
            elif kind == 'await':
                try:
                    await handles[op[1]]
                    log.append(f'T{tid}:joined {op[1]}')
                except asyncio.CancelledError:
                    log.append(f'T{tid}:join {op[1]} cancelled')
            elif kind == 'cancel':
                handles[op[1]].cancel()
                log.append(f'T{tid}:cancel {op[1]}')
            elif kind == 'gather':
                r = await asyncio.gather(*[run_task(prog, k, log, handles) for k in op[1]], return_exceptions=True)
                log.append(f'T{tid}:gathered ' + ' '.join('x' if isinstance(v, BaseException) else 'ok' for v in r))
        log.append(f'T{tid}:end')
    except asyncio.CancelledError:
        log.append(f'T{tid}:cancelled')
        raise


def fmt(op):
    if op[0] == 'gather':
        return f'gather {op[1][0]} {op[1][1]}'
    return ' '.join(str(x) for x in op)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    rng = random.Random(20261124)
    print(f'# made by make_transcripts.py with CPython {sys.version.split()[0]}')
    for p in range(count):
        prog = gen_program(rng)
        log = []
        with asyncio.Runner(loop_factory=VirtualLoop) as runner:
            runner.run(run_task(prog, 0, log, {}))
        print(f'program {p}')
        for tid in sorted(prog):
            print(f'task {tid}: ' + '; '.join(fmt(op) for op in prog[tid]))
        print('expect: ' + ' | '.join(log))
        print()


if __name__ == '__main__':
    main()

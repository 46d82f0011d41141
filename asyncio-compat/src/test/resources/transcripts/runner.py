"""Records what CPython does at asyncio.Runner's and asyncio.run's edges (issue #18).

Run from this directory:  python3 runner.py > runner-3.11.txt   (3.11 has Runner and shutdown_asyncgens)
Each scenario logs what its parts observe, in order; the test of the same name in RunnerTest.java
runs the same program on Weft and must log the same lines.
"""
import asyncio
import contextvars
import sys

SCENARIOS = []
var = contextvars.ContextVar('var', default='unset')


def scenario(fn):
    SCENARIOS.append(fn)
    return fn


@scenario
def runTwice_sharesLoopAndContext():
    log = []

    async def first():
        var.set('set by first')
        return asyncio.get_running_loop()

    async def second():
        log.append(f'second sees {var.get()}')
        return asyncio.get_running_loop()

    with asyncio.Runner() as runner:
        l1 = runner.run(first())
        l2 = runner.run(second())
        log.append(f'same loop: {l1 is l2}, is runner loop: {l1 is runner.get_loop()}')
    log.append(f'outside sees {var.get()}')
    return log


@scenario
def close_cancelsLeftTasks_thenClosesAsyncGenerators():
    log = []

    async def ticker():
        try:
            yield 1
            yield 2
        finally:
            log.append('agen finally starts')
            await asyncio.sleep(0)
            log.append('agen finally ends')

    async def left():
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            log.append('left task cancelled')
            raise

    async def main():
        asyncio.get_running_loop().create_task(left())
        agen = ticker()
        log.append(f'got {await agen.__anext__()}')
        main.agen = agen  # kept alive: only shutdown_asyncgens closes it
        return 'main returns'

    log.append(asyncio.run(main()))
    log.append('run returned')
    return log


@scenario
def shutdownAsyncgens_failingClose_reportedToHandler():
    log = []

    async def bad():
        try:
            yield 1
        finally:
            raise ValueError('boom in finally')

    async def main():
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda l, ctx: log.append(
            f"handler: {ctx['message'].split(' <')[0]}: {ctx['exception']!r}, asyncgen: {'asyncgen' in ctx}"))
        agen = bad()
        await agen.__anext__()
        main.agen = agen

    asyncio.run(main())
    return log


@scenario
def runner_misuse_namesTheRule():
    log = []
    runner = asyncio.Runner()
    runner.close()  # never initialised: does nothing
    log.append(f'after early close: {runner.run(asyncio.sleep(0, "ran"))}')

    async def nested():
        c = asyncio.sleep(0)
        try:
            runner.run(c)
        except RuntimeError as e:
            log.append(str(e))
        finally:
            c.close()

    runner.run(nested())
    runner.close()
    try:
        runner.get_loop()
    except RuntimeError as e:
        log.append(str(e))
    return log


if __name__ == '__main__':
    print(f'# made by runner.py with CPython {sys.version.split()[0]}')
    for fn in SCENARIOS:
        print(f'{fn.__name__}: ' + ' | '.join(fn()))

"""Records what CPython does in the asyncio corners of issue #13, item 4.

Run from this directory:  python3.12 corners.py > corners-3.12.txt; python3.13 corners.py > corners-3.13.txt
Each scenario logs what reaches its receiver (values, messages, exception-handler reports); the
test of the same name in CPythonCornersTest.java runs the same program on Weft's loop with a
manual clock and must log the same lines. The loop is make_transcripts.py's VirtualLoop: virtual
time, and equal deadlines FIFO (Weft's guarantee, SEMANTICS A3).
"""
import asyncio
import gc
import sys

from make_transcripts import VirtualLoop

SCENARIOS = []


def scenario(fn):
    SCENARIOS.append(fn)
    return fn


def run(main):
    """Runs main(log) on a fresh virtual loop; reports to the exception handler are logged too."""
    log = []
    loop = VirtualLoop()
    loop.set_exception_handler(
        lambda l, ctx: log.append(f"handler: {ctx['message']}: {ctx.get('exception')}"))
    try:
        loop.run_until_complete(main(log, loop))
    finally:
        loop.close()
    gc.collect()
    return log


async def fail_after(delay, exc):
    await asyncio.sleep(delay)
    raise exc


def drop_failed_future(loop, message):
    """A future nobody retrieves: its report is the marker that reporting works in this run."""
    f = loop.create_future()
    f.set_exception(RuntimeError(message))


# ---- SEMANTICS A4: a negative delay is kept ---------------------------------------------------

@scenario
def callLater_negativeDelay_runsBeforeEarlierZeroDelay():
    async def main(log, loop):
        done = loop.create_future()

        def first():
            now = loop.time()
            loop.call_later(0, log.append, 'y (delay 0)')
            h = loop.call_later(-1, log.append, 'x (delay -1)')
            loop.call_later(-1, log.append, 'x2 (delay -1, later)')
            loop.call_soon(log.append, 'soon')
            log.append(f'when - time = {h.when() - now}')
            loop.call_later(1, done.set_result, None)
        loop.call_soon(first)
        await done
    return run(main)


# ---- SEMANTICS AF30: shield does not lose an inner's late failure -------------------------------

@scenario
def shield_outerCancelled_innerFailsLater_reportedNeverRetrieved():
    async def main(log, loop):
        inner = asyncio.ensure_future(fail_after(1, RuntimeError('after')))
        outer = asyncio.shield(inner)
        outer.cancel()
        await asyncio.sleep(2)
        log.append(f'inner done: {inner.done()}, outer cancelled: {outer.cancelled()}')
        del inner, outer
        gc.collect()
    return run(main)


@scenario
def shield_awaiterCancelled_innerFailsLater_reportedNeverRetrieved():
    async def main(log, loop):
        inner = asyncio.ensure_future(fail_after(2, RuntimeError('after')))

        async def awaiter():
            try:
                await asyncio.shield(inner)
            except asyncio.CancelledError:
                log.append('awaiter: CancelledError')
                raise
        t = asyncio.ensure_future(awaiter())
        await asyncio.sleep(1)
        t.cancel()
        await asyncio.sleep(2)
        log.append(f'inner done: {inner.done()}, awaiter cancelled: {t.cancelled()}')
        del inner, t
        gc.collect()
    return run(main)


@scenario
def shield_innerFailsInSameIterationAsOuterCancel_retrieved():
    async def main(log, loop):
        inner = loop.create_future()
        outer = asyncio.shield(inner)
        inner.set_exception(RuntimeError('same iteration'))
        outer.cancel()
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        log.append(f'outer cancelled: {outer.cancelled()}')
        del inner, outer
        gc.collect()
        drop_failed_future(loop, 'marker')
        gc.collect()
    return run(main)


# ---- SEMANTICS AF17: which of two cancel messages arrives ---------------------------------------

async def body_logging_cancel(log, fut):
    try:
        await fut
    except asyncio.CancelledError as e:
        log.append(f'body: {e.args[0] if e.args else None}')
        raise


@scenario
def cancelTwice_beforeFirstStep_lastMessageWins():
    async def main(log, loop):
        async def body():
            log.append('body ran')
        t = asyncio.ensure_future(body())
        t.cancel('m1')
        t.cancel('m2')
        try:
            await t
        except asyncio.CancelledError as e:
            log.append(f'awaiter: {e.args[0] if e.args else None}')
    return run(main)


@scenario
def cancelTwice_wokenButNotStepped_lastMessageWins():
    async def main(log, loop):
        fut = loop.create_future()
        t = asyncio.ensure_future(body_logging_cancel(log, fut))
        await asyncio.sleep(0)
        fut.set_result('value')
        t.cancel('m1')
        t.cancel('m2')
        try:
            await t
        except asyncio.CancelledError as e:
            log.append(f'awaiter: {e.args[0] if e.args else None}')
    return run(main)


@scenario
def cancelTwice_whileWaiting_firstMessageWins():
    async def main(log, loop):
        fut = loop.create_future()
        t = asyncio.ensure_future(body_logging_cancel(log, fut))
        await asyncio.sleep(0)
        t.cancel('m1')
        t.cancel('m2')
        try:
            await t
        except asyncio.CancelledError as e:
            log.append(f'awaiter: {e.args[0] if e.args else None}')
    return run(main)


# ---- SEMANTICS AF33: Timeout's states in reschedule() -----------------------------------------

@scenario
def timeoutReschedule_afterEachEnd_namesCPythonState():
    async def main(log, loop):
        def try_reschedule(cm, when):
            try:
                cm.reschedule(when)
                log.append('rescheduled')
            except RuntimeError as e:
                log.append(f'{e}')

        async with asyncio.timeout(10) as finished:
            await asyncio.sleep(1)
        try_reschedule(finished, 20)

        try:
            async with asyncio.timeout(1) as expired:
                try:
                    await asyncio.sleep(5)
                except asyncio.CancelledError:
                    try_reschedule(expired, 20)
                    raise
        except TimeoutError:
            log.append('TimeoutError')
        try_reschedule(expired, 20)
        log.append(f'expired(): {finished.expired()}, {expired.expired()}')
    return run(main)


# ---- SEMANTICS AF35, AF37: TaskGroup's cancel count (3.13's order) -----------------------------

@scenario
def taskGroup_childFailsWhileBodyExits_cancellingBackToZero():
    async def main(log, loop):
        parent = asyncio.current_task()
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(fail_after(1, RuntimeError('late')))
                log.append('body done')
        except BaseExceptionGroup as eg:
            log.append(f'group: {[str(e) for e in eg.exceptions]}')
        log.append(f'cancelling: {parent.cancelling()}')
        await asyncio.sleep(0)
        log.append('next await fine')
    return run(main)


@scenario
def taskGroup_outsideCancelOutrankedByChildError_cancelKeptForNextAwait():
    async def main(log, loop):
        async def child():
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                raise RuntimeError('boom')

        async def worker():
            me = asyncio.current_task()
            try:
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(child())
                    await asyncio.sleep(10)
            except BaseExceptionGroup as eg:
                log.append(f'group: {[str(e) for e in eg.exceptions]}, cancelling: {me.cancelling()}')
            try:
                await asyncio.sleep(0)
                log.append('next await fine')
            except asyncio.CancelledError:
                log.append('next await: CancelledError')
                raise
            return 'worker returned'

        t = asyncio.ensure_future(worker())
        await asyncio.sleep(1)
        t.cancel()
        try:
            log.append(await t)
        except asyncio.CancelledError:
            log.append('worker cancelled')
    return run(main)


if __name__ == '__main__':
    print(f'# made by corners.py with CPython {sys.version.split()[0]}')
    for fn in SCENARIOS:
        print(f'{fn.__name__}: ' + ' | '.join(fn()))

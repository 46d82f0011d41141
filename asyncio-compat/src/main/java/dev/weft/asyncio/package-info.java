/**
 * Python's asyncio for Java: an event loop, futures, tasks and the combinators, on Weft
 * continuations. {@code asyncio.x(...)} is {@link dev.weft.asyncio.Asyncio}{@code .x(...)}.
 *
 * <pre>{@code
 * static String fetch(String name) throws Suspend {       // async def fetch(name)
 *   Asyncio.await(Asyncio.sleep(0.1));
 *   return "hello " + name;
 * }
 * List<Object> both = Asyncio.run(() -> Asyncio.await(Asyncio.gather(
 *     Asyncio.async(() -> fetch("a")), Asyncio.async(() -> fetch("b")))));
 * }</pre>
 *
 * <p><b>How it runs.</b> One thread runs the {@link dev.weft.asyncio.EventLoop}; each
 * {@link dev.weft.asyncio.Task} is a continuation of its own scope that the loop resumes step by
 * step, as CPython's {@code Task.__step} sends into a coroutine. Only
 * {@link dev.weft.asyncio.Asyncio#await} (and {@code awaitOnly}) suspend.
 *
 * <p><b>Where the machinery is.</b> This package holds Python's public names; the implementation
 * sits in unexported {@code internal} packages, split as CPython splits its modules:
 * {@code internal.loop} (base_events' scheduler and {@code runOnce}, selector_events' registry, the
 * default executor, late reports), {@code internal.streams} (socket and TLS transports, socket
 * operations, connecting, host lookup), {@code internal.task} (the await protocol, task bodies,
 * the greenlet bridge) and {@code internal.sync} (the waiters of the primitives). The package-private
 * {@code Runners}, {@code Tasks}, {@code Waits} and {@code Streams} hold the bodies behind
 * {@link dev.weft.asyncio.Asyncio}'s functions where they need the public types' package-private parts.
 *
 * <p><b>Compared with Python</b> (every difference is in the repository's docs/semantics.md): {@code CancelledError} extends
 * {@link java.lang.Error}; "never awaited" and "never retrieved" reports come when the collector
 * finds the object; {@code async with} blocks that replace exceptions ({@code TaskGroup},
 * {@code timeout}) are lambdas; pending tasks are strongly held by their loop.
 */
package dev.weft.asyncio;

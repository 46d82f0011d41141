package dev.weft.asyncio;

import java.util.Set;

/**
 * The {@code (done, pending)} pair returned by {@link Asyncio#wait}.
 *
 * <pre>{@code
 * WaitResult<String> r = Asyncio.await(Asyncio.wait(List.of(t1, t2), 1.0, ReturnWhen.FIRST_COMPLETED));
 * for (Future<String> f : r.done()) System.out.println(f.result());
 * }</pre>
 */
public record WaitResult<T>(Set<Future<T>> done, Set<Future<T>> pending) {}

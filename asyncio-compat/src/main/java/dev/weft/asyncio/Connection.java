package dev.weft.asyncio;

/**
 * The {@code (reader, writer)} pair of {@link Asyncio#openConnection}.
 *
 * <pre>{@code
 * Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", 8888));
 * c.writer().write(request);
 * byte[] reply = Asyncio.await(c.reader().readline());
 * }</pre>
 */
public record Connection(StreamReader reader, StreamWriter writer) {}

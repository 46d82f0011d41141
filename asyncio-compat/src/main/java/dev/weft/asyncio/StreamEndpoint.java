package dev.weft.asyncio;

/**
 * The {@code (transport, protocol)} pair of {@link EventLoop#createConnection}: a stream
 * (TCP) connection, as {@link DatagramEndpoint} is a datagram one.
 *
 * <pre>{@code
 * StreamEndpoint<Client> e = Asyncio.await(loop.createConnection(Client::new, "127.0.0.1", 8888));
 * e.transport().write(request);
 * }</pre>
 */
public record StreamEndpoint<P extends Protocol>(Transport transport, P protocol) {}

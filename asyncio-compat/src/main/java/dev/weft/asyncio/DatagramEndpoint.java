package dev.weft.asyncio;

/**
 * The {@code (transport, protocol)} pair of {@link EventLoop#createDatagramEndpoint}.
 *
 * <pre>{@code
 * DatagramEndpoint<Client> e = Asyncio.await(loop.createDatagramEndpoint(Client::new, null, server));
 * e.transport().sendto(request);
 * }</pre>
 */
public record DatagramEndpoint<P extends DatagramProtocol>(DatagramTransport transport, P protocol) {}

#!/usr/bin/env python3
"""uvloop echo server for dev.weft.bench.echo.ScalingBenchmark: one process, one loop, on the
given loopback port with SO_REUSEPORT, so that N processes share the port as N loops (the kernel
spreads the connections). Prints "serving <port>" once listening; runs until terminated.

    /usr/bin/python3 bench/python/echo_server.py <port>
"""
import asyncio
import sys

import uvloop

from echo import echo  # the same handler as the one-process peer


async def main(port):
    server = await asyncio.start_server(echo, "127.0.0.1", port, reuse_port=True, backlog=1024)
    print("serving %d" % port, flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    uvloop.install()
    asyncio.run(main(int(sys.argv[1])))

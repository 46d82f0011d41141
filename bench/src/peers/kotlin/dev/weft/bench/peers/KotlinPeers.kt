package dev.weft.bench.peers

import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield

/** Kotlin's coroutines doing what Weft's benchmarks do, for the same JMH run (bench/run -Ppeers). */
object KotlinPeers {
    /** An endless counter reached through `depth` sequences, each `yieldAll`-ing the next (depth 1: the counter). */
    @JvmStatic
    fun chain(depth: Int): Iterator<Long> {
        var s: Sequence<Long> = sequence {
            var n = 0L
            while (true) {
                yield(n)
                n++
            }
        }
        repeat(depth - 1) {
            val inner = s
            s = sequence { yieldAll(inner) }
        }
        return s.iterator()
    }

    /** `rounds` round trips between two coroutines through rendezvous channels, on one thread. */
    @JvmStatic
    fun channelPingPong(rounds: Int): Long = runBlocking {
        val ping = Channel<Long>(Channel.RENDEZVOUS)
        val pong = Channel<Long>(Channel.RENDEZVOUS)
        launch { repeat(rounds) { pong.send(ping.receive()) } }
        var sum = 0L
        repeat(rounds) {
            ping.send(it.toLong())
            sum += pong.receive()
        }
        sum
    }

    /** `n` coroutines launched, each suspending once with `yield()`, all joined. */
    @JvmStatic
    fun launchYield(n: Int): Int = runBlocking {
        val jobs = List(n) { launch { yield() } }
        jobs.joinAll()
        n
    }
}

/** Layer 3: an asyncio-compatible event loop over generators, greenlets and NIO. */
module dev.weft.asyncio {
  requires transitive dev.weft.continuations;
  requires transitive dev.weft.generators;
  requires transitive dev.weft.greenlet;
  requires java.management; // each loop's MBean
  requires jdk.jfr; // the dev.weft.asyncio.* events

  exports dev.weft.asyncio;
}

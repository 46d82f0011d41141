/** Layer 3: an asyncio-compatible event loop over generators, greenlets and NIO. */
module dev.weft.asyncio {
  requires transitive dev.weft.continuations;
  requires transitive dev.weft.generators;
  requires transitive dev.weft.greenlet;

  exports dev.weft.asyncio;
}

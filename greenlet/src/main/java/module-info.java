/** Layer 2b: Python's greenlet: explicit switches between stacks, parents, GreenletExit. */
module dev.weft.greenlet {
  requires transitive dev.weft.continuations;

  exports dev.weft.greenlet;
}

/** Layer 2a: Python's generators (PEP 255, 342, 380) as Java iterators and streams. */
module dev.weft.generators {
  requires transitive dev.weft.continuations;

  exports dev.weft.generators;
}

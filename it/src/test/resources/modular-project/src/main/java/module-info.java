/** A user's application module: it needs Weft's asyncio at run time, and nothing of weft-junit. */
module com.example.modular {
  requires dev.weft.asyncio;

  exports com.example.modular;
}

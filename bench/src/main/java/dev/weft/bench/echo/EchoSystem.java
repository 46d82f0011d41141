package dev.weft.bench.echo;

/**
 * One system under test in the echo benchmark: it runs an echo server and {@code connections}
 * closed-loop clients in one process, each client sending {@code size} bytes and waiting for all
 * of them to come back before sending again, until {@link EchoPlan#end} passes.
 */
interface EchoSystem {
  /** The name in the report, as the TSV's system column. */
  String name();

  /** Runs the server and clients; each client records its round trips into its own {@link Samples}. */
  void run(EchoPlan plan, Samples[] perClient) throws Exception;
}

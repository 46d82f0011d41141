package dev.weft.bench.report;

/** One number of the table: a score in ns/op (or bytes) and its error, from one source. */
record Measurement(double score, double error, String unit) {
  String format() {
    String s = score >= 100 ? String.format("%,.0f", score) : String.format("%.1f", score);
    if (error > 0 && !Double.isNaN(error)) s += " ± " + (error >= 100 ? String.format("%,.0f", error) : String.format("%.1f", error));
    return s;
  }
}

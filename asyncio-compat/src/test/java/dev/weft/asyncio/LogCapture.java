package dev.weft.asyncio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what the loop logs (logger {@code dev.weft.asyncio}) while open. */
final class LogCapture extends Handler implements AutoCloseable {
  private static final Logger LOGGER = Logger.getLogger("dev.weft.asyncio");
  final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogCapture() {}

  static LogCapture start() {
    LogCapture c = new LogCapture();
    LOGGER.addHandler(c);
    return c;
  }

  List<String> messages() {
    return records.stream().map(LogRecord::getMessage).toList();
  }

  long count(String fragment) {
    return records.stream().filter(r -> r.getMessage().contains(fragment)).count();
  }

  @Override
  public void publish(LogRecord r) {
    records.add(r);
  }

  @Override
  public void flush() { }

  @Override
  public void close() {
    LOGGER.removeHandler(this);
  }
}

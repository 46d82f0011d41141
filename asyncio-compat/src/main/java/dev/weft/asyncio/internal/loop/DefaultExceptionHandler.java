package dev.weft.asyncio.internal.loop;

import java.lang.System.Logger.Level;
import java.util.Map;

/** CPython's {@code default_exception_handler}: logs a report at ERROR, its keys one a line. */
public final class DefaultExceptionHandler {
  private static final System.Logger LOGGER = System.getLogger("dev.weft.asyncio");

  private DefaultExceptionHandler() {}

  public static void log(Map<String, Object> context) {
    Object message = context.get("message");
    StringBuilder text = new StringBuilder(message == null ? "Unhandled exception in event loop" : message.toString());
    context.forEach((k, v) -> {
      if (!k.equals("message") && !k.equals("exception")) text.append("\n").append(k).append(": ").append(v);
    });
    Object exception = context.get("exception");
    if (exception instanceof Throwable) {
      LOGGER.log(Level.ERROR, text.toString(), (Throwable) exception);
    } else {
      LOGGER.log(Level.ERROR, text.toString());
    }
  }
}

package dev.weft.asyncio.internal.loop;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

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

  /**
   * {@code loop.call_exception_handler}: hands {@code context} to {@code handler}, or logs it when
   * there is none. If the handler itself throws, that is logged ("Unhandled error in exception
   * handler"): it has no caller either. VirtualMachineErrors propagate.
   */
  public static <L> void call(BiConsumer<L, Map<String, Object>> handler, L loop, Map<String, Object> context) {
    if (handler == null) {
      log(context);
      return;
    }
    try {
      handler.accept(loop, context);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) { // the handler has no caller either
      Map<String, Object> ctx = new HashMap<>();
      ctx.put("message", "Unhandled error in exception handler");
      ctx.put("exception", t);
      ctx.put("context", context);
      log(ctx);
    }
  }
}

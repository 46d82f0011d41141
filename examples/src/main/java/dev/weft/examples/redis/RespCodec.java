package dev.weft.examples.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.StreamReader;
import dev.weft.continuations.Suspend;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * RESP2, the Redis protocol: commands go out as arrays of bulk strings; replies come back as
 * simple strings ({@code String}), errors ({@link RedisError}, returned, not thrown, so that one
 * failed command fails only its caller), integers ({@code Long}), bulk strings ({@code byte[]}, or
 * null) and arrays ({@code List<Object>}, or null).
 */
final class RespCodec {
  private static final byte[] CRLF = {'\r', '\n'};

  private RespCodec() {}

  /** {@code *<n>\r\n} then {@code $<len>\r\n<arg>\r\n} for each argument. */
  static void encode(ByteArrayOutputStream out, String... args) {
    if (args.length == 0) throw new IllegalArgumentException("a Redis command needs at least its name");
    header(out, '*', args.length);
    for (String arg : args) {
      byte[] b = arg.getBytes(UTF_8);
      header(out, '$', b.length);
      out.writeBytes(b);
      out.writeBytes(CRLF);
    }
  }

  private static void header(ByteArrayOutputStream out, char type, int n) {
    out.write(type);
    out.writeBytes(Integer.toString(n).getBytes(UTF_8));
    out.writeBytes(CRLF);
  }

  /** Reads one whole reply. */
  static Object read(StreamReader in) throws Suspend {
    byte[] line = Asyncio.await(in.readuntil(CRLF));
    String rest = new String(line, 1, line.length - 3, UTF_8);
    switch (line[0]) {
      case '+':
        return rest;
      case '-':
        return new RedisError(rest);
      case ':':
        return Long.parseLong(rest);
      case '$': {
        int len = Integer.parseInt(rest);
        if (len < 0) return null;
        byte[] body = Asyncio.await(in.readexactly(len + 2));
        return java.util.Arrays.copyOf(body, len);
      }
      case '*': {
        int n = Integer.parseInt(rest);
        if (n < 0) return null;
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) items.add(read(in));
        return items;
      }
      default:
        throw new IllegalStateException("not a RESP reply: " + new String(line, UTF_8).trim());
    }
  }
}

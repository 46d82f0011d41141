package dev.weft.agent.app;

import dev.weft.generators.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * The application AgentJarIT runs in a child JVM. Compiled by javac only (this module has no
 * build-time instrumentation), so its generator runs only if the agent instruments it at load time.
 */
public final class AgentApp {
  private AgentApp() {}

  static Generator<Integer, Object, Void> countdown(int from) {
    return Generator.of(y -> {
      for (int i = from; i > 0; i--) y.yield(i);
    });
  }

  public static void main(String[] args) {
    for (String lib : new String[] {"net.bytebuddy.ByteBuddy", "org.objectweb.asm.ClassReader"}) {
      try {
        Class.forName(lib);
        System.out.println("UNEXPECTED " + lib + " is on the class path");
      } catch (ClassNotFoundException expected) {
        System.out.println("absent " + lib);
      }
    }
    List<Integer> got = new ArrayList<>();
    for (int v : countdown(3)) got.add(v);
    System.out.println("countdown " + got);
  }
}

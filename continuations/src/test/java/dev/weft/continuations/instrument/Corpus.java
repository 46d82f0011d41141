package dev.weft.continuations.instrument;

import java.util.List;

/**
 * The jars of the verify corpus, each named by a class file it holds, chosen for the variety of
 * their bytecode: several compilers (javac of many ages, kotlinc, scalac, ECJ), class files from
 * Java 1.1 (with {@code jsr}/{@code ret} subroutines) to current ones, and code dense in the
 * shapes instrumentation must survive (huge switch methods, deep inheritance, generated code).
 */
final class Corpus {
  private Corpus() {}

  static List<String> probes() {
    return List.of(
        "com/google/common/collect/ImmutableList.class", // Guava: javac, generics, deep hierarchies
        "org/apache/commons/lang3/StringUtils.class", // commons-lang3: javac, large static utility methods
        "org/apache/commons/collections4/CollectionUtils.class", // commons-collections4: javac 8, anonymous classes
        "org/apache/commons/collections/CollectionUtils.class", // commons-collections 2.1: Java 1.1 class files, jsr/ret
        "com/fasterxml/jackson/databind/ObjectMapper.class", // Jackson databind: reflection-heavy
        "com/fasterxml/jackson/core/JsonFactory.class", // Jackson core: hand-unrolled parsers, big switches
        "io/netty/buffer/ByteBuf.class", // Netty buffer
        "io/netty/util/concurrent/DefaultPromise.class", // Netty common: lock-free concurrency, Unsafe
        "kotlin/collections/CollectionsKt.class", // Kotlin stdlib: kotlinc, inline functions, file facades
        "scala/collection/immutable/List.class", // Scala 2.13 library: scalac, traits, specialisation
        "org/eclipse/jdt/internal/compiler/Compiler.class", // ECJ 3.33: compiled by ECJ itself
        "net/bytebuddy/ByteBuddy.class"); // Byte Buddy, with its own shaded ASM
  }
}

package dev.weft.continuations.instrument.internal;

/** Every internal name and descriptor the emitters use, defined once. */
final class Descriptors {
  static final String PACKAGE = "dev/weft/continuations/";
  static final String SUSPEND = PACKAGE + "Suspend";
  static final String CONTINUATION = PACKAGE + "Continuation";
  static final String SCOPE_DESC = "L" + PACKAGE + "ContinuationScope;";
  static final String SUSPENDABLE_DESC = "L" + PACKAGE + "Suspendable;";
  static final String ABI = PACKAGE + "internal/abi/";
  static final String FRAMES = ABI + "Frames";
  static final String INJECTION = ABI + "Injection";
  static final String CARRIER = ABI + "Carrier";
  static final String CARRIER_DESC = "L" + CARRIER + ";";
  static final String RESUME_ENTRY = ABI + "ResumeEntry";
  static final String INSTRUMENTED_DESC = "L" + ABI + "Instrumented;";

  static final String DISPATCHER = "weft$resume";
  static final String DISPATCHER_DESC = "(" + CARRIER_DESC + "J)V";
  static final String COPY_SUFFIX = "$weft";
  static final String METAFACTORY_OWNER = "java/lang/invoke/LambdaMetafactory";

  private Descriptors() {}

  /** Name of the resume copy of method number {@code index} called {@code name}. */
  static String copyName(String name, int index) {
    String base = name.replace('<', '_').replace('>', '_');
    return base + COPY_SUFFIX + index;
  }

  static String copyDescriptor(String originalDescriptor) {
    return "(" + CARRIER_DESC + "I)" + originalDescriptor.substring(originalDescriptor.indexOf(')') + 1);
  }
}

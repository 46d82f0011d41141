package dev.weft.asyncio.internal.introspect;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A loop's JMX view, {@code dev.weft.asyncio:type=EventLoop,name=<loop name>}: TaskCount,
 * ReadyQueueLength, LoopLagMillis, Running and TaskDump. A {@link DynamicMBean}, so JMX needs no
 * reflective access to this (unexported) package. Registered while the loop runs, unregistered
 * at close; {@code -Dweft.asyncio.jmx=false} turns it off.
 */
public final class LoopMBean implements DynamicMBean {
  private static final boolean ON = !"false".equals(System.getProperty("weft.asyncio.jmx"));

  private final IntSupplier taskCount;
  private final IntSupplier readyLength;
  private final DoubleSupplier lagSeconds;
  private final Supplier<Boolean> running;
  private final Supplier<String> dump;
  private ObjectName registered;

  public LoopMBean(IntSupplier taskCount, IntSupplier readyLength, DoubleSupplier lagSeconds, Supplier<Boolean> running,
      Supplier<String> dump) {
    this.taskCount = taskCount;
    this.readyLength = readyLength;
    this.lagSeconds = lagSeconds;
    this.running = running;
    this.dump = dump;
  }

  /** The name a loop called {@code loopName} is registered under. */
  public static ObjectName nameOf(String loopName) {
    try {
      boolean plain = loopName.matches("[A-Za-z0-9._-]+");
      return new ObjectName("dev.weft.asyncio:type=EventLoop,name=" + (plain ? loopName : ObjectName.quote(loopName)));
    } catch (javax.management.MalformedObjectNameException e) {
      throw new IllegalArgumentException(loopName, e);
    }
  }

  /** Registers once (later calls do nothing); a failure to register is not the loop's failure. */
  public synchronized void register(String loopName) {
    if (!ON || registered != null) return;
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = nameOf(loopName);
      server.registerMBean(this, name);
      registered = name;
    } catch (Exception | LinkageError e) {
      System.getLogger(LoopMBean.class.getName()).log(System.Logger.Level.DEBUG, "no MBean for loop " + loopName, e);
    }
  }

  public synchronized void unregister() {
    if (registered == null) return;
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
    } catch (Exception e) {
      // already gone
    }
    registered = null;
  }

  @Override
  public Object getAttribute(String attribute) throws AttributeNotFoundException {
    switch (attribute) {
      case "TaskCount": return taskCount.getAsInt();
      case "ReadyQueueLength": return readyLength.getAsInt();
      case "LoopLagMillis": return lagSeconds.getAsDouble() * 1000;
      case "Running": return running.get();
      case "TaskDump": return dump.get();
      default: throw new AttributeNotFoundException(attribute);
    }
  }

  @Override
  public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
    throw new AttributeNotFoundException(attribute.getName() + " is read-only");
  }

  @Override
  public AttributeList getAttributes(String[] attributes) {
    AttributeList list = new AttributeList();
    for (String a : attributes) {
      try {
        list.add(new Attribute(a, getAttribute(a)));
      } catch (AttributeNotFoundException e) {
        // left out, as the contract says
      }
    }
    return list;
  }

  @Override
  public AttributeList setAttributes(AttributeList attributes) {
    return new AttributeList();
  }

  @Override
  public Object invoke(String actionName, Object[] params, String[] signature) {
    if ("dumpTasks".equals(actionName)) return dump.get();
    throw new UnsupportedOperationException(actionName);
  }

  @Override
  public MBeanInfo getMBeanInfo() {
    return new MBeanInfo(LoopMBean.class.getName(), "A Weft asyncio event loop", new MBeanAttributeInfo[] {
        new MBeanAttributeInfo("TaskCount", "int", "Tasks not done", true, false, false),
        new MBeanAttributeInfo("ReadyQueueLength", "int", "Callbacks ready to run", true, false, false),
        new MBeanAttributeInfo("LoopLagMillis", "double", "How late the earliest due timer was taken, last time", true, false, false),
        new MBeanAttributeInfo("Running", "boolean", "Whether the loop runs", true, false, false),
        new MBeanAttributeInfo("TaskDump", "java.lang.String", "Every live task: state, name, what it awaits, stack", true, false, false),
    }, null, new MBeanOperationInfo[] {
        new MBeanOperationInfo("dumpTasks", "Every live task: state, name, what it awaits, stack", null, "java.lang.String",
            MBeanOperationInfo.INFO),
    }, null);
  }
}

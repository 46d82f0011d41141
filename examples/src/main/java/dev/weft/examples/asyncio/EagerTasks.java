package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Task;

/**
 * Python 3.12's eager tasks: with {@code eager_task_factory}, a task's body runs inside
 * {@code create_task} up to its first suspension, and a body that never suspends is done at once.
 * Prints "before", "child starts", "created, done: false", "child resumes", "cached, done: true".
 *
 * <pre>
 * asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
 * print("before"); t = asyncio.create_task(child()); print("created, done:", t.done()); await t
 * cached = asyncio.create_task(lookup()); print("cached, done:", cached.done())
 * </pre>
 */
public final class EagerTasks {
  private EagerTasks() {}

  public static void main(String[] args) {
    Asyncio.run(() -> {
      Asyncio.getRunningLoop().setTaskFactory(Asyncio::eagerTaskFactory);
      System.out.println("before");
      Task<Void> t = Asyncio.createTask(Asyncio.async(() -> {
        System.out.println("child starts");
        Asyncio.await(Asyncio.sleep(0));
        System.out.println("child resumes");
        return null;
      }));
      System.out.println("created, done: " + t.done());
      Asyncio.await(t);
      Task<String> cached = Asyncio.createTask(Asyncio.async(() -> "from the cache"));
      System.out.println("cached, done: " + cached.done());
      return null;
    });
  }
}

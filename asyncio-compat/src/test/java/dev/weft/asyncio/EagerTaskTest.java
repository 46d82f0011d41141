package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Context;
import dev.weft.continuations.ContextVar;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * #18: eager tasks (CPython 3.12's {@code eager_task_factory}, 3.14's {@code create_task(...,
 * eager_start=True)}) and {@code Task.get_context()}. The orders are CPython 3.12's
 * {@code Task.__eager_start}: the body runs inside {@code create_task} as the current task until it
 * first suspends, e.g.
 *
 * <pre>
 * loop.set_task_factory(asyncio.eager_task_factory)
 * async def child(): log('child starts'); await asyncio.sleep(0); log('child resumes')
 * log('before'); t = asyncio.create_task(child()); log('created'); await t
 * # before, child starts, created, child resumes
 * </pre>
 */
class EagerTaskTest extends LoopFixture {
  static final ContextVar<String> VAR = new ContextVar<>("var", "unset");

  Coroutine<String> child() {
    return Asyncio.async(() -> {
      steps.expect(2);
      assertEquals("child", Asyncio.currentTask().getName());
      Asyncio.await(Asyncio.sleep(0));
      steps.expect(4);
      return "done";
    });
  }

  @Test
  void eagerTaskFactory_bodyRunsInsideCreateTask_untilFirstSuspension() {
    String got = run(Asyncio.async(() -> {
      Asyncio.getRunningLoop().setTaskFactory(Asyncio::eagerTaskFactory);
      Task<?> main = Asyncio.currentTask();
      steps.expect(1);
      Task<String> t = Asyncio.createTask(child(), "child");
      steps.expect(3);
      assertSame(main, Asyncio.currentTask(), "the caller is the current task again");
      assertFalse(t.done());
      assertTrue(Asyncio.allTasks().contains(t));
      return Asyncio.await(t);
    }));
    assertEquals("done", got);
    steps.finish(5);
  }

  @Test
  void createTask_eagerStart_bodyThatNeverSuspends_doneOnReturn_callbacksStillScheduled() {
    run(Asyncio.async(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      List<String> log = new ArrayList<>();
      Task<String> t = loop.createTask(Asyncio.async(() -> "at once"), null, null, true);
      assertTrue(t.done());
      assertEquals("at once", t.result());
      assertFalse(Asyncio.allTasks().contains(t), "a task done eagerly is not registered");
      t.addDoneCallback(f -> log.add("callback"));
      assertEquals(List.of(), log, "done callbacks run from the loop, never inline");
      Asyncio.await(Asyncio.sleep(0));
      assertEquals(List.of("callback"), log);
      return null;
    }));
  }

  @Test
  void createTask_eagerStart_failingFirstStep_failsTheTaskNotTheCaller() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    run(Asyncio.async(() -> {
      Task<Object> t = Asyncio.getRunningLoop().createTask(Asyncio.async(() -> {
        throw boom;
      }), "failing", null, true);
      assertTrue(t.done());
      assertSame(boom, t.exception());
      return null;
    }));
  }

  @Test
  void createTask_eagerStart_loopNotRunning_scheduledAsUsual() {
    Task<String> t = loop.createTask(Asyncio.async(() -> {
      steps.expect(2);
      return "later";
    }), null, null, true);
    steps.expect(1);
    assertFalse(t.done());
    assertEquals("later", loop.runUntilComplete(t));
    steps.finish(3);
  }

  @Test
  void setTaskFactory_usedByCreateTaskAndTaskGroup_nullRestoresDefault() {
    List<String> made = new ArrayList<>();
    TaskFactory counting = new TaskFactory() {
      @Override
      public <T> Task<T> createTask(EventLoop l, Coroutine<T> coro, String name, Context context) {
        made.add(name);
        return l.createTask(coro, name, context, false);
      }
    };
    assertNull(loop.getTaskFactory());
    loop.setTaskFactory(counting);
    assertSame(counting, loop.getTaskFactory());
    run(Asyncio.async(() -> {
      Asyncio.await(TaskGroup.run(tg -> tg.createTask(Asyncio.sleep(0), "in group")));
      Asyncio.getRunningLoop().setTaskFactory(null);
      Asyncio.await(Asyncio.createTask(Asyncio.sleep(0), "after reset"));
      return null;
    }));
    assertEquals(List.of("null", "in group"), made.stream().map(String::valueOf).toList(),
        "main (unnamed) and the group's child; not the task made after the reset");
  }

  @Test
  void createTask_withContext_runsInIt_andGetContextReturnsIt() {
    run(Asyncio.async(() -> {
      VAR.set("in main");
      Context ctx = Context.copyCurrent();
      VAR.set("changed after the copy");
      Task<String> t = Asyncio.createTask(Asyncio.async(() -> {
        String seen = VAR.get();
        VAR.set("set by the task");
        return seen;
      }), "ctx", ctx);
      assertSame(ctx, t.getContext());
      assertEquals("in main", Asyncio.await(t));
      assertEquals("changed after the copy", VAR.get(), "the task's set stays in its context");
      return null;
    }));
  }

  @Test
  void eagerTask_runsInItsOwnContext() {
    run(Asyncio.async(() -> {
      VAR.set("caller");
      Task<String> t = Asyncio.getRunningLoop().createTask(Asyncio.async(() -> {
        VAR.set("eager");
        return VAR.get();
      }), null, null, true);
      assertEquals("eager", t.result());
      assertEquals("caller", VAR.get(), "the eager step's set went to the task's copy");
      return null;
    }));
  }
}

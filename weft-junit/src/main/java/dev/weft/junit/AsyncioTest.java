package dev.weft.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test whose method body runs as the main coroutine of a fresh event loop, as pytest-asyncio's
 * {@code @pytest.mark.asyncio} and kotlinx-coroutines-test's {@code runTest} do: the method may
 * declare {@code throws Suspend} and {@code Asyncio.await} directly. It is a JUnit 5
 * {@link Test @Test} itself (write it instead of {@code @Test}); the loop is
 * {@code Asyncio.run}'s, closed when the method returns, or {@code VirtualTime.run}'s with
 * {@link #virtualTime()}.
 *
 * <pre>{@code
 * @AsyncioTest(virtualTime = true)
 * void retries_backOffForAMinute() throws Suspend {
 *   Asyncio.await(Asyncio.sleep(60));                        // costs no real time
 *   assertEquals(60.0, Asyncio.getRunningLoop().time());
 * }
 * }</pre>
 *
 * <p>Needs {@code weft-asyncio-compat} on the test class path. The test method's class is
 * instrumented like any other test class (by weft-junit itself, or by the build plugin).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(AsyncioTestExtension.class)
public @interface AsyncioTest {
  /** Run on {@code VirtualTime}'s loop: its clock starts at 0 and jumps to the next timer when nothing is ready. */
  boolean virtualTime() default false;
}

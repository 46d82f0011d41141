package dev.weft.continuations.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of Weft's own layers whose suspending tail calls save no frame record: a call
 * whose value the method returns at once, with nothing below it on the operand stack, no handler
 * and no monitor around it. When the callee suspends, the method just returns the callee's dummy
 * value; on resume, the value (or exception) meant for the call goes straight to the method's
 * caller, which is what the method would have done with it. One record fewer per suspension, and
 * no record moved when the segment closes.
 *
 * <p>Only for runtime frames that stack traces hide anyway: an elided frame leaves no trace of its
 * own. A user's tail call is always saved, so every user frame stays in rebuilt traces.
 *
 * <pre>{@code
 * @ElidesTailCalls
 * public Object switchTo(Object... args) throws Suspend {
 *   return leave(this, args);      // a tail call: no record for switchTo when leave suspends
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ElidesTailCalls {}

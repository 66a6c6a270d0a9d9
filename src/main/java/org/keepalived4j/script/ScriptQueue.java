package org.keepalived4j.script;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.keepalived4j.util.ScriptOutcome;

/**
 * Runs scripts one after the other, in the order they were added: the next starts when the
 * previous has exited. keepalived forks notify scripts and never waits, so two quick
 * transitions may run their scripts in either order; here they cannot. A script that is still
 * running after {@code orderWaitMicros} is not killed (keepalived never kills notify scripts)
 * but no longer holds the queue: {@code slow} is told and the next one starts.
 * State lives on the runner's thread.
 */
public final class ScriptQueue {
    private final ProcessRunner runner;
    private final long orderWaitMicros;
    private final BiConsumer<ScriptCommand, ScriptOutcome> ended;
    private final Consumer<ScriptCommand> slow;
    private final Deque<ScriptCommand> pending = new ArrayDeque<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private ScriptCommand current;
    private ScheduledFuture<?> waitTimer;
    private int generation;

    /**
     * @param ended told (on the runner's thread) how each script ended
     * @param slow  told (on the runner's thread) when a script stops holding the queue
     */
    public ScriptQueue(ProcessRunner runner, long orderWaitMicros, BiConsumer<ScriptCommand, ScriptOutcome> ended,
                       Consumer<ScriptCommand> slow) {
        this.runner = runner;
        this.orderWaitMicros = orderWaitMicros;
        this.ended = ended;
        this.slow = slow;
    }

    /** Queue a script; thread-safe. */
    public void add(ScriptCommand c) {
        outstanding.incrementAndGet();
        runner.executor().execute(() -> {
            pending.add(c);
            next();
        });
    }

    /** Scripts queued or holding the queue. */
    public int outstanding() {
        return outstanding.get();
    }

    private void next() {
        if (current != null || pending.isEmpty()) {
            return;
        }
        ScriptCommand c = pending.poll();
        current = c;
        int g = ++generation;
        runner.run(c, runner.executor(), o -> {
            ended.accept(c, o);
            release(g);
        });
        waitTimer = runner.executor().schedule(() -> {
            if (g == generation && current != null) {
                slow.accept(c);
                release(g);
            }
        }, orderWaitMicros, TimeUnit.MICROSECONDS);
    }

    private void release(int g) {
        if (g != generation || current == null) {
            return;
        }
        current = null;
        waitTimer.cancel(false);
        outstanding.decrementAndGet();
        next();
    }
}

package org.keepalived4j.check;

import java.util.PriorityQueue;

import org.keepalived4j.util.Ticker;

/** A manual clock with timers: {@link #advance} runs the tasks that fall due, in order. Never sleeps. */
final class FakeLoop implements CheckTimers, Ticker {
    private record Task(long due, long seq, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public long nowMicros() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayMicros, Runnable task) {
        boolean[] cancelled = {false};
        queue.add(new Task(now + Math.max(0, delayMicros), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock forward by {@code micros}, running every task due on the way. */
    void advance(long micros) {
        advanceTo(now + micros);
    }

    void advanceTo(long t) {
        while (!queue.isEmpty() && queue.peek().due <= t) {
            Task k = queue.poll();
            now = k.due;
            if (!k.cancelled[0]) {
                k.run.run();
            }
        }
        now = t;
    }

    /** Tasks not cancelled and not yet run. */
    int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled[0]).count();
    }
}

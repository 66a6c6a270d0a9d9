package org.keepalived4j.daemon;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import org.keepalived4j.util.Ticker;

/**
 * The single thread that owns all daemon state. Other threads (socket readers, the link
 * monitor, signal handlers) only {@link #post} work to it. Between events it sleeps until the
 * next timer deadline: no busy polling.
 */
public final class EventLoop implements Runnable {
    /** Work posted to the loop; gets the current time in microseconds. */
    @FunctionalInterface
    public interface Task {
        void run(long nowMicros);
    }

    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Ticker ticker;
    private final LongSupplier nextDeadline;
    private final LongConsumer onTimer;
    private volatile boolean running = true;
    private volatile Thread thread;

    /**
     * @param nextDeadline the earliest timer deadline (µs), Long.MAX_VALUE for none
     * @param onTimer      called with the current time when a deadline has passed
     */
    public EventLoop(Ticker ticker, LongSupplier nextDeadline, LongConsumer onTimer) {
        this.ticker = ticker;
        this.nextDeadline = nextDeadline;
        this.onTimer = onTimer;
    }

    public void post(Task t) {
        queue.add(t);
    }

    /** Ask the loop to finish after the tasks already posted. */
    public void shutdown() {
        post(now -> running = false);
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (running) {
            long now = ticker.nowMicros();
            long deadline = nextDeadline.getAsLong();
            if (deadline <= now) {
                onTimer.accept(now);
                continue;
            }
            long waitMicros = deadline == Long.MAX_VALUE ? 1_000_000 : Math.min(deadline - now, 1_000_000);
            Task t;
            try {
                t = queue.poll(waitMicros, TimeUnit.MICROSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t != null) {
                t.run(ticker.nowMicros());
                Task more;
                while (running && (more = queue.poll()) != null) {
                    long at = ticker.nowMicros();
                    // Timers first: a flood of received adverts must not delay our own adverts.
                    if (nextDeadline.getAsLong() <= at) {
                        onTimer.accept(at);
                    }
                    more.run(ticker.nowMicros());
                }
            }
        }
    }
}

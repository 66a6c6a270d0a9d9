package org.keepalived4j.daemon;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import org.keepalived4j.util.Ticker;

/**
 * The single thread that owns all daemon state. Other threads (socket readers, the link
 * monitor, signal handlers) only {@link #post} work to it. Between events it sleeps until the
 * next timer deadline: no busy polling. The hand-off is a queue under a plain monitor and an
 * unpark of this thread: a LinkedBlockingQueue's locks and condition (signalled under its take
 * lock, so the woken loop met that lock still held) cost 0.2-0.7 ms of cold code between SIGTERM
 * and the priority-0 advert, and a ConcurrentLinkedQueue's first operations link VarHandles
 * (~0.3 ms) when the first post is that SIGTERM.
 */
public final class EventLoop implements Runnable {
    /** Work posted to the loop; gets the current time in microseconds. */
    @FunctionalInterface
    public interface Task {
        void run(long nowMicros);
    }

    /**
     * A task and when its event happened (µs, the loop's ticker): when it was posted, or for
     * {@link #postAt} the time the poster gives, which the task then also gets as its "now".
     */
    private record Posted(long at, Task task, boolean runAt) {
    }

    private final ArrayDeque<Posted> queue = new ArrayDeque<>();     // guarded by itself
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
        hand(new Posted(ticker.nowMicros(), t, false));
    }

    /**
     * Work for an event that happened at {@code atMicros} (this loop's ticker), e.g. a datagram
     * whose reader read the clock as recv returned: ordered against the timers by that time and
     * run with it as "now", so a hand-off delay between the reader and this thread does not
     * push back the timers the event starts (keepalived takes time_now as its epoll_wait returns).
     */
    public void postAt(long atMicros, Task t) {
        hand(new Posted(atMicros, t, true));
    }

    private void hand(Posted p) {
        synchronized (queue) {
            queue.add(p);
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);     // a permit: an unpark just before the loop parks is not lost
        }
    }

    /** Ask the loop to finish after the tasks already posted. */
    public void shutdown() {
        post(now -> running = false);
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Events in the order they happened: a timer whose deadline passed fires before the work posted
     * after that deadline (a flood of received adverts must not delay our own adverts), and after
     * the work posted before it (an advert that arrived while the loop was busy, e.g. applying a
     * reload, is heard before the Master_Down timer it would have pushed back can fire).
     */
    @Override
    public void run() {
        thread = Thread.currentThread();
        while (running && !Thread.currentThread().isInterrupted()) {
            long now = ticker.nowMicros();
            long deadline = nextDeadline.getAsLong();
            Posted head;
            synchronized (queue) {
                head = queue.peek();     // this thread is the only consumer: peek, then poll, is safe
            }
            if (deadline <= now && (head == null || head.at() >= deadline)) {
                onTimer.accept(now);
                continue;
            }
            if (head == null) {
                long waitMicros = deadline == Long.MAX_VALUE ? 1_000_000 : Math.min(deadline - now, 1_000_000);
                if (waitMicros > 0) {
                    LockSupport.parkNanos(this, waitMicros * 1_000);   // until a post, the deadline or spuriously
                }
                continue;
            }
            synchronized (queue) {
                queue.poll();
            }
            head.task().run(head.runAt() ? Math.min(head.at(), ticker.nowMicros()) : ticker.nowMicros());
        }
    }
}

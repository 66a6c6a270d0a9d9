package org.keepalived4j.check.io;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.keepalived4j.check.Cancellable;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * One check on the loop: reports exactly one outcome (the first of: the I/O result, the timer),
 * closes its channel, and reports nothing once cancelled.
 */
class Attempt<T> implements Cancellable {
    private final EventLoop loop;
    private final Consumer<T> done;
    private ScheduledFuture<?> timer;
    private boolean over;
    Channel channel;

    Attempt(EventLoop loop, Consumer<T> done) {
        this.loop = loop;
        this.done = done;
    }

    /**
     * (Re)starts the timer: after {@code micros} the attempt ends with {@code onTimeout}. When the
     * timer fires, the verdict waits for one more turn of the loop, which polls the sockets first:
     * after a stall of the thread (a blocked log write, a GC pause) longer than the timeout, I/O
     * that completed meanwhile wins over the expired timer, as in keepalived's scheduler.
     */
    final void arm(long micros, T onTimeout) {
        disarm();
        if (!over) {
            timer = loop.schedule(() -> confirm(onTimeout), Math.max(1, micros), TimeUnit.MICROSECONDS);
        }
    }

    private void confirm(T onTimeout) {
        if (!over) {
            timer = loop.schedule(() -> finish(onTimeout), 1, TimeUnit.MICROSECONDS);
        }
    }

    final void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    final boolean over() {
        return over;
    }

    /** Ends the attempt with {@code outcome} unless it has already ended. */
    final void finish(T outcome) {
        if (over) {
            return;
        }
        end();
        done.accept(outcome);
    }

    @Override
    public final void cancel() {
        if (loop.inEventLoop()) {
            if (!over) {
                end();
            }
        } else {
            loop.execute(this::cancel);
        }
    }

    private void end() {
        over = true;
        disarm();
        if (channel != null) {
            channel.close();
        }
    }
}

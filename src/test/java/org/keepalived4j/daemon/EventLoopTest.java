package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The loop runs timers and posted work in the order they happened, with a clock the test moves. */
class EventLoopTest {
    final AtomicLong clock = new AtomicLong(1_000);
    final AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
    final List<String> order = new CopyOnWriteArrayList<>();

    EventLoop loop() {
        return new EventLoop(clock::get, deadline::get, now -> {
            order.add("timer@" + deadline.get());
            deadline.set(Long.MAX_VALUE);
        });
    }

    @Test
    void workPostedBeforeADeadlineRunsBeforeItsTimerEvenWhenTheLoopWasBusy() throws InterruptedException {
        EventLoop loop = loop();
        deadline.set(2_000);
        loop.post(now -> {               // a long task (a reload): the clock passes the deadline meanwhile
            order.add("reload");
            loop.post(n -> order.add("advert"));   // arrived during the reload, at 1_500
            clock.set(1_500);
        });
        loop.post(n -> clock.set(3_000));          // posted at 1_000 too: time goes on
        loop.post(n -> order.add("late"));         // posted at 1_000: before the deadline as well
        Thread t = new Thread(loop);
        t.start();
        // "advert" was posted at 1_000 (the clock moved after the post): it runs before the timer.
        waitFor(() -> order.contains("timer@2000"));
        loop.shutdown();
        t.join(5_000);
        assertEquals(List.of("reload", "late", "advert", "timer@2000"), order);
    }

    @Test
    void aTimerDueBeforeNewWorkFiresFirst() throws InterruptedException {
        EventLoop loop = loop();
        clock.set(5_000);
        deadline.set(4_000);      // overdue
        loop.post(n -> order.add("advert"));       // posted at 5_000, after the deadline
        Thread t = new Thread(loop);
        t.start();
        waitFor(() -> order.size() == 2);
        loop.shutdown();
        t.join(5_000);
        assertEquals(List.of("timer@4000", "advert"), order);
    }

    @Test
    void anEventPostedWithItsArrivalTimeRunsWithThatTimeAndBeforeALaterDeadline() throws InterruptedException {
        EventLoop loop = loop();
        List<Long> seen = new CopyOnWriteArrayList<>();
        clock.set(5_000);
        deadline.set(4_500);      // overdue by the time the loop looks
        loop.postAt(4_200, now -> {                // read at 4_200, handed over at 5_000
            seen.add(now);
            order.add("advert");
        });
        loop.post(n -> order.add("posted@5000"));
        Thread t = new Thread(loop);
        t.start();
        waitFor(() -> order.size() == 3);
        loop.shutdown();
        t.join(5_000);
        assertEquals(List.of("advert", "timer@4500", "posted@5000"), order);
        assertEquals(List.of(4_200L), seen, "the task's now is the arrival, not the hand-off");
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!c.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(c.getAsBoolean(), "condition within 5 s");
    }
}

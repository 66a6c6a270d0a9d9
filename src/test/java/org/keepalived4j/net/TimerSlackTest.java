package org.keepalived4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** prctl(PR_SET_TIMERSLACK / PR_GET_TIMERSLACK) on a thread of the test's own (any user may lower its own). */
class TimerSlackTest {
    @Test
    void aThreadSetsItsOwnTimerSlack() throws Exception {
        CompletableFuture<long[]> got = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                long before = Syscalls.timerSlack();
                Syscalls.setTimerSlack(1_000);
                got.complete(new long[] {before, Syscalls.timerSlack()});
            } catch (NativeException | RuntimeException e) {
                got.completeExceptionally(e);
            }
        });
        t.start();
        long[] slack = got.get(10, TimeUnit.SECONDS);
        assertEquals(1_000, slack[1]);
        assertEquals(true, slack[0] > 0, "a thread starts with a slack of its own: " + slack[0]);
    }
}

package org.keepalived4j.check.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.keepalived4j.check.io.IoTesting.loopback;

import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.keepalived4j.check.TcpOutcome;

/**
 * A checker thread that stalls (a log write blocked on a full stdout pipe, a GC pause) longer
 * than a connect timeout must not turn a connect that completed meanwhile into a failure: as in
 * keepalived's scheduler, ready I/O is taken before expired timers. Found by LvsDaemonBench in the
 * slow QEMU guest: the first checks after the start-up burst of log lines failed in a batch.
 */
class LoopStallTest {
    @Test
    void aConnectThatCompletedDuringAStallIsNotATimeout() throws Exception {
        for (NettyCheckIo io : List.of(NettyCheckIo.create(), NettyCheckIo.create(false))) {
            try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
                CompletableFuture<TcpOutcome> second = new CompletableFuture<>();
                CompletableFuture<TcpOutcome> first = new CompletableFuture<>();
                io.loop().execute(() -> io.tcp(loopback(s.getLocalPort(), 5_000_000), outcome -> {
                    first.complete(outcome);
                    // inside an I/O completion: start another check, then stall past its timeout
                    io.tcp(loopback(s.getLocalPort(), 100_000), second::complete);
                    sleep(600);
                }));
                assertEquals(TcpOutcome.SUCCESS, first.get(30, TimeUnit.SECONDS));
                assertEquals(TcpOutcome.SUCCESS, second.get(30, TimeUnit.SECONDS),
                        "the kernel completed the connect during the stall (epoll: " + io.epoll() + ")");
            } finally {
                io.close();
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

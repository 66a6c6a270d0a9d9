package org.keepalived4j.check.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.io.IoTesting.await;
import static org.keepalived4j.check.io.IoTesting.loopback;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keepalived4j.check.ConnectSpec;
import org.keepalived4j.check.TcpOutcome;

/**
 * TCP_CHECK against real listeners on 127.0.0.1 (ports the test opens), on epoll and on NIO.
 * The unanswered connect is made on loopback too: a listener whose accept queue is full drops
 * SYNs, so no packet leaves the machine.
 */
class NettyTcpCheckTest {
    static NettyCheckIo epoll;
    static NettyCheckIo nio;

    @BeforeAll
    static void start() {
        epoll = NettyCheckIo.create();
        nio = NettyCheckIo.create(false);
    }

    @AfterAll
    static void stop() {
        epoll.close();
        nio.close();
    }

    static TcpOutcome tcp(NettyCheckIo io, ConnectSpec spec) throws Exception {
        return await(io, done -> io.tcp(spec, done));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void epollIsUsedOnLinux() {
        assertTrue(epoll.epoll(), "the native transport ships in the jar for linux-x86_64");
    }

    @Test
    void aListeningPortIsUpAndAClosedOneFails() throws Exception {
        for (NettyCheckIo io : List.of(epoll, nio)) {
            try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
                assertEquals(TcpOutcome.SUCCESS, tcp(io, loopback(s.getLocalPort(), 2_000_000)));
            }
            assertEquals(TcpOutcome.FAILED, tcp(io, loopback(freePort(), 2_000_000)), "refused");
        }
    }

    @Test
    void aServerThatAcceptsThenGoesAway() throws Exception {
        ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        AtomicInteger accepted = new AtomicInteger();
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Socket c = s.accept();
                    accepted.incrementAndGet();
                    c.close();
                }
            } catch (IOException closed) {
                // the listener closed
            }
        });
        t.start();
        int port = s.getLocalPort();
        assertEquals(TcpOutcome.SUCCESS, tcp(epoll, loopback(port, 2_000_000)));
        assertEquals(TcpOutcome.SUCCESS, tcp(epoll, loopback(port, 2_000_000)));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (accepted.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, accepted.get(), "both checks connected for real");
        s.close();
        t.join(10_000);
        assertEquals(TcpOutcome.FAILED, tcp(epoll, loopback(port, 2_000_000)), "the listener is gone");
    }

    @Test
    void anUnansweredConnectEndsAtConnectTimeout() throws Exception {
        List<Socket> fill = new ArrayList<>();
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // never accepted: once the accept queue is full the kernel drops further SYNs
            for (int i = 0; i < 4; i++) {
                Socket c = new Socket();
                try {
                    c.connect(s.getLocalSocketAddress(), 200);
                } catch (IOException dropped) {
                    // this one was already dropped: the queue is full
                }
                fill.add(c);
            }
            for (NettyCheckIo io : List.of(epoll, nio)) {
                long t0 = System.nanoTime();
                assertEquals(TcpOutcome.TIMEOUT, tcp(io, loopback(s.getLocalPort(), 300_000)));
                assertTrue(System.nanoTime() - t0 >= 300_000_000L, "not before the timeout");
            }
        } finally {
            for (Socket c : fill) {
                c.close();
            }
        }
    }

    @Test
    void bindtoABadSourceReschedulesWithoutAVerdict() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ConnectSpec ok = new ConnectSpec(new InetSocketAddress("127.0.0.1", s.getLocalPort()),
                    Optional.of(new InetSocketAddress("127.0.0.1", 0)), Optional.empty(), 0, 2_000_000);
            assertEquals(TcpOutcome.SUCCESS, tcp(epoll, ok));
            // 198.51.100.250 is not an address of this host: bind() fails, nothing is sent
            ConnectSpec bad = new ConnectSpec(new InetSocketAddress("127.0.0.1", s.getLocalPort()),
                    Optional.of(new InetSocketAddress("198.51.100.250", 0)), Optional.empty(), 0, 2_000_000);
            assertEquals(TcpOutcome.ERROR, tcp(epoll, bad));
            assertEquals(TcpOutcome.ERROR, tcp(nio, bad));
        }
    }

    @Test
    void aCancelledCheckReportsNothing() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            AtomicInteger calls = new AtomicInteger();
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            epoll.loop().execute(() -> {
                epoll.tcp(loopback(s.getLocalPort(), 2_000_000), o -> calls.incrementAndGet()).cancel();
                epoll.schedule(200_000, () -> done.complete(null));
            });
            done.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, calls.get());
        }
    }
}

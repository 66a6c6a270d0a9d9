package org.keepalived4j.check.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.keepalived4j.check.io.IoTesting.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keepalived4j.check.ConnectSpec;
import org.keepalived4j.check.SmtpOutcome;
import org.keepalived4j.testutil.SmtpResponder;

/** SMTP_CHECK conversations with a scripted SMTP server on 127.0.0.1 and ::1. */
class NettySmtpCheckTest {
    static NettyCheckIo io;

    @BeforeAll
    static void start() {
        io = NettyCheckIo.create();
    }

    @AfterAll
    static void stop() {
        io.close();
    }

    static ConnectSpec to(InetAddress a, int port, long timeoutMicros) {
        return new ConnectSpec(new InetSocketAddress(a, port), Optional.empty(), Optional.empty(), 0, timeoutMicros);
    }

    static SmtpOutcome check(InetAddress a, int port) throws Exception {
        return await(io, d -> io.smtp(to(a, port, 1_000_000), "chk.example", d));
    }

    @Test
    void fullConversation() throws Exception {
        for (String addr : List.of("127.0.0.1", "::1")) {
            InetAddress a = InetAddress.getByName(addr);
            try (SmtpResponder s = new SmtpResponder(a)) {
                assertEquals(SmtpOutcome.SUCCESS, check(a, s.port()), addr);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (s.commands.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(List.of("HELO chk.example", "QUIT"), s.commands);
            }
        }
    }

    @Test
    void badGreetingAndBadHelo() throws Exception {
        InetAddress a = InetAddress.getLoopbackAddress();
        try (SmtpResponder s = new SmtpResponder(a)) {
            s.banner = "554 go away\r\n";
            assertEquals(SmtpOutcome.BAD_BANNER, check(a, s.port()));
            s.banner = "220\r\n";
            assertEquals(SmtpOutcome.BAD_BANNER, check(a, s.port()), "keepalived keeps the \\r: '220\\r' is no status");
            s.banner = "220-first line of many\r\n";
            assertEquals(SmtpOutcome.BAD_BANNER, check(a, s.port()));
            s.banner = "220 ok\r\n";
            s.reply = "501 bad\r\n";
            assertEquals(SmtpOutcome.BAD_HELO, check(a, s.port()));
        }
    }

    @Test
    void silentServerTimesOutAndClosedPortFails() throws Exception {
        InetAddress a = InetAddress.getLoopbackAddress();
        try (SmtpResponder s = new SmtpResponder(a)) {
            s.silent = true;
            assertEquals(SmtpOutcome.READ_TIMEOUT, check(a, s.port()));
        }
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, a)) {
            port = ss.getLocalPort();
        }
        assertEquals(SmtpOutcome.CONNECT_FAILED, check(a, port));
    }

    @Test
    void serverClosingIsAReadFailure() throws Exception {
        InetAddress a = InetAddress.getLoopbackAddress();
        try (ServerSocket ss = new ServerSocket(0, 1, a)) {
            Thread t = new Thread(() -> {
                try {
                    ss.accept().close();
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            t.start();
            assertEquals(SmtpOutcome.READ_FAILURE, check(a, ss.getLocalPort()));
            t.join(5000);
        }
    }
}

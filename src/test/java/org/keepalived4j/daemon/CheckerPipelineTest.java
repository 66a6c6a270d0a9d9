package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.keepalived4j.daemon.CheckerPipeline.next;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each checker type through the whole checker subsystem (checkers on the netty loop, planner,
 * table diff) against a fake IPVS table: a real server on loopback fails, is removed, recovers
 * and is added again.
 */
class CheckerPipelineTest {
    @TempDir
    Path dir;

    static String vs(String rsAddress, int rsPort, String checker) {
        return "virtual_server 127.0.0.1 10 {\n delay_loop 0.2\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server " + rsAddress + " " + rsPort + " {\n  weight 1\n" + checker + " }\n}\n";
    }

    @Test
    void fileCheck() throws Exception {
        Path f = dir.resolve("state");
        Files.writeString(f, "0\n");
        String conf = "track_file tf {\n file " + f + "\n weight 0\n}\n" + vs("127.0.0.1", 20, "  FILE_CHECK {\n   track_file tf\n  }\n");
        try (CheckerPipeline p = new CheckerPipeline(dir, conf)) {
            assertEquals("add [127.0.0.1]:tcp:20 weight 1", next(p.ops, "add [127.0.0.1]:tcp:20"));
            Files.writeString(f, "1\n");
            assertEquals("del [127.0.0.1]:tcp:20", next(p.ops, "del"));
            assertNotNull(p.logged("Removing service [127.0.0.1]:tcp:20 from VS [127.0.0.1]:tcp:10"));
            Path tmp = dir.resolve("state.new");
            Files.writeString(tmp, "0");
            Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            assertEquals("add [127.0.0.1]:tcp:20 weight 1", next(p.ops, "add"), "a file moved in is read");
            Files.delete(f);
            Files.writeString(f, "5");
            assertEquals("del [127.0.0.1]:tcp:20", next(p.ops, "del"));
        }
    }

    @Test
    void smtpCheck() throws Exception {
        java.net.InetAddress lo = java.net.InetAddress.getByName("127.0.0.1");
        org.keepalived4j.testutil.SmtpResponder smtp = new org.keepalived4j.testutil.SmtpResponder(lo);
        int port = smtp.port();
        String rs = "[127.0.0.1]:tcp:" + port;
        String conf = vs("127.0.0.1", port, "  SMTP_CHECK {\n   connect_timeout 1\n   retry 1\n   delay_before_retry 0.2\n  }\n");
        try (CheckerPipeline p = new CheckerPipeline(dir, conf)) {
            assertEquals("add " + rs + " weight 1", next(p.ops, "add " + rs));
            assertNotNull(p.logged("Remote SMTP server " + rs + " succeed on service."));
            smtp.close();
            assertEquals("del " + rs, next(p.ops, "del"), "down within delay_loop + 2 x connect_timeout + delay_before_retry");
            assertNotNull(p.logged("SMTP_CHECK Could not connect to server [127.0.0.1]:" + port));
            smtp = new org.keepalived4j.testutil.SmtpResponder(lo, port);
            assertEquals("add " + rs + " weight 1", next(p.ops, "add"));
        } finally {
            smtp.close();
        }
    }

    @Test
    void dnsCheck() throws Exception {
        java.net.InetAddress lo = java.net.InetAddress.getByName("127.0.0.1");
        org.keepalived4j.testutil.DnsResponder dns = new org.keepalived4j.testutil.DnsResponder(lo, 0,
                q -> org.keepalived4j.testutil.DnsResponder.dnsReply(q, 0));
        int port = dns.port();
        String rs = "[127.0.0.1]:udp:" + port;
        String conf = vs("127.0.0.1", port, "  DNS_CHECK {\n   connect_timeout 1\n   retry 1\n   name example.com\n  }\n")
                .replace("protocol TCP", "protocol UDP");
        try (CheckerPipeline p = new CheckerPipeline(dir, conf)) {
            assertEquals("add " + rs + " weight 1", next(p.ops, "add " + rs));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (dns.received.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);     // the first query was answered (DNS_CHECK logs no success)
            }
            dns.answer = q -> org.keepalived4j.testutil.DnsResponder.dnsReply(q, 5);
            assertEquals("del " + rs, next(p.ops, "del"), "down within delay_loop + 2 x connect_timeout + delay_before_retry");
            assertNotNull(p.logged("DNS_CHECK (" + rs + ") read error occurred. (rcode = 5) after 1 retries"), () -> String.join("\n", p.log));
            dns.answer = q -> null;
            dns.close();
            dns = new org.keepalived4j.testutil.DnsResponder(lo, port, q -> org.keepalived4j.testutil.DnsResponder.dnsReply(q, 0));
            assertEquals("add " + rs + " weight 1", next(p.ops, "add"));
        } finally {
            dns.close();
        }
    }

    @Test
    void udpCheck() throws Exception {
        java.net.InetAddress lo = java.net.InetAddress.getByName("127.0.0.1");
        org.keepalived4j.testutil.DnsResponder echo = new org.keepalived4j.testutil.DnsResponder(lo, 0, q -> q);
        int port = echo.port();
        String rs = "[127.0.0.1]:udp:" + port;
        String conf = vs("127.0.0.1", port, "  UDP_CHECK {\n   connect_timeout 1\n   retry 1\n   delay_before_retry 0.2\n"
                + "   payload 6b 34 6a\n   require_reply 6b 34\n  }\n").replace("protocol TCP", "protocol UDP");
        try (CheckerPipeline p = new CheckerPipeline(dir, conf)) {
            assertEquals("add " + rs + " weight 1", next(p.ops, "add " + rs));
            assertNotNull(p.logged("UDP connection to " + rs + " success."));
            echo.close();
            assertEquals("del " + rs, next(p.ops, "del"), "ICMP port unreachable: down after retry 1");
            assertNotNull(p.logged("UDP_CHECK on service " + rs + " failed after 1 retries."));
            echo = new org.keepalived4j.testutil.DnsResponder(lo, port, q -> q);
            assertEquals("add " + rs + " weight 1", next(p.ops, "add"));
        } finally {
            echo.close();
        }
    }

    /**
     * In a namespace of the test's own (root): a thread enters it and starts the subsystem, whose
     * threads inherit the namespace. The real server 198.51.100.2 answers while the address is on
     * d1 (local), and stops when it is removed (the echo then goes out d0 unanswered).
     */
    @Test
    void pingCheck() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.keepalived4j.testutil.TestNetns.available(), "needs root and ip(8)");
        try (org.keepalived4j.testutil.TestNetns ns = new org.keepalived4j.testutil.TestNetns("pingpipe")) {
            ns.exec("ip", "addr", "add", "198.51.100.2/32", "dev", "d1");
            String rs = "[198.51.100.2]:tcp:80";
            String conf = vs("198.51.100.2", 80, "  PING_CHECK {\n   connect_timeout 0.5\n   retry 1\n   delay_before_retry 0.2\n  }\n");
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    org.keepalived4j.net.LinuxPingSocket.enterNetworkNamespace(ns.path());
                    try (CheckerPipeline p = new CheckerPipeline(dir, conf)) {
                        assertEquals("add " + rs + " weight 1", next(p.ops, "add " + rs));
                        assertNotNull(p.logged("ICMP connection to " + rs + " success."));
                        ns.exec("ip", "addr", "del", "198.51.100.2/32", "dev", "d1");
                        assertEquals("del " + rs, next(p.ops, "del"), "down within delay_loop + 2 x connect_timeout + delay_before_retry");
                        assertNotNull(p.logged("ICMP CHECK on service " + rs + " of [127.0.0.1]:tcp:10 failed after 1 retries."));
                        ns.exec("ip", "addr", "add", "198.51.100.2/32", "dev", "d1");
                        assertEquals("add " + rs + " weight 1", next(p.ops, "add"));
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "ping-pipeline");
            t.start();
            t.join(300_000);
            org.junit.jupiter.api.Assertions.assertFalse(t.isAlive(), "every wait in the thread is bounded");
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
        }
    }
}

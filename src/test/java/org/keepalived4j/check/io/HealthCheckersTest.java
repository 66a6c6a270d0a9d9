package org.keepalived4j.check.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.check.RsStatus;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.testutil.ConfigFixture;

import com.sun.net.httpserver.HttpServer;

/** The whole subsystem from a keepalived.conf: TCP_CHECK, HTTP_GET and MISC_CHECK on loopback. */
class HealthCheckersTest {
    @TempDir
    Path dir;
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final BlockingQueue<String> log = new LinkedBlockingQueue<>();

    String next(BlockingQueue<String> q, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String s = q.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && s.startsWith(prefix)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void upAndDownFromRealServersOnLoopback() throws Exception {
        ServerSocket tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        int[] status = {200};
        http.createContext("/", x -> {
            byte[] b = "hello".getBytes(StandardCharsets.US_ASCII);
            x.sendResponseHeaders(status[0], b.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(b);
            }
        });
        http.start();
        Path flag = dir.resolve("exit");
        Files.writeString(flag, "0");
        Path script = dir.resolve("chk.sh");
        Files.writeString(script, "#!/bin/sh\nexit $(cat " + flag + ")\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String conf = "global_defs {\n enable_script_security\n script_user root\n}\n"
                + "virtual_server 127.0.0.1 80 {\n delay_loop 0.2\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 127.0.0.1 " + tcp.getLocalPort() + " {\n  TCP_CHECK {\n   connect_timeout 1\n   retry 0\n  }\n }\n"
                + " real_server 127.0.0.1 " + http.getAddress().getPort() + " {\n  HTTP_GET {\n   url {\n    path /\n"
                + "    digest 5d41402abc4b2a76b9719d911017c592\n   }\n   connect_timeout 1\n   retry 0\n  }\n }\n"
                + " real_server 127.0.0.2 80 {\n  MISC_CHECK {\n   misc_path \"" + script + "\"\n   misc_dynamic\n   misc_timeout 5\n  }\n }\n}\n";   // timeout: a fork under load must not count as a failure
        ConfigLoader.Result r = ConfigFixture.load(dir, conf);
        KeepalivedConfig config = r.config();
        assertEquals(3, config.virtualServers().get(0).realServers().size(), () -> ConfigFixture.output(r).toString());
        try (HealthCheckers hc = HealthCheckers.create((rs, alive, w) -> events.add(rs.display() + (alive ? " UP " : " DOWN ") + w),
                log::add)) {
            List<RsStatus> initial = hc.start(config);
            assertTrue(initial.stream().allMatch(RsStatus::alive));
            String t = "[127.0.0.1]:tcp:" + tcp.getLocalPort();
            String h = "[127.0.0.1]:tcp:" + http.getAddress().getPort();
            assertNotNull(next(log, "TCP connection to " + t + " success."));
            assertNotNull(next(log, "Remote Web server " + h + " succeed on service."));
            tcp.close();
            assertEquals(t + " DOWN 1", next(events, t));
            assertNotNull(next(log, "TCP_CHECK on service " + t + " failed."));
            status[0] = 500;
            assertEquals(h + " DOWN 1", next(events, h));
            Files.writeString(flag, "12");
            assertEquals("[127.0.0.2]:tcp:80 UP 10", next(events, "[127.0.0.2]"), "misc_dynamic weight 12 - 2");
            Files.writeString(flag, "1");
            assertEquals("[127.0.0.2]:tcp:80 DOWN 10", next(events, "[127.0.0.2]"));
            assertTrue(hc.checkers().stream().noneMatch(c -> c.up()));
        } finally {
            http.stop(0);
        }
    }
}

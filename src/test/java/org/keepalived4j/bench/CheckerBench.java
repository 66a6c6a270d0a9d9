package org.keepalived4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.check.Cancellable;
import org.keepalived4j.check.CheckIo;
import org.keepalived4j.check.CheckScheduler;
import org.keepalived4j.check.ConnectSpec;
import org.keepalived4j.check.HttpOutcome;
import org.keepalived4j.check.TcpOutcome;
import org.keepalived4j.check.io.NettyCheckIo;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.util.ScriptOutcome;

/**
 * Benchmark, not a test (prints figures, never fails on them): N TCP_CHECKs at delay_loop 1 on
 * one checker thread, against one listener on 127.0.0.1 (N real servers 127.0.0.1:20000+i, each
 * with {@code connect_port} of the listener). The listener runs on threads of its own; the checker
 * thread's CPU comes from ThreadMXBean, the process's from /proc/self/stat. ListenOverflows
 * (/proc/net/netstat) during the window is printed: each overflow costs a check a 1 s SYN retry.
 * After the window {@value #VICTIMS} real servers spread over the list, each checked on a listener
 * of its own, lose it (connects refused from then on): the time from closing them to each DOWN verdict
 * is the detection (TCP_CHECK defaults: retry 1, delay_before_retry 1 s, connect_timeout 5 s).
 * Run: {@code mvn -B -Pbench verify -Dit.test=CheckerBench -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dexec.skip} (no root needed; figures in docs/benchmarks.md);
 * sizes with {@code -Dbench.checks=1000,10000}, window {@code -Dbench.seconds=20} after
 * {@code -Dbench.warmup=10} seconds.
 */
class CheckerBench {
    @TempDir
    Path dir;

    /** How many of the real servers have a listener of their own, closed after the window. */
    static final int VICTIMS = 5;

    record Result(int n, String transport, double checksPerSecond, double checkerCpuPct, double checkerUserPct,
                  double processCpuPct, long rssKiB, long downs, long failed, long listenOverflows,
                  long detectMinMs, long detectMaxMs) {
    }

    @Test
    void tcpChecksAtDelayLoopOne() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 20);
        List<Result> results = new ArrayList<>();
        for (String s : System.getProperty("bench.checks", "1000,10000").split(",")) {
            results.add(run(Integer.parseInt(s.trim()), true, seconds));
        }
        results.add(run(10_000, false, seconds));
        System.out.printf("CheckerBench: TCP_CHECK, delay_loop 1, %d s window, one listener on 127.0.0.1; load average now %s%n",
                seconds, Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("| checkers | transport | checks/s | checker thread CPU (user) | CPU µs per check"
                + " | process CPU | RSS | false DOWN verdicts | failed checks | listen overflows"
                + " | detection of " + VICTIMS + " closed listeners |");
        for (Result r : results) {
            System.out.printf("| %,d | %s | %,.0f | %.1f %% (%.1f %%) | %.0f | %.1f %% | %,d KiB | %d | %d | %d"
                            + " | %,d-%,d ms |%n",
                    r.n, r.transport, r.checksPerSecond, r.checkerCpuPct, r.checkerUserPct,
                    r.checkerCpuPct * 10_000 / Math.max(1, r.checksPerSecond), r.processCpuPct, r.rssKiB, r.downs,
                    r.failed, r.listenOverflows, r.detectMinMs, r.detectMaxMs);
        }
    }

    Result run(int n, boolean epoll, int seconds) throws Exception {
        List<Listener> victims = new ArrayList<>();
        try (Listener l = new Listener(); NettyCheckIo io = NettyCheckIo.create(epoll)) {
            for (int i = 0; i < VICTIMS; i++) {
                victims.add(new Listener());
            }
            List<Integer> victimPorts = new ArrayList<>();
            for (Listener v : victims) {
                victimPorts.add(v.port());
            }
            KeepalivedConfig config = ConfigFixture.load(dir, config(n, l.port(), victimPorts)).config();
            Counting counting = new Counting(io);
            AtomicLong downs = new AtomicLong();
            Map<Integer, Long> victimDown = new ConcurrentHashMap<>();
            CheckScheduler s = new CheckScheduler(counting, io, () -> System.nanoTime() / 1000, new SplittableRandom(),
                    line -> { }, (rs, alive, w) -> {
                        if (!alive && victim(n, rs.rsIndex()) >= 0) {
                            victimDown.putIfAbsent(rs.rsIndex(), System.nanoTime());
                        } else if (!alive) {
                            downs.incrementAndGet();
                        }
                    });
            onLoop(io, () -> s.start(config));
            // 1 s bootstrap, the first checks spread over 1 s, then JIT warm-up before measuring
            Thread.sleep(Integer.getInteger("bench.warmup", 10) * 1000L);
            long checker = checkerThreadId();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long c0 = counting.completed.get();
            long cpu0 = mx.getThreadCpuTime(checker);
            long user0 = mx.getThreadUserTime(checker);
            long p0 = processCpuTicks();
            long o0 = listenOverflows();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long dt = System.nanoTime() - t0;
            double checks = (counting.completed.get() - c0) * 1e9 / dt;
            double cpu = (mx.getThreadCpuTime(checker) - cpu0) * 100.0 / dt;
            double user = (mx.getThreadUserTime(checker) - user0) * 100.0 / dt;
            double proc = (processCpuTicks() - p0) * 1e9 / 100.0 * 100.0 / dt;
            long rss = rssKiB();
            System.out.printf("  %,d %s: check latency <1 ms, <10 ms, <100 ms, <1 s, <3 s, more: %s; load average %s%n", n,
                    io.epoll() ? "epoll" : "NIO", java.util.Arrays.toString(counting.latency),
                    Files.readString(Path.of("/proc/loadavg")).trim());
            long overflows = listenOverflows() - o0;
            // detection: close the victims' listeners (refused connects from now on), wait for DOWN
            long kill = System.nanoTime();
            for (Listener v : victims) {
                v.close();
            }
            long deadline = kill + TimeUnit.SECONDS.toNanos(60);
            while (victimDown.size() < VICTIMS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long min = victimDown.values().stream().mapToLong(t -> (t - kill) / 1_000_000).min().orElse(-1);
            long max = victimDown.size() < VICTIMS ? -1
                    : victimDown.values().stream().mapToLong(t -> (t - kill) / 1_000_000).max().orElse(-1);
            onLoop(io, s::stop);
            return new Result(n, io.epoll() ? "epoll" : "NIO", checks, cpu, user, proc, rss, downs.get(),
                    counting.failed.get(), overflows, min, max);
        } finally {
            for (Listener v : victims) {
                v.close();
            }
        }
    }

    /**
     * Which victim real server {@code i} of {@code n} is (0..VICTIMS-1), or -1: spread over the list,
     * so that their checks fall at different times of the round.
     */
    static int victim(int n, int i) {
        for (int k = 0; k < VICTIMS; k++) {
            if (i == (k + 1) * n / (VICTIMS + 1)) {
                return k;
            }
        }
        return -1;
    }

    /** N real servers checked on {@code port}, except the victims, each on one of {@code victimPorts}. */
    static String config(int n, int port, List<Integer> victimPorts) {
        StringBuilder b = new StringBuilder("virtual_server 198.51.100.1 80 {\n delay_loop 1\n lb_algo rr\n lb_kind NAT\n"
                + " protocol TCP\n");
        for (int i = 0; i < n; i++) {
            int v = victim(n, i);
            b.append(" real_server 127.0.0.1 ").append(20000 + i).append(" {\n  TCP_CHECK {\n   connect_port ")
                    .append(v >= 0 ? victimPorts.get(v) : port).append("\n  }\n }\n");
        }
        return b.append("}\n").toString();
    }

    static void onLoop(NettyCheckIo io, Runnable r) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        io.loop().execute(() -> {
            r.run();
            f.complete(null);
        });
        f.get(60, TimeUnit.SECONDS);
    }

    static long checkerThreadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("checker"))
                .mapToLong(Thread::getId).findFirst().orElseThrow();
    }

    /** utime + stime of this process, in clock ticks (USER_HZ = 100). */
    static long processCpuTicks() throws IOException {
        String s = Files.readString(Path.of("/proc/self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** TcpExt ListenOverflows of this network namespace (other processes' listeners count too). */
    static long listenOverflows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                List<String> names = List.of(lines.get(i).split(" "));
                return Long.parseLong(lines.get(i + 1).split(" ")[names.indexOf("ListenOverflows")]);
            }
        }
        return -1;
    }

    static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Counts the TCP checks that ended, passing everything to the real I/O. */
    static final class Counting implements CheckIo {
        final NettyCheckIo io;
        final AtomicLong completed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        Counting(NettyCheckIo io) {
            this.io = io;
        }

        final long[] latency = new long[6]; // < 1 ms, < 10 ms, < 100 ms, < 1 s, < 3 s, more

        @Override
        public Cancellable tcp(ConnectSpec connect, Consumer<TcpOutcome> done) {
            long t0 = System.nanoTime();
            return io.tcp(connect, o -> {
                long us = (System.nanoTime() - t0) / 1000;
                latency[us < 1_000 ? 0 : us < 10_000 ? 1 : us < 100_000 ? 2 : us < 1_000_000 ? 3 : us < 3_000_000 ? 4 : 5]++;
                completed.incrementAndGet();
                if (o != TcpOutcome.SUCCESS) {
                    failed.incrementAndGet();
                }
                done.accept(o);
            });
        }

        @Override
        public Cancellable http(ConnectSpec c, boolean ssl, String req, boolean digest, Consumer<HttpOutcome> done) {
            return io.http(c, ssl, req, digest, done);
        }

        @Override
        public Cancellable misc(Script script, long timeoutMicros, Consumer<ScriptOutcome> done) {
            return io.misc(script, timeoutMicros, done);
        }

        @Override
        public Cancellable smtp(ConnectSpec c, String helo, Consumer<org.keepalived4j.check.SmtpOutcome> done) {
            return io.smtp(c, helo, done);
        }

        @Override
        public Cancellable dns(ConnectSpec c, byte[] query, Consumer<org.keepalived4j.check.DnsOutcome> done) {
            return io.dns(c, query, done);
        }

        @Override
        public Cancellable udp(ConnectSpec c, byte[] payload, int limit, Consumer<org.keepalived4j.check.UdpOutcome> done) {
            return io.udp(c, payload, limit, done);
        }

        @Override
        public Cancellable ping(ConnectSpec c, Consumer<org.keepalived4j.check.PingOutcome> done) {
            return io.ping(c, done);
        }

        @Override
        public org.keepalived4j.check.FileValue readTrackFile(String path) {
            return io.readTrackFile(path);
        }

        @Override
        public Cancellable watchTrackFile(String path, Consumer<org.keepalived4j.check.FileValue> changed) {
            return io.watchTrackFile(path, changed);
        }
    }

    /**
     * Accepts and closes on two threads of its own, so its accept queue does not overflow and cost
     * the checker a SYN retransmission. (Not with a reset: a reset that arrives before the checker
     * reads the connect result fails the check, with keepalived as with us.)
     */
    static final class Listener implements AutoCloseable {
        final ServerSocketChannel ch;

        Listener() throws IOException {
            ch = ServerSocketChannel.open();
            ch.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
            for (int i = 0; i < 2; i++) {
                Thread t = new Thread(() -> {
                    try {
                        while (true) {
                            SocketChannel c = ch.accept();
                            c.close();
                        }
                    } catch (IOException closed) {
                        // done
                    }
                }, "bench-listener-" + i);
                t.setDaemon(true);
                t.start();
            }
        }

        int port() throws IOException {
            return ((InetSocketAddress) ch.getLocalAddress()).getPort();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}

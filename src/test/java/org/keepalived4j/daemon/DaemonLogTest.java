package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.daemon.log.LogContext;
import org.keepalived4j.daemon.log.LogOptions;
import org.keepalived4j.daemon.log.SyslogFacility;
import org.keepalived4j.net.DatagramListener;

/**
 * The exact lines users grep: syslog datagrams on a temp-dir socket standing in for /dev/log,
 * and console lines, for each identity, facility, -D, journald and failure case.
 */
class DaemonLogTest {
    private static final long PID = 4242;
    /** Wednesday 5 November 2025, 07:13:27 UTC: a one-digit day shows glibc's space padding. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-05T07:13:27Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderrBytes = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();
    private String devLog;
    private DatagramListener syslogd;

    @BeforeEach
    void bindDevLog() throws Exception {
        devLog = dir.resolve("log").toString();
        syslogd = new DatagramListener(devLog);
    }

    @AfterEach
    void close() throws Exception {
        syslogd.close();
    }

    private DaemonLog.Logs open(boolean console, boolean syslog, boolean detail, Map<String, String> env,
            SyslogFacility facility) {
        LogOptions o = new LogOptions(console, syslog, facility, detail, devLog, env, "");
        LogContext c = new LogContext(new PrintStream(stderrBytes, true, StandardCharsets.UTF_8), Optional.empty(),
                CLOCK, nanos::get, PID);
        return DaemonLog.configure(o, c);
    }

    private DaemonLog.Logs syslogOnly() {
        return open(false, true, false, Map.of(), SyslogFacility.DAEMON);
    }

    private List<String> stderrLines() {
        String s = stderrBytes.toString(StandardCharsets.UTF_8);
        return s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    @Test
    void eachIdentityLogsAsKeepalivedDoesOnDevLog() throws Exception {
        try (DaemonLog.Logs logs = syslogOnly()) {
            logs.parent().info("Starting Keepalived v2.2.7 (01/16,2022)");
            logs.vrrp().info("(VI_1) Entering MASTER STATE");
            logs.checker().info("TCP connection to [10.0.0.1]:tcp:80 success.");
            assertEquals("Keepalived_vrrp", logs.vrrp().ident());
        }
        assertEquals(List.of(
                "<30>Nov  5 07:13:27 Keepalived[4242]: Starting Keepalived v2.2.7 (01/16,2022)",
                "<30>Nov  5 07:13:27 Keepalived_vrrp[4242]: (VI_1) Entering MASTER STATE",
                "<30>Nov  5 07:13:27 Keepalived_healthcheckers[4242]: TCP connection to [10.0.0.1]:tcp:80 success."),
                syslogd.drain());
        assertEquals(List.of(), stderrLines());
    }

    @Test
    void severitiesAndFacilityMakeThePri() throws Exception {
        try (DaemonLog.Logs logs = open(false, true, false, Map.of(), SyslogFacility.parse("1").orElseThrow())) {
            logs.vrrp().info("i");
            logs.parent().alert("VRRP child process(4243) died: Respawning");
            logs.parent().warning("w");
            logs.parent().error("e");
            logs.parent().notice("n");
        }
        assertEquals(List.of("<142>Nov  5 07:13:27 Keepalived_vrrp[4242]: i",       // local1.info = 17*8+6
                "<137>Nov  5 07:13:27 Keepalived[4242]: VRRP child process(4243) died: Respawning",
                "<140>Nov  5 07:13:27 Keepalived[4242]: w", "<139>Nov  5 07:13:27 Keepalived[4242]: e",
                "<141>Nov  5 07:13:27 Keepalived[4242]: n"), syslogd.drain());
    }

    @Test
    void identSuffixForNamespaceAndInstance() throws Exception {
        LogOptions o = new LogOptions(false, true, SyslogFacility.DAEMON, false, devLog, Map.of(),
                LogOptions.identSuffix("blue", "lb1"));
        try (DaemonLog.Logs logs = DaemonLog.configure(o, new LogContext(System.err, Optional.empty(), CLOCK,
                nanos::get, PID))) {
            logs.vrrp().info("x");
        }
        assertEquals(List.of("<30>Nov  5 07:13:27 Keepalived_vrrp_blue_lb1[4242]: x"), syslogd.drain());
    }

    @Test
    void detailLinesOnlyWithMinusD() throws Exception {
        try (DaemonLog.Logs logs = syslogOnly()) {
            logs.vrrp().detail("(VI_1) Receive advertisement timeout");
        }
        assertEquals(List.of(), syslogd.drain());
        try (DaemonLog.Logs logs = open(false, true, true, Map.of(), SyslogFacility.DAEMON)) {
            logs.vrrp().detail("(VI_1) Receive advertisement timeout");
        }
        assertEquals(List.of("<30>Nov  5 07:13:27 Keepalived_vrrp[4242]: (VI_1) Receive advertisement timeout"),
                syslogd.drain());
    }

    @Test
    void consoleAndSyslogEachGetEveryLineOnce() throws Exception {
        try (DaemonLog.Logs logs = open(true, true, false, Map.of(), SyslogFacility.DAEMON)) {
            logs.parent().info("Startup complete");
            logs.vrrp().info("(VI_1) Entering BACKUP STATE (init)");
            org.slf4j.LoggerFactory.getLogger("org.keepalived4j.vrrp.runtime.Test").info("via slf4j");
        }
        assertEquals(List.of("Wed Nov 5 07:13:27 2025: Startup complete",
                "Wed Nov 5 07:13:27 2025: (VI_1) Entering BACKUP STATE (init)",
                "Wed Nov 5 07:13:27 2025: via slf4j"), stderrLines());
        assertEquals(List.of("<30>Nov  5 07:13:27 Keepalived[4242]: Startup complete",
                "<30>Nov  5 07:13:27 Keepalived_vrrp[4242]: (VI_1) Entering BACKUP STATE (init)",
                "<30>Nov  5 07:13:27 Keepalived_vrrp[4242]: via slf4j"), syslogd.drain());
    }

    @Test
    void minusGWritesNoSyslog() throws Exception {
        try (DaemonLog.Logs logs = open(true, false, false, Map.of(), SyslogFacility.DAEMON)) {
            logs.vrrp().info("x");
        }
        assertEquals(List.of(), syslogd.drain());
        assertEquals(List.of("Wed Nov 5 07:13:27 2025: x"), stderrLines());
    }

    @Test
    void underJournaldTheConsoleCarriesThePriorityAndNoTimestamp() throws Exception {
        try (DaemonLog.Logs logs = open(true, false, false, Map.of("JOURNAL_STREAM", "9:1234"), SyslogFacility.DAEMON)) {
            logs.vrrp().info("(VI_1) Entering MASTER STATE");
            logs.parent().alert("VRRP child process(1) died: Respawning");
            logs.parent().warning("w");
        }
        assertEquals(List.of("<6>(VI_1) Entering MASTER STATE", "<1>VRRP child process(1) died: Respawning", "<4>w"),
                stderrLines());
    }

    @Test
    void aMissingSocketGivesOneStderrLineThenRecoversAndCountsTheLoss() throws Exception {
        syslogd.close();
        String gone = devLog;
        java.nio.file.Files.delete(Path.of(gone));
        try (DaemonLog.Logs logs = syslogOnly()) {
            for (int i = 0; i < 5; i++) {
                logs.vrrp().info("lost " + i);
            }
            assertEquals(List.of("Keepalived: cannot log to syslog socket " + gone + ": sendto(" + gone
                    + "): ENOENT (No such file or directory) - syslog lines are dropped (retrying every 5 s)"),
                    stderrLines());
            syslogd = new DatagramListener(gone);
            logs.vrrp().info("still waiting");                        // within 5 s: not even tried
            assertEquals(List.of(), syslogd.drain());
            nanos.addAndGet(TimeUnit.SECONDS.toNanos(5));
            logs.vrrp().info("back");
        }
        assertEquals(List.of("<30>Nov  5 07:13:27 Keepalived_vrrp[4242]: back",
                "<28>Nov  5 07:13:27 Keepalived_vrrp[4242]: 6 log message(s) could not be sent to " + gone
                        + " and were dropped"), syslogd.drain());
        assertEquals(1, stderrLines().size());
    }

    @Test
    void aFullSocketQueueDropsWithoutBlockingAndReportsTheCount() throws Exception {
        int sent = 0;
        try (DaemonLog.Logs logs = syslogOnly()) {
            for (; sent < 10_000; sent++) {                          // the receiver never reads meanwhile
                logs.vrrp().info("line " + sent);
            }
            List<String> got = syslogd.drain();
            assertTrue(got.size() < sent, "some lines must have been dropped, got " + got.size());
            logs.vrrp().info("after");
            assertEquals(List.of("<30>Nov  5 07:13:27 Keepalived_vrrp[4242]: after",
                    "<28>Nov  5 07:13:27 Keepalived_vrrp[4242]: " + (sent - got.size())
                            + " log message(s) could not be sent to " + devLog + " and were dropped"),
                    syslogd.drain());
        }
        assertEquals(List.of(), stderrLines());
    }

    /**
     * SIGTERM: the work "Stopping" starts runs on another thread at once, but its lines come after
     * "Stopping" (the other thread tries to log while the line is not yet written, and waits).
     */
    @Test
    void aLineWrittenAfterStartingWorkPrecedesThatWorksLines() throws Exception {
        try (DaemonLog.Logs logs = open(true, false, false, Map.of(), SyslogFacility.DAEMON)) {
            Thread loop = new Thread(() -> logs.vrrp().info("(VI_1) removing VIPs."));
            logs.parent().infoAfter(() -> {
                loop.start();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (loop.getState() != Thread.State.BLOCKED && loop.isAlive() && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }, "Stopping");
            loop.join(5_000);
        }
        assertEquals(List.of("Wed Nov 5 07:13:27 2025: Stopping", "Wed Nov 5 07:13:27 2025: (VI_1) removing VIPs."),
                stderrLines());
    }

    /** A takeover's lines wait for its packets: held lines come at the release, in order; other threads' at once. */
    @Test
    void heldLinesComeAtTheReleaseInTheirOrder() throws Exception {
        try (DaemonLog.Logs logs = open(true, false, true, Map.of(), SyslogFacility.DAEMON)) {
            logs.vrrp().hold();
            logs.vrrp().info("(VI_1) Entering MASTER STATE");
            logs.vrrp().hold();
            logs.vrrp().detail("(VI_1) setting VIPs.");
            logs.vrrp().release();
            Thread other = new Thread(() -> logs.checker().info("TCP connection to [198.51.100.5]:tcp:80 success."));
            other.start();
            other.join(5_000);
            assertEquals(List.of("Wed Nov 5 07:13:27 2025: TCP connection to [198.51.100.5]:tcp:80 success."),
                    stderrLines(), "only the other thread's line before the outer release");
            logs.parent().warning("Sending gratuitous ARP failed");
            logs.vrrp().release();
            logs.vrrp().info("after");
        }
        assertEquals(List.of("Wed Nov 5 07:13:27 2025: TCP connection to [198.51.100.5]:tcp:80 success.",
                "Wed Nov 5 07:13:27 2025: (VI_1) Entering MASTER STATE", "Wed Nov 5 07:13:27 2025: (VI_1) setting VIPs.",
                "Wed Nov 5 07:13:27 2025: Sending gratuitous ARP failed", "Wed Nov 5 07:13:27 2025: after"), stderrLines());
    }

    /** The loop's sends after SIGTERM do not wait for "Stopping" to be written: hold() does not, its lines still follow. */
    @Test
    void holdingDoesNotWaitForALineBeingWritten() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean heldAtOnce = new java.util.concurrent.atomic.AtomicBoolean();
        try (DaemonLog.Logs logs = open(true, false, false, Map.of(), SyslogFacility.DAEMON)) {
            java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
            Thread loop = new Thread(() -> {
                logs.vrrp().hold();
                holding.countDown();
                logs.vrrp().info("(VI_1) removing VIPs.");
                logs.vrrp().release();
            });
            logs.parent().infoAfter(() -> {
                loop.start();
                try {
                    heldAtOnce.set(holding.await(5, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "Stopping");
            loop.join(5_000);
        }
        assertTrue(heldAtOnce.get(), "hold() waited for the line being written");
        assertEquals(List.of("Wed Nov 5 07:13:27 2025: Stopping", "Wed Nov 5 07:13:27 2025: (VI_1) removing VIPs."),
                stderrLines());
    }
}

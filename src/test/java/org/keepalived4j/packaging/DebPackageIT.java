package org.keepalived4j.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The .deb that {@code mvn package} builds: its control data and contents (dpkg-deb), then a real
 * installation with {@code dpkg --root} into a temporary directory (no chroot, no host changes),
 * the installed launcher running keepalived, and a purge. The maintainer scripts run on the host
 * with DPKG_ROOT set: stand-ins for systemctl and deb-systemd-* on the PATH record any call, and
 * there must be none. The temporary root is deleted in all cases.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebPackageIT {
    private static final Path BUILD = Path.of(System.getProperty("keepalived4j.jar", "target/keepalived.jar"))
            .toAbsolutePath().getParent();
    private static final Duration LIMIT = Duration.ofSeconds(180);

    private static Path deb;
    private static String version;
    private static Path work;      // temp dir: root/ (dpkg --root), bin/ (stand-ins), trace
    private static Path root;
    private static Map<String, String> env;

    @BeforeAll
    static void install() throws IOException {
        if (!Run.onPath("dpkg-deb") || !Run.onPath("dpkg")) {
            System.err.println("*** SKIPPED DebPackageIT: dpkg/dpkg-deb not installed (not Debian?)");
        }
        assumeTrue(Run.onPath("dpkg-deb") && Run.onPath("dpkg"), "dpkg is not installed");
        try (Stream<Path> s = Files.list(BUILD)) {
            List<Path> debs = s.filter(p -> p.getFileName().toString().matches("keepalived4j_.+_all\\.deb")).toList();
            assertEquals(1, debs.size(), "exactly one keepalived4j_*_all.deb expected in " + BUILD + ": " + debs);
            deb = debs.get(0);
        }
        version = deb.getFileName().toString().replaceAll("^keepalived4j_(.+)_all\\.deb$", "$1");

        work = Files.createTempDirectory("k4j-deb-it");
        root = work.resolve("root");
        // The smallest dpkg database dpkg accepts (man dpkg: --root, --admindir).
        Path admin = Files.createDirectories(root.resolve("var/lib/dpkg"));
        for (String d : List.of("info", "updates", "triggers")) {
            Files.createDirectories(admin.resolve(d));
        }
        Files.createFile(admin.resolve("status"));
        Files.createFile(admin.resolve("available"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        for (String tool : List.of("systemctl", "deb-systemd-helper", "deb-systemd-invoke", "invoke-rc.d", "service")) {
            Path p = bin.resolve(tool);
            Files.writeString(p, "#!/bin/sh\necho \"$0 $*\" >> " + work.resolve("trace") + "\nexit 0\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        env = new HashMap<>();
        env.put("PATH", bin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String unset : List.of("JAVA", "KEEPALIVED4J_JAR", "KEEPALIVED4J_JSA", "KEEPALIVED4J_JVM_OPTS",
                "KEEPALIVED4J_CDS_DUMP", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "DPKG_ROOT")) {
            env.put(unset, null);
        }

        Run r = dpkg("-i", deb.toString());
        assertEquals(0, r.status(), "dpkg -i:\n" + r);
        assertNoHostCalls();
    }

    @AfterAll
    static void clean() {
        if (work != null) {
            Run.deleteTree(work);
            assertFalse(Files.exists(work), "could not delete " + work);
        }
    }

    /** dpkg on the temporary root. --force-script-chrootless: run the maintainer scripts without chroot (the root has no shell) but with DPKG_ROOT set. */
    private static Run dpkg(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("dpkg", "--root=" + root, "--force-depends",
                "--force-not-root", "--force-script-chrootless", "--log=/dev/null"));
        cmd.addAll(List.of(args));
        return Run.of(cmd, env, LIMIT);
    }

    private static void assertNoHostCalls() {
        assertFalse(Files.exists(work.resolve("trace")), () -> "maintainer scripts called host tools: "
                + readQuietly(work.resolve("trace")));
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Run keepalived(Map<String, String> extra, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("usr/sbin/keepalived").toString()));
        cmd.addAll(List.of(args));
        Map<String, String> e = new HashMap<>(env);
        e.putAll(extra);
        return Run.of(cmd, e, LIMIT);
    }

    @Test
    @Order(1)
    void controlFields() {
        Run r = Run.of(List.of("dpkg-deb", "-f", deb.toString()));
        assertEquals(0, r.status(), r.toString());
        String c = r.out();
        for (String line : List.of("Package: keepalived4j", "Version: " + version, "Architecture: all",
                "Maintainer: keepalived4j dev <dev@keepalived4j.invalid>",
                "Depends: openjdk-17-jre-headless | java17-runtime-headless, perl-base, iproute2",
                "Conflicts: keepalived", "Replaces: keepalived", "Provides: keepalived", "Section: net",
                "Priority: optional")) {
            assertTrue(c.lines().anyMatch(line::equals), "control lacks '" + line + "':\n" + c);
        }
        assertTrue(c.contains("\nDescription: ") && c.contains("\nInstalled-Size: "), c);

        Run conffiles = Run.of(List.of("dpkg-deb", "-I", deb.toString(), "conffiles"));
        assertEquals(List.of("/etc/keepalived/keepalived.conf", "/etc/default/keepalived"), conffiles.out().lines().toList());
        Run info = Run.of(List.of("dpkg-deb", "-I", deb.toString()));
        for (String member : List.of("postinst", "prerm", "postrm", "triggers", "md5sums")) {
            assertTrue(info.out().contains(" " + member + " "), "control member " + member + ":\n" + info);
        }
    }

    @Test
    @Order(2)
    void contents() {
        Run r = Run.of(List.of("dpkg-deb", "-c", deb.toString()));
        assertEquals(0, r.status(), r.toString());
        Map<String, String> modes = new HashMap<>();
        for (String l : r.out().lines().toList()) {
            String[] f = l.trim().split("\\s+");
            assertEquals("root/root", f[1], "owner of " + l);
            modes.put(f[f.length - 1].replaceFirst("^\\./", "/"), f[0]);
        }
        assertEquals("-rwxr-xr-x", modes.get("/usr/sbin/keepalived"), r.out());
        assertEquals("-rwxr-xr-x", modes.get("/usr/share/keepalived4j/cds-train.sh"), r.out());
        for (String file : List.of("/usr/share/keepalived4j/keepalived.jar", "/usr/share/keepalived4j/cds-training.conf",
                "/usr/share/keepalived4j/cds-training-daemon.conf",
                "/lib/systemd/system/keepalived.service", "/etc/keepalived/keepalived.conf", "/etc/default/keepalived",
                "/usr/share/man/man8/keepalived.8.gz", "/usr/share/man/man5/keepalived.conf.5.gz",
                "/usr/share/doc/keepalived4j/copyright")) {
            assertEquals("-rw-r--r--", modes.get(file), file + " in:\n" + r.out());
        }
        // The CDS archive is made by postinst for the installed JVM and path (docs/packaging.md).
        assertFalse(modes.keySet().stream().anyMatch(p -> p.endsWith(".jsa")), r.out());
    }

    @Test
    @Order(3)
    void installedFilesAndDatabase() throws IOException {
        assertTrue(Files.isExecutable(root.resolve("usr/sbin/keepalived")));
        // Trained on a daemon start in a private network namespace (cds-train.sh): ~6.7 MB; on -t: ~2.5 MB.
        assertTrue(Files.size(root.resolve("var/cache/keepalived4j/keepalived.jsa")) > 4_000_000,
                "postinst makes the CDS archive inside the dpkg root, trained on a daemon start");
        assertTrue(Files.readString(root.resolve("usr/share/doc/keepalived4j/copyright")).contains("Apache License"));
        Run verify = dpkg("--verify", "keepalived4j");
        assertEquals(0, verify.status(), verify.toString());
        assertEquals("", verify.out(), "files differ from md5sums");
        Run status = Run.of(List.of("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W", "-f=${Status}",
                "keepalived4j"));
        assertEquals("install ok installed", status.out(), status.toString());
    }

    @Test
    @Order(4)
    void installedLauncherRunsKeepalived() {
        Run v = keepalived(Map.of(), "--version");
        assertEquals(0, v.status(), v.toString());
        assertTrue(v.err().startsWith("Keepalived v2.2.7 compatible: keepalived4j " + version + " "), v.toString());

        Run t = keepalived(Map.of(), "-t", "-f", root.resolve("etc/keepalived/keepalived.conf").toString());
        assertEquals(0, t.status(), "the packaged sample must check clean:\n" + t);
        assertEquals("", t.err(), t.toString());
    }

    @Test
    @Order(5)
    void configurationErrorsGiveKeepalivedsStatusAndMessage() throws IOException {
        Path bad = Files.writeString(work.resolve("bad.conf"), "vrrp_instance VI_1 {\n    priority\n}\n");
        Run t = keepalived(Map.of(), "-t", "-f", bad.toString());
        assertEquals(2, t.status(), t.toString());
        assertTrue(t.err().contains("Line 2) *** Configuration line starting `priority` is missing a parameter after"
                + " keyword `priority` at word position 2"), t.toString());

        Run missing = keepalived(Map.of(), "-t", "-f", work.resolve("none.conf").toString());
        assertEquals(4, missing.status(), missing.toString());
    }

    @Test
    @Order(6)
    void theArchiveThatPostinstMadeIsUsed() throws IOException {
        Path log = work.resolve("classload.log");
        Run v = keepalived(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log), "--version");
        assertEquals(0, v.status(), v.toString());
        assertTrue(Files.readString(log).contains("org.keepalived4j.cli.Main source: shared objects file (top)"),
                "keepalived's classes must come from the CDS archive");
    }

    @Test
    @Order(7)
    void daemonThreadsBlockTheRealtimeSignalsUnderOnePid() throws Exception {
        boolean root0 = "0".equals(Run.of(List.of("id", "-u")).out().strip());
        if (!root0 || !Run.onPath("unshare")) {
            System.err.println("*** SKIPPED DebPackageIT.daemonThreads...: needs root and unshare (own network namespace)");
        }
        assumeTrue(root0 && Run.onPath("unshare"), "needs root");
        Path out = work.resolve("daemon.out");
        Path run = Files.createDirectories(work.resolve("run"));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        // Its own empty network namespace; pid files in the temp dir, not the host's /run.
        ProcessBuilder pb = new ProcessBuilder("unshare", "-n", root.resolve("usr/sbin/keepalived").toString(), "-n",
                "-l", "-p", run.resolve("keepalived.pid").toString(), "-r", run.resolve("vrrp.pid").toString(), "-f",
                root.resolve("etc/keepalived/keepalived.conf").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        pb.environment().put("TMPDIR", tmp.toString());   // where the dumps go
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.readString(out).contains("Startup complete") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(p.isAlive() && Files.readString(out).contains("Startup complete"), Files.readString(out));
            Path proc = Path.of("/proc", Long.toString(p.pid()));
            assertTrue(Files.readSymbolicLink(proc.resolve("exe")).toString().endsWith("/java"),
                    "unshare -> sh -> perl -> java must keep the pid that was started");
            try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
                List<Path> all = tasks.toList();
                assertTrue(all.size() > 5, "threads: " + all.size());
                boolean loop = false;
                for (Path t : all) {
                    if (Files.readString(t.resolve("comm")).strip().equals("vrrp-loop")) {
                        loop = true;
                        // per thread only as /proc/TID/timerslack_ns (task/TID/ has no such file)
                        assertEquals("1000", Files.readString(Path.of("/proc", t.getFileName().toString(),
                                "timerslack_ns")).strip(),
                                "the VRRP loop's timers end within 1 us (prctl PR_SET_TIMERSLACK)");
                    }
                    String blk = Files.readAllLines(t.resolve("status")).stream().filter(l -> l.startsWith("SigBlk:"))
                            .findFirst().orElseThrow().substring(7).strip();
                    long mask = Long.parseUnsignedLong(blk, 16);
                    assertEquals(LauncherTest.SIGNAL_BITS, mask & LauncherTest.SIGNAL_BITS,
                            "HUP, INT, USR1, USR2, TERM, 36 and 63 blocked in thread " + t + " (SigBlk " + blk + ")");
                }
                assertTrue(loop, "a thread named vrrp-loop");
            }
            assertTrue(Files.readString(proc.resolve("environ")).contains("_JAVA_SR_SIGNUM=40\0"));
            // SIGUSR2 is free for STATS (the JVM suspends threads with signal 40), and the blocked
            // real-time signals do not kill the daemon (their default action would).
            for (String sig : List.of("USR2", "36", "63")) {
                // the shell's built-in kill: procps (/usr/bin/kill) is not in minimal images
                assertEquals(0, Run.of(List.of("sh", "-c", "kill -s \"$0\" \"$1\"", sig, Long.toString(p.pid())))
                        .status(), sig);
            }
            Path stats = tmp.resolve("keepalived.stats");
            while (!Files.exists(stats) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(stats), "no keepalived.stats after SIGUSR2:\n" + Files.readString(out));
            Thread.sleep(500);
            assertTrue(p.isAlive(), "signals 36/63 must not kill the daemon:\n" + Files.readString(out));
            p.destroy();     // SIGTERM
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "no exit after SIGTERM");
            assertEquals(0, p.exitValue(), Files.readString(out));
        } finally {
            p.destroyForcibly();
            p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(100)
    void purgeRemovesEverythingAndStillLeavesTheHostAlone() {
        Run r = dpkg("--purge", "keepalived4j");
        assertEquals(0, r.status(), "dpkg --purge:\n" + r);
        for (String gone : List.of("usr/sbin/keepalived", "usr/share/keepalived4j", "var/cache/keepalived4j",
                "etc/keepalived/keepalived.conf", "etc/default/keepalived", "lib/systemd/system/keepalived.service")) {
            assertFalse(Files.exists(root.resolve(gone)), gone + " still there after purge");
        }
        assertNoHostCalls();
    }
}

package org.keepalived4j.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/keepalived, the launcher: how it finds java and the jar, the JVM options it passes,
 * and (with a real JVM running a probe jar) the signal mask and pid every JVM thread gets.
 */
class LauncherTest {
    private static final Path LAUNCHER = Run.basedir().resolve("packaging/keepalived");
    /** Bits 35 and 62: signals 36 (SIGRTMIN+2, JSON) and 63 (SIGRTMAX-1, STATS_CLEAR). */
    /** HUP, INT, USR1, USR2, TERM, 36 (JSON), 63 (STATS_CLEAR): bit N-1 for signal N. */
    static final long SIGNAL_BITS = (1L << 0) | (1L << 1) | (1L << 9) | (1L << 11) | (1L << 14) | (1L << 35) | (1L << 62);

    @TempDir
    Path dir;
    private Path tree;     // DIR/usr/sbin/keepalived + DIR/usr/share/keepalived4j/keepalived.jar

    @BeforeEach
    void installTree() throws IOException {
        tree = dir.resolve("root");
        Files.createDirectories(tree.resolve("usr/sbin"));
        Files.createDirectories(tree.resolve("usr/share/keepalived4j"));
        Files.copy(LAUNCHER, tree.resolve("usr/sbin/keepalived"));
        Files.setPosixFilePermissions(tree.resolve("usr/sbin/keepalived"), PosixFilePermissions.fromString("rwxr-xr-x"));
        probeJar(tree.resolve("usr/share/keepalived4j/keepalived.jar"));
    }

    @Test
    void realJvmThreadsAllBlockKeepalivedsSignalsAndKeepThePid() {
        assumeTrue(Run.onPath("perl"), "perl is not installed (the launcher then execs java directly)");
        Run r = launch(Map.of("JAVA", javaBin()), "-t", "two words");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("pid " + r.pid() + "\n"), "sh -> perl -> java must keep the pid:\n" + r);
        assertTrue(r.out().contains("sr 40\n"), r.toString());
        assertTrue(r.out().contains("args -t|two words\n"), r.toString());
        List<String> threads = r.out().lines().filter(l -> l.startsWith("thread ")).toList();
        assertTrue(threads.size() > 3, r.toString());
        for (String t : threads) {
            long mask = Long.parseUnsignedLong(t.substring(t.lastIndexOf(' ') + 1), 16);
            assertEquals(SIGNAL_BITS, mask & SIGNAL_BITS, "HUP, INT, USR1, USR2, TERM, 36 and 63 must be blocked in " + t);
        }
        assertEquals("", r.err(), "the launcher and the JVM must print nothing else");
    }

    @Test
    void withoutPerlJavaIsExecDirectlyAndNothingIsPrinted() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));   // a PATH with readlink but no perl
        Files.createSymbolicLink(bin.resolve("readlink"), Path.of("/usr/bin/readlink").toRealPath());
        Run r = launch(Map.of("JAVA", javaBin(), "PATH", bin.toString()), "-v");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("pid " + r.pid() + "\n") && r.out().contains("sr 40\n"), r.toString());
        assertEquals("", r.err(), r.toString());
    }

    @Test
    void passesTheDefaultJvmOptionsAndTheArchiveOnlyWhenItExists() throws IOException {
        Path fake = fakeJava("17.0.15");
        Run r = launch(Map.of("JAVA", fake.toString()), "-n", "--signum=JSON");
        assertEquals(0, r.status(), r.toString());
        String jar = tree.resolve("usr/share/keepalived4j/keepalived.jar").toRealPath().toString();
        assertTrue(r.out().contains(" -XX:+UseSerialGC ") && r.out().contains(" -Xshare:auto ")
                && r.out().contains(" -Xlog:cds=off -Xlog:cds+dynamic=off "), r.toString());
        assertTrue(r.out().strip().endsWith("-jar " + jar + " -n --signum=JSON"), r.toString());
        assertFalse(r.out().contains("SharedArchiveFile"), "no archive, no option:\n" + r);

        Path cache = Files.createDirectories(tree.resolve("var/cache/keepalived4j"));
        Files.write(cache.resolve("keepalived.jsa"), new byte[] {1});
        r = launch(Map.of("JAVA", fake.toString()), "-v");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" -XX:SharedArchiveFile=(\\S+) -jar ").matcher(r.out());
        assertTrue(m.find(), r.toString());
        assertEquals(cache.resolve("keepalived.jsa").toRealPath(), Path.of(m.group(1)).toRealPath(), r.toString());

        r = launch(Map.of("JAVA", fake.toString(), "KEEPALIVED4J_JVM_OPTS", "-Xmx99m -Xshare:off"), "-v");
        assertTrue(r.out().startsWith("java -Xrs -Xmx99m -Xshare:off -jar "),
                "the override replaces the options (-Xrs stays: the signals are read with signalfd):\n" + r);
    }

    @Test
    void javaHomeAndPathAreSearchedInOrder() throws IOException {
        Path fake = fakeJava("21.0.2");
        Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", fake.getParent().getParent().toString()));
        env.put("PATH", "/usr/bin:/bin");
        Run r = launch(env, "-v");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("java "), r.toString());
    }

    @Test
    void tooOldOrMissingJavaFailsWithOneLine() throws IOException {
        Run r = launch(Map.of("JAVA", fakeJava("11.0.22").toString()), "-v");
        assertEquals(1, r.status(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().startsWith("keepalived: java 17 or later is required"), r.toString());

        r = launch(Map.of("JAVA", fakeJava("1.8.0_392").toString()), "-v");
        assertTrue(r.status() == 1 && r.err().contains("is version 8 "), r.toString());

        r = launch(Map.of("JAVA", dir.resolve("nothing/java").toString()), "-v");
        assertTrue(r.status() == 1 && r.err().startsWith("keepalived: java is not an executable file"), r.toString());

        Files.delete(tree.resolve("usr/share/keepalived4j/keepalived.jar"));
        r = launch(Map.of("JAVA", javaBin()), "-v");
        assertTrue(r.status() == 1 && r.err().startsWith("keepalived: cannot find keepalived4j's jar at "),
                r.toString());
    }

    @Test
    void theOptionsLineIsOneObviousLine() throws IOException {
        List<String> lines = Files.readAllLines(LAUNCHER);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("JVM_OPTS_DEFAULT=\"")).count());
        assertTrue(lines.contains("export _JAVA_SR_SIGNUM=40"));
        assertEquals("#!/bin/sh", lines.get(0));
        assertEquals(0, Run.of(List.of("sh", "-n", LAUNCHER.toString())).status());
    }

    /** Runs DIR/usr/sbin/keepalived with a clean environment plus {@code env}. */
    private Run launch(Map<String, String> env, String... args) {
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String unset : List.of("JAVA", "JAVA_HOME", "KEEPALIVED4J_JAR", "KEEPALIVED4J_JSA", "KEEPALIVED4J_JVM_OPTS",
                "KEEPALIVED4J_CDS_DUMP", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS")) {
            e.putIfAbsent(unset, null);
        }
        List<String> cmd = new java.util.ArrayList<>(List.of(tree.resolve("usr/sbin/keepalived").toString()));
        cmd.addAll(List.of(args));
        return Run.of(cmd, e, Duration.ofSeconds(60));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** DIR/jdk-V/bin/java printing "java ARGS" and a release file saying V. */
    private Path fakeJava(String version) throws IOException {
        Path home = dir.resolve("jdk-" + version);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho java \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** A jar whose Main-Class is SigMaskProbe, copied from the test classes. */
    private static void probeJar(Path jar) throws IOException {
        String entry = SigMaskProbe.class.getName().replace('.', '/') + ".class";
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SigMaskProbe.class.getName());
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, m);
             var in = SigMaskProbe.class.getClassLoader().getResourceAsStream(entry)) {
            j.putNextEntry(new JarEntry(entry));
            in.transferTo(j);
            j.closeEntry();
        }
    }
}

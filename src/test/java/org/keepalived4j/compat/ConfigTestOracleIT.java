package org.keepalived4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keepalived4j.it.NetLab;

/**
 * Live comparison with the real keepalived 2.2.7: every config of the corpus and the seed is
 * checked by {@code keepalived -t} and by ours, inside one namespace with interfaces eth0..eth3
 * and ens18. Exit codes must be equal, and every line keepalived reports must be reported by us.
 * Deliberate differences: docs/compatibility.md.
 */
class ConfigTestOracleIT {
    private static final Pattern LINE = Pattern.compile("Line (\\d+)\\)");
    private static final Path RESOURCES = Path.of("src/test/resources");
    private static String ns;

    @BeforeAll
    static void namespace() throws IOException {
        boolean ok = NetLab.available() && NetLab.installed("keepalived");
        if (!ok) {
            System.err.println("*** ConfigTestOracleIT SKIPPED: needs root, iproute2 and keepalived ***");
        }
        assumeTrue(ok);
        ns = "k4joracle" + ProcessHandle.current().pid();
        NetLab.run("ip", "netns", "add", ns);
        for (String i : List.of("eth0", "eth1", "eth2", "eth3", "ens18")) {
            NetLab.run("ip", "-n", ns, "link", "add", i, "type", "veth", "peer", "name", "p" + i);
            NetLab.run("ip", "-n", ns, "link", "set", i, "up");
        }
    }

    @AfterAll
    static void cleanup() throws IOException {
        if (ns != null) {
            NetLab.run("ip", "netns", "del", ns);
        }
    }

    record Outcome(int exit, String output, Set<Integer> lines) {
    }

    static Outcome check(String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(cmd));
        Process p = new ProcessBuilder(c).directory(RESOURCES.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + c);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Set<Integer> lines = new TreeSet<>();
        Matcher m = LINE.matcher(out);
        while (m.find()) {
            lines.add(Integer.parseInt(m.group(1)));
        }
        return new Outcome(p.exitValue(), out, lines);
    }

    @Test
    void sameExitCodesAndLinesAsKeepalived() throws IOException, InterruptedException {
        String jar = Path.of(System.getProperty("keepalived4j.jar", "target/keepalived.jar")).toAbsolutePath().toString();
        List<String> files = new ArrayList<>();
        for (String dir : List.of("corpus", "seed")) {
            try (Stream<Path> s = Files.list(RESOURCES.resolve(dir))) {
                s.map(p -> dir + "/" + p.getFileName()).sorted().forEach(files::add);
            }
        }
        List<String> failures = new ArrayList<>();
        System.out.printf("%-45s %9s %5s  %s%n", "config", "keepalived", "ours", "lines keepalived reported");
        for (String f : files) {
            Outcome ka = check("keepalived", "-t", "-f", f);
            Outcome us = check("java", "-jar", jar, "-t", "-f", f);
            boolean same = ka.exit() == us.exit() && us.lines().containsAll(ka.lines());
            System.out.printf("%-45s %9d %5d  %s %s%n", f, ka.exit(), us.exit(), ka.lines(), same ? "" : "MISMATCH");
            if (!same) {
                failures.add(f + ": keepalived exit " + ka.exit() + " lines " + ka.lines() + "\n" + ka.output()
                        + "\nours exit " + us.exit() + " lines " + us.lines() + "\n" + us.output());
            }
        }
        assertEquals(List.of(), failures);
    }
}

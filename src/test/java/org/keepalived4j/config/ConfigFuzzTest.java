package org.keepalived4j.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.testutil.ConfigFixture;

/**
 * Feeds 100,000 random and mutated configurations (from keepalived's samples and the seed,
 * fixed random seed) through the whole pipeline. Every input must end in diagnostics: no
 * exception, no hang (the whole run is bounded; a stuck input is named), no unbounded memory.
 */
class ConfigFuzzTest {
    static final int INPUTS = Integer.getInteger("fuzz.inputs", 100_000);
    static final String[] FRAGMENTS = {"{", "}", "\"", "'", "!", "#", "\\", "$", "${X}", "$X", "$X=abc", "$Y=$Y $Y",
        "$M=a\\", "~SEQ(i,1,3) ", "~SEQ(i,1,2000000000) x", "~SEQx(i,0,255) ", "~LST(v,a,b) ", "~LST({a,b},{1,2}) ",
        "@lb1 ", "@^lb1 ", "include ", "includea ", "vrrp_instance", "virtual_server", "real_server", "TCP_CHECK",
        "virtual_ipaddress", "99999999999999999999", "-1", "0.0000001", "1.5", "255", "256", "198.51.100.1/24",
        "2001:db8::1/64", "dev", "eth0", "state", "priority", "authentication", "auth_pass", "global_defs",
        "\u0000", "\u00e9", "\t", " ", "\r", "interval", "script", "notify", "track_script", "unicast_peer"};

    @TempDir
    Path dir;

    static List<List<String>> seeds() throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (String d : List.of("corpus", "seed", "diagnostics")) {
            try (Stream<Path> s = Files.list(Path.of("src/test/resources", d))) {
                for (Path p : s.filter(x -> !x.toString().endsWith(".expected")).sorted().toList()) {
                    out.add(Files.readAllLines(p, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return out;
    }

    static String mutate(List<String> seed, Random r, Path dir) {
        List<String> lines = new ArrayList<>(seed);
        int ops = 1 + r.nextInt(6);
        for (int k = 0; k < ops && !lines.isEmpty(); k++) {
            int i = r.nextInt(lines.size());
            switch (r.nextInt(10)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(r.nextInt(lines.size())));
                case 2 -> {
                    int j = r.nextInt(lines.size());
                    String t = lines.get(i);
                    lines.set(i, lines.get(j));
                    lines.set(j, t);
                }
                case 3 -> lines.set(i, insert(lines.get(i), FRAGMENTS[r.nextInt(FRAGMENTS.length)], r));
                case 4 -> lines.add(i, FRAGMENTS[r.nextInt(FRAGMENTS.length)] + " " + FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
                case 5 -> lines.set(i, lines.get(i).substring(0, r.nextInt(lines.get(i).length() + 1)));
                case 6 -> lines.add(i, (r.nextBoolean() ? "include " : "includer ")
                        + (r.nextBoolean() ? dir.resolve("keepalived.conf") : dir.resolve("*.conf")));
                case 7 -> {
                    char[] c = lines.get(i).toCharArray();
                    if (c.length > 0) {
                        c[r.nextInt(c.length)] = (char) r.nextInt(256);
                        lines.set(i, new String(c));
                    }
                }
                case 8 -> lines.set(i, lines.get(i) + " " + "x".repeat(r.nextInt(3000)));
                default -> lines.add(i, "$X=" + FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
            }
        }
        return String.join(r.nextInt(20) == 0 ? "\r\n" : "\n", lines);
    }

    static String insert(String s, String f, Random r) {
        int at = r.nextInt(s.length() + 1);
        return s.substring(0, at) + f + s.substring(at);
    }

    static String random(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
            b.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]).append(r.nextInt(4) == 0 ? "\n" : " ");
        }
        return b.toString();
    }

    @Test
    void neverThrowsNeverHangs() throws IOException {
        List<List<String>> seeds = seeds();
        Random r = new Random(20261125L);
        Path file = dir.resolve("keepalived.conf");
        Map<Integer, Integer> exits = new TreeMap<>();
        String[] current = {""};
        long start = System.nanoTime();
        try {
            assertTimeoutPreemptively(Duration.ofMinutes(8), () -> {
                for (int n = 0; n < INPUTS; n++) {
                    String text = n % 10 == 0 ? random(r) : mutate(seeds.get(r.nextInt(seeds.size())), r, dir);
                    current[0] = text;
                    Files.writeString(file, text, StandardCharsets.ISO_8859_1);
                    ConfigLoader.Result res;
                    try {
                        res = ConfigLoader.load(new ConfigLoader.Options("keepalived.conf", dir, "lb1",
                                ConfigFixture.HOST));
                    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                        throw new AssertionError("input " + n + " threw " + e + "\n---\n" + text, e);
                    }
                    assertNotNull(res.diagnostics().all());
                    exits.merge(res.configTestExitCode(), 1, Integer::sum);
                }
            }, () -> "stuck on input:\n" + current[0]);
        } catch (AssertionError e) {
            fail(e.getMessage(), e);
        }
        System.out.printf("ConfigFuzzTest: %d inputs in %.1f s; -t exit codes: %s%n", INPUTS,
                (System.nanoTime() - start) / 1e9, exits);
        assertTrue(exits.size() >= 3, "the inputs reach several outcomes: " + exits);
    }
}

package org.keepalived4j.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds at least 100,000 inputs, generated deterministically (fixed random seed) from
 * keepalived's sample configs, the seed's configs and the diagnostics fixtures by mutation,
 * through the whole pipeline ({@link ConfigLoader#load}) with a fixed {@link HostInfo} (eth0, eth1,
 * lo). Every input must end in diagnostics: no exception or error escapes, and each load finishes
 * within a generous per-input bound of 10 s (this bounds hangs; it is not a speed assertion). Prints how many inputs produced each
 * {@code -t} exit code and the slowest input.
 *
 * <p>Mutations: delete / duplicate / swap lines, braces, quotes, comments, {@code $X},
 * {@code ${X}}, {@code $X=...} (also multi-line and self-referencing) definitions, {@code ~SEQ},
 * {@code ~LST}, {@code @id} / {@code @^id}, {@code include} of a sibling file, of itself and of
 * globs, random bytes (NUL, high bytes, CR), truncation of a line or of the whole file, huge and
 * negative numbers, long lines. {@code -Dfuzz.inputs=N} changes the count.
 */
class ConfigFuzzTest {
    static final int INPUTS = Integer.getInteger("fuzz.inputs", 100_000);
    static final long SEED = 20261125L;
    static final Duration PER_INPUT = Duration.ofSeconds(10);
    static final HostInfo HOST = new HostInfo(Set.of("eth0", "eth1", "lo"), "lb1");
    static final String MAIN = "keepalived.conf";
    static final String SIBLING = "sibling.conf";
    /** Worker threads; fixed (not the core count) so the generated inputs are the same everywhere. */
    static final int LANES = 2;

    static final String[] FRAGMENTS = {"{", "}", "{ }", "}}", "{{", "\"", "\"\"", "'", "\"a b\"", "!", "#", "\\",
        "$", "$$", "${X}", "${", "${}", "$X", "$X=abc", "$X=", "$Y=$Y $Y", "$Z=${Z}", "$M=a\\", "$X=~SEQ(i,1,3) $i",
        "~SEQ(i,1,3) $i", "~SEQ(i,1,2000000000) x", "~SEQ(i,3,1,-1) $i", "~SEQ(i,1,0)", "~SEQ(", "~SEQx(i,0,255) ",
        "~LST(v,a,b) $v", "~LST({a,b},{1,2}) ", "~LST(", "@lb1 ", "@^lb1 ", "@other ", "@", "@^", "include ",
        "includea ", "includer ", "includem ", "vrrp_instance", "vrrp_sync_group", "virtual_server", "real_server",
        "TCP_CHECK", "HTTP_GET", "virtual_ipaddress", "virtual_router_id", "99999999999999999999999", "-1",
        "-2147483649", "4294967296", "1e309", "0.0000001", "1.5", "255", "256", "198.51.100.1/24",
        "203.0.113.300/33", "2001:db8::1/64", "2001:db8:::1", "dev", "eth0", "eth9", "lo", "state", "MASTER",
        "priority", "authentication", "auth_pass", "global_defs", "\u0000", "\u00e9", "\u00ff", "\t", " ", "\r",
        "interval", "script", "notify", "track_script", "unicast_peer", "enable_script_security"};

    @TempDir
    Path dir;

    static List<List<String>> seeds() throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (String d : List.of("corpus", "seed", "diagnostics")) {
            Path p = Path.of("src/test/resources", d);
            if (!Files.isDirectory(p)) {
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                for (Path f : s.filter(x -> !x.toString().endsWith(".expected")).sorted().toList()) {
                    out.add(Files.readAllLines(f, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return out;
    }

    /** One generated input: the main file's text and, when it includes it, the sibling's. */
    record Input(String main, String sibling) {
    }

    static String frag(Random r) {
        return FRAGMENTS[r.nextInt(FRAGMENTS.length)];
    }

    static String insert(String s, String f, Random r) {
        int at = r.nextInt(s.length() + 1);
        return s.substring(0, at) + f + s.substring(at);
    }

    static String randomBytes(Random r, int max) {
        char[] c = new char[1 + r.nextInt(max)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) r.nextInt(256);
        }
        return new String(c);
    }

    static String hugeNumber(String line, Random r) {
        String[] huge = {"99999999999999999999999999999", "-1", "-2147483649", "2147483648", "4294967296",
            "18446744073709551616", "1e309", "0x7fffffff", "00000000000000000001", "1.99999999999999999999"};
        String n = huge[r.nextInt(huge.length)];
        String replaced = line.replaceFirst("\\d+", n);
        return replaced.equals(line) ? line + " " + n : replaced;
    }

    static Input mutate(List<String> seed, Random r, Path dir) {
        List<String> lines = new ArrayList<>(seed);
        if (lines.isEmpty()) {
            lines.add("");
        }
        String sibling = null;
        int ops = 1 + r.nextInt(6);
        for (int k = 0; k < ops; k++) {
            if (lines.isEmpty()) {
                lines.add(frag(r));
            }
            int i = r.nextInt(lines.size());
            String line = lines.get(i);
            switch (r.nextInt(16)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(r.nextInt(lines.size())));
                case 2 -> {
                    int j = r.nextInt(lines.size());
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
                case 3 -> lines.set(i, insert(line, r.nextBoolean() ? "{" : "}", r));
                case 4 -> lines.set(i, insert(line, r.nextBoolean() ? "\"" : "'", r));
                case 5 -> lines.set(i, insert(line, frag(r), r));
                case 6 -> lines.add(i, frag(r) + " " + frag(r) + (r.nextBoolean() ? " " + frag(r) : ""));
                case 7 -> lines.add(i, switch (r.nextInt(6)) {
                    case 0 -> "$X=" + line;
                    case 1 -> "$X=" + frag(r) + " \\";
                    case 2 -> "${X}";
                    case 3 -> "$X " + line;
                    case 4 -> "$A=$B\n$B=$A\n$A";
                    default -> "$X=" + frag(r) + "\n" + line.replaceFirst("\\S+", "\\$X");
                });
                case 8 -> lines.add(i, "~SEQ(i," + (r.nextInt(5) - 1) + "," + r.nextInt(40) + ") " + line);
                case 9 -> lines.set(i, (r.nextBoolean() ? "@lb1 " : r.nextBoolean() ? "@^lb1 " : "@x ") + line);
                case 10 -> {
                    // include of a sibling file (written with this input), of itself, or of a glob
                    switch (r.nextInt(5)) {
                        case 0, 1 -> {
                            sibling = String.join("\n", seed.subList(0, Math.min(seed.size(), r.nextInt(30))))
                                    + (r.nextBoolean() ? "\n" + frag(r) : "")
                                    + (r.nextInt(4) == 0 ? "\ninclude " + MAIN : "");
                            lines.add(i, "include " + (r.nextBoolean() ? SIBLING : dir.resolve(SIBLING)));
                        }
                        case 2 -> lines.add(i, "include " + (r.nextBoolean() ? MAIN : dir.resolve(MAIN)));
                        case 3 -> lines.add(i, (r.nextBoolean() ? "include " : "includer ") + dir.resolve("*.conf"));
                        default -> lines.add(i, "include" + (r.nextBoolean() ? " " : "a ")
                                + dir.resolve(r.nextBoolean() ? "missing.conf" : "{a,b}[x"));
                    }
                }
                case 11 -> {
                    String b = randomBytes(r, 16);
                    lines.set(i, r.nextBoolean() ? insert(line, b, r) : b);
                }
                case 12 -> lines.set(i, line.substring(0, r.nextInt(line.length() + 1)));
                case 13 -> lines.set(i, hugeNumber(line, r));
                case 14 -> lines.set(i, line + " " + (r.nextInt(50) == 0 ? "y".repeat(100_000)
                        : "x".repeat(r.nextInt(3000)) + (r.nextBoolean() ? " " + frag(r) : "")));
                default -> {
                    // truncate the whole file at a random point
                    int cut = r.nextInt(lines.size());
                    lines.subList(cut + 1, lines.size()).clear();
                    lines.set(cut, lines.get(cut).substring(0, r.nextInt(lines.get(cut).length() + 1)));
                }
            }
        }
        String eol = r.nextInt(20) == 0 ? "\r\n" : "\n";
        return new Input(String.join(eol, lines) + (r.nextBoolean() ? eol : ""), sibling);
    }

    static Input random(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
            b.append(r.nextInt(8) == 0 ? randomBytes(r, 8) : frag(r)).append(r.nextInt(4) == 0 ? "\n" : " ");
        }
        return new Input(b.toString(), null);
    }

    /** Overwrites one file in place (ISO-8859-1: every char 0..255 becomes exactly that byte). */
    static void write(Path file, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    static String preview(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000) + "\n... (" + s.length() + " chars)";
    }

    /** One lane: its own directory (main file, sibling) so two lanes can load at the same time. */
    record Lane(Path dir, ConfigLoader.Options options) {
        static Lane in(Path root, int k) throws IOException {
            Path d = Files.createDirectories(root.resolve("lane" + k));
            write(d.resolve(SIBLING), "global_defs {\n}\n");
            return new Lane(d, new ConfigLoader.Options(MAIN, d, "lb1", HOST));
        }
    }

    /** Writes the input into the lane's files and loads it; any throwable becomes a failure naming the input. */
    static ConfigLoader.Result load(Lane lane, int n, Input in) throws IOException {
        write(lane.dir().resolve(MAIN), in.main());
        if (in.sibling() != null) {
            write(lane.dir().resolve(SIBLING), in.sibling());
        }
        try {
            return ConfigLoader.load(lane.options());
        } catch (Throwable e) {
            throw new AssertionError(describe(n, in, "threw " + e), e);
        }
    }

    static String describe(int n, Input in, String what) {
        return "input " + n + " (seed " + SEED + ") " + what + "\n--- keepalived.conf:\n" + preview(in.main())
                + (in.sibling() != null ? "\n--- sibling.conf:\n" + preview(in.sibling()) : "");
    }

    /**
     * Inputs are generated in order by one fixed-seed Random on the test thread and loaded by
     * {@link #LANES} reusable worker threads; the test thread waits for each input at most
     * {@link #PER_INPUT}. (This is assertTimeoutPreemptively per input without its cost of a new
     * thread per call, which is ~0.5 ms x 100,000.) The whole run is bounded as well.
     */
    @Test
    void neverThrowsNeverHangs() throws Exception {
        List<List<String>> seeds = seeds();
        assertTrue(seeds.size() >= 20, "the corpus and seed configs are there: " + seeds.size());
        Lane[] lanes = new Lane[LANES];
        for (int k = 0; k < LANES; k++) {
            lanes[k] = Lane.in(dir, k);
        }
        Random r = new Random(SEED);
        Map<Integer, Integer> exits = new TreeMap<>();
        long[] slowest = {0, -1};
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(LANES, task -> {
            Thread t = new Thread(task, "fuzz-lane");
            t.setDaemon(true); // a stuck input must not keep the test JVM alive
            return t;
        });
        try {
            assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
                Input[] batch = generate(0, seeds, r, lanes);
                for (int first = 0; first < INPUTS; first += LANES) {
                    List<Future<ConfigLoader.Result>> running = new ArrayList<>();
                    long[] started = new long[LANES];
                    for (int k = 0; k < LANES && first + k < INPUTS; k++) {
                        int n = first + k;
                        Input in = batch[k];
                        Lane lane = lanes[k];
                        started[k] = System.nanoTime();
                        running.add(pool.submit(() -> load(lane, n, in)));
                    }
                    Input[] current = batch;
                    batch = generate(first + LANES, seeds, r, lanes); // overlaps with the loads
                    for (int k = 0; k < running.size(); k++) {
                        int n = first + k;
                        ConfigLoader.Result res = await(running.get(k), started[k], n, current[k]);
                        long took = System.nanoTime() - started[k];
                        if (took > slowest[0]) {
                            slowest[0] = took;
                            slowest[1] = n;
                        }
                        assertNotNull(res, "input " + n);
                        assertNotNull(res.diagnostics(), "input " + n);
                        assertNotNull(res.diagnostics().all(), "input " + n);
                        exits.merge(res.configTestExitCode(), 1, Integer::sum);
                    }
                }
            });
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("ConfigFuzzTest: %d inputs (seed %d) in %.1f s on %d lanes, slowest #%d %.0f ms; -t exit "
                + "codes (code=inputs): %s%n", INPUTS, SEED, (System.nanoTime() - start) / 1e9, LANES, slowest[1],
                slowest[0] / 1e6, exits);
        assertTrue(exits.size() >= 3, "the inputs reach several outcomes: " + exits);
    }

    static Input[] generate(int first, List<List<String>> seeds, Random r, Lane[] lanes) {
        Input[] out = new Input[LANES];
        for (int k = 0; k < LANES && first + k < INPUTS; k++) {
            int n = first + k;
            out[k] = n % 10 == 0 ? random(r) : mutate(seeds.get(r.nextInt(seeds.size())), r, lanes[k].dir());
        }
        return out;
    }

    static ConfigLoader.Result await(Future<ConfigLoader.Result> f, long startedNanos, int n, Input in)
            throws InterruptedException {
        long left = PER_INPUT.toNanos() - (System.nanoTime() - startedNanos);
        try {
            return f.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(describe(n, in, "did not finish within " + PER_INPUT.toSeconds() + " s"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(describe(n, in, "threw " + cause), cause);
        }
    }
}

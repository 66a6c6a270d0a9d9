package org.keepalived4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keepalived4j.testutil.ConfigFixture;

/**
 * Every sample config of keepalived and every config of the seed, checked against what real
 * keepalived 2.2.7 reported for it (oracle-keepalived-2.2.7.txt, recorded in a namespace with
 * the same interfaces as {@link ConfigFixture#HOST}): same -t exit status, and every line
 * keepalived reported is reported by us. ConfigTestOracleIT re-runs keepalived live.
 */
class CorpusGoldenTest {
    static final Path RESOURCES = Path.of("src/test/resources");
    private static final Pattern LINE = Pattern.compile("Line (\\d+)\\)");

    record Golden(String file, int exit, Set<Integer> lines) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Golden> golden() throws IOException {
        List<Golden> out = new ArrayList<>();
        for (String l : Files.readAllLines(RESOURCES.resolve("oracle-keepalived-2.2.7.txt"))) {
            if (l.startsWith("#") || l.isBlank()) {
                continue;
            }
            String[] f = l.split(" ");
            Set<Integer> lines = new TreeSet<>();
            if (!f[2].equals("-")) {
                for (String n : f[2].split(",")) {
                    lines.add(Integer.parseInt(n));
                }
            }
            out.add(new Golden(f[0], Integer.parseInt(f[1]), lines));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void sameExitCodeAndLinesAsKeepalived(Golden g) {
        assertTrue(Files.exists(RESOURCES.resolve(g.file())), g.file());
        ConfigLoader.Result r = ConfigLoader.load(new ConfigLoader.Options(g.file(), RESOURCES.toAbsolutePath(), null,
                ConfigFixture.HOST));
        List<String> out = ConfigFixture.output(r);
        Set<Integer> ours = new TreeSet<>();
        for (String line : out) {
            Matcher m = LINE.matcher(line);
            while (m.find()) {
                ours.add(Integer.parseInt(m.group(1)));
            }
        }
        assertEquals(g.exit(), r.configTestExitCode(), () -> g.file() + " exit status; our output:\n" + String.join("\n", out));
        assertTrue(ours.containsAll(g.lines()), () -> g.file() + ": keepalived reported lines " + g.lines()
                + ", we reported " + ours + ":\n" + String.join("\n", out));
    }
}

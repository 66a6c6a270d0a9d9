package org.keepalived4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keepalived4j.testutil.ConfigFixture;

/**
 * Small configurations exercising one diagnostic each (src/test/resources/diagnostics/*.conf),
 * with what real keepalived 2.2.7 printed for them (*.expected): the same messages, the same
 * lines, the same -t status. keepalived prints a message once per process that parses the
 * block, in a process-dependent form; both sides are normalised to {@code (Line N)} and
 * compared as sets.
 */
class DiagnosticsGoldenTest {
    static final Path DIR = Path.of("src/test/resources/diagnostics");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameMessagesAsKeepalived(String name) throws IOException {
        List<String> expected = Files.readAllLines(DIR.resolve(name + ".expected")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        int exit = Integer.parseInt(expected.get(0).substring("exit ".length()));
        ConfigLoader.Result r = ConfigLoader.load(new ConfigLoader.Options(name + ".conf", DIR.toAbsolutePath(), null,
                ConfigFixture.HOST));
        TreeSet<String> ours = new TreeSet<>();
        for (String l : ConfigFixture.output(r)) {
            ours.add(l.replace("(" + name + ".conf: Line", "(Line"));
        }
        assertEquals(new TreeSet<>(expected.subList(1, expected.size())), ours, name);
        assertEquals(exit, r.configTestExitCode(), name + " exit status");
    }
}

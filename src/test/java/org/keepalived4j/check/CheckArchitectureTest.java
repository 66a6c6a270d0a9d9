package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The checker logic is pure domain code (ARCHITECTURE.md): org.keepalived4j.check uses the JDK,
 * config and util only, no threads or clocks; netty lives in check.io alone.
 */
class CheckArchitectureTest {
    private static final Path SRC = Path.of("src/main/java/org/keepalived4j");

    @Test
    void checkerLogicIsPure() throws IOException {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.list(SRC.resolve("check"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String t = line.strip();
                    if (t.startsWith("import ") && !(t.startsWith("import java.") || t.startsWith("import static java.")
                            || t.startsWith("import org.keepalived4j.config.") || t.startsWith("import org.keepalived4j.util.")
                            || t.startsWith("import org.keepalived4j.check."))) {
                        bad.add(f + ": " + t);
                    }
                    for (String w : List.of("System.nanoTime", "System.currentTimeMillis", "new Thread", "synchronized",
                            "java.util.concurrent", "Thread.sleep")) {
                        if (t.contains(w) && !t.startsWith("*") && !t.startsWith("//")) {
                            bad.add(f + ": uses " + w);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void onlyCheckIoUsesNetty() throws IOException {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SRC)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.startsWith(SRC.resolve("check/io"))) {
                    continue;
                }
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("import io.netty.")) {
                        bad.add(f + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }
}

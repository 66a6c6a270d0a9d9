package org.keepalived4j.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Tracking arithmetic and notify planning are pure domain code: no processes, threads, clocks or
 * I/O; the script runner (org.keepalived4j.script) is used only by the daemon and the checkers.
 */
class TrackingArchitectureTest {
    private static final Path SRC = Path.of("src/main/java/org/keepalived4j");

    @Test
    void trackAndNotifyArePure() throws IOException {
        List<String> bad = new ArrayList<>();
        for (String pkg : List.of("vrrp/track", "vrrp/notify", "vrrp/runtime/TrackedObjects.java")) {
            try (Stream<Path> files = Files.walk(SRC.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        String t = line.strip();
                        if (t.startsWith("import ") && !(t.startsWith("import java.util") || t.startsWith("import org.keepalived4j.config.")
                                || t.startsWith("import org.keepalived4j.vrrp.") || t.startsWith("import org.keepalived4j.util."))) {
                            bad.add(f + ": " + t);
                        }
                        for (String w : List.of("System.nanoTime", "ProcessBuilder", "new Thread", "java.nio.file", "java.util.concurrent")) {
                            if (t.contains(w) && !t.startsWith("*") && !t.startsWith("//")) {
                                bad.add(f + ": uses " + w);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }
}

package org.keepalived4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md, checked by scanning imports: util uses the JDK only; config
 * uses util and itself only (no JNR, Netty, logging, threads or clocks); nothing but net may
 * import JNR.
 */
class ArchitectureTest {
    private static final Path SRC = Path.of("src/main/java/org/keepalived4j");

    private static List<String> violations(String pkg, List<String> allowedPrefixes, List<String> forbiddenText)
            throws IOException {
        return violations(pkg, Integer.MAX_VALUE, allowedPrefixes, forbiddenText);
    }

    /** @param maxDepth 1 for the package's own files only (not its subpackages) */
    private static List<String> violations(String pkg, int maxDepth, List<String> allowedPrefixes,
                                           List<String> forbiddenText) throws IOException {
        List<String> bad = new ArrayList<>();
        Path dir = SRC.resolve(pkg);
        if (!Files.isDirectory(dir)) {
            return bad;
        }
        try (Stream<Path> files = Files.walk(dir, maxDepth)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String t = line.strip();
                    if (t.startsWith("import ")) {
                        String imp = t.substring(7).replace("static ", "").replace(";", "");
                        if (allowedPrefixes.stream().noneMatch(imp::startsWith)) {
                            bad.add(f + ": " + t);
                        }
                    }
                    for (String word : forbiddenText) {
                        if (t.contains(word) && !t.startsWith("*") && !t.startsWith("//")) {
                            bad.add(f + ": uses " + word);
                        }
                    }
                }
            }
        }
        return bad;
    }

    @Test
    void utilUsesTheJdkOnly() throws IOException {
        assertEquals(List.of(), violations("util", List.of("java.", "org.keepalived4j.util"), List.of()));
    }

    @Test
    void configIsPureDomainCode() throws IOException {
        assertEquals(List.of(), violations("config", List.of("java.", "org.keepalived4j.config", "org.keepalived4j.util"),
                List.of("System.nanoTime", "System.currentTimeMillis", "new Thread", "synchronized")));
    }

    /**
     * The checker logic is domain code: its I/O (Netty, processes, net) lives in check.io behind
     * the CheckIo port, so the port's types come from check, config or util, never from the
     * script runner (hence ScriptOutcome lives in util).
     */
    @Test
    void checkerLogicIsPureDomainCode() throws IOException {
        assertEquals(List.of(), violations("check", 1,
                List.of("java.", "org.keepalived4j.check", "org.keepalived4j.config", "org.keepalived4j.util"),
                List.of("System.nanoTime", "System.currentTimeMillis", "new Thread", "synchronized")));
    }

    @Test
    void onlyNetImportsJnr() throws IOException {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SRC)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.startsWith(SRC.resolve("net"))) {
                    continue;
                }
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("import jnr.") || line.startsWith("import com.kenai.")) {
                        bad.add(f + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }
}

package org.keepalived4j.config.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.testutil.ConfigFixture;

/** A definition cycle through ~SEQ (found by fuzzing: it hung, or ran out of memory). */
class GeneratorRecursionTest {
    @TempDir
    Path dir;

    private List<String> check(String text) {
        ConfigLoader.Result r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ConfigFixture.load(dir, text));
        assertEquals(5, r.configTestExitCode());
        return r.diagnostics().configTestOutput().stream().map(Diagnostic::render).toList();
    }

    @Test
    void aDefinitionThatExpandsToAGeneratorOfItselfIsRefused() {
        assertEquals(List.of("(Line 3) ~SEQ/~LST '~SEQ(i,1,0)$A' expands to itself (recursive definition) - ignoring"),
                check("$B=~SEQ(i,1,0)$A\n$A=$B\n$A\n").stream().distinct().toList());
        assertTrue(check("$B=~SEQ(i,1,2) $A\n$A=$B\n$A\n").get(0).contains("expands to itself"));
    }

    @Test
    void legitimateNestedGeneratorsStillExpand() {
        ConfigLoader.Result r = ConfigFixture.load(dir, "$K=x\n~SEQ(i,1,3) ~SEQ(j,1,2) kw_${K}${i}${j}\n");
        List<String> unknown = r.diagnostics().all().stream().map(Diagnostic::message)
                .filter(m -> m.startsWith("Unknown keyword 'kw_")).toList();
        assertEquals(List.of("Unknown keyword 'kw_x11'", "Unknown keyword 'kw_x12'", "Unknown keyword 'kw_x21'",
                "Unknown keyword 'kw_x22'", "Unknown keyword 'kw_x31'", "Unknown keyword 'kw_x32'"), unknown);
    }

    @Test
    void aMultiLineDefinitionUsingItselfIsRefused() {
        // found by ConfigFuzzTest: keepalived 2.2.7 itself never finishes on this
        List<String> out = check("$X=$M=a\\\n $X\n${X}\n");
        assertTrue(out.contains("(Line 3) Parameter substitution on line '$X' is recursive"), out.toString());
    }

    @Test
    void multiLineDefinitionsStillExpand() {
        ConfigLoader.Result r = ConfigFixture.load(dir, "$M=kw_a\\\nkw_b\n$M\n");
        List<String> unknown = r.diagnostics().all().stream().map(Diagnostic::message)
                .filter(m -> m.startsWith("Unknown keyword 'kw_")).toList();
        assertEquals(List.of("Unknown keyword 'kw_a'", "Unknown keyword 'kw_b'"), unknown);
    }
}

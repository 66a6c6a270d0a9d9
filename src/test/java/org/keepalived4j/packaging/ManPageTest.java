package org.keepalived4j.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/man/*.md through the build's converter (src/build/java/Md2Man.java, run as the build runs
 * it): the roff has the sections, renders without warnings (groff, man), and the keepalived(8)
 * page documents every option KeepalivedCommand accepts.
 */
class ManPageTest {
    private static final Path MAN_SRC = Run.basedir().resolve("docs/man");
    private static final List<String> PAGES = List.of("keepalived.8", "keepalived.conf.5");

    @TempDir
    static Path out;

    @BeforeAll
    static void convert() {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Run.basedir().resolve("src/build/java/Md2Man.java").toString(), "--version", "9.9.9", "--date",
                "2026-01-02", "--out", out.toString()));
        PAGES.forEach(p -> cmd.add(MAN_SRC.resolve(p + ".md").toString()));
        Run r = Run.of(cmd, Map.of(), Duration.ofSeconds(120));
        assertEquals(0, r.status(), r.toString());
    }

    @Test
    void roffHasTheTitleAndTheSections() throws IOException {
        String eight = Files.readString(out.resolve("keepalived.8"));
        assertTrue(eight.contains("\n.TH \"KEEPALIVED\" 8 \"2026-01-02\" \"keepalived4j 9.9.9\""), eight);
        for (String sh : List.of("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "SIGNALS", "EXIT STATUS", "ENVIRONMENT",
                "FILES", "NOT IMPLEMENTED", "SEE ALSO")) {
            assertTrue(eight.contains("\n.SH \"" + sh + "\"\n"), "keepalived.8 lacks .SH " + sh);
        }
        assertTrue(eight.contains("\nkeepalived \\- "), "NAME must be 'keepalived \\- ...' for whatis/apropos");
        String five = Files.readString(out.resolve("keepalived.conf.5"));
        assertTrue(five.contains("\n.TH \"KEEPALIVED.CONF\" 5 "), five);
        for (String sh : List.of("NAME", "DESCRIPTION", "LEXICAL RULES", "TOP-LEVEL KEYWORDS", "VRRP_INSTANCE",
                "EXAMPLE", "NOT IMPLEMENTED")) {
            assertTrue(five.contains("\n.SH \"" + sh.replace("-", "\\-") + "\"\n"), "keepalived.conf.5 lacks .SH " + sh);
        }
    }

    @Test
    void groffRendersWithoutWarnings() throws IOException {
        if (!Run.onPath("groff")) {
            System.err.println("*** SKIPPED ManPageTest.groffRendersWithoutWarnings: groff is not installed");
            return;
        }
        for (String page : PAGES) {
            Run r = Run.of(List.of("groff", "-man", "-Tutf8", "-ww", out.resolve(page).toString()),
                    Map.of("LC_ALL", "C.UTF-8"), Duration.ofSeconds(60));
            assertEquals(0, r.status(), page + ": " + r);
            assertEquals("", r.err(), page + ": groff warnings");
            assertFalse(r.out().contains("\u2010"), page + ": a hyphen rendered as U+2010 cannot be copied into a shell");
        }
        Run r = Run.of(List.of("groff", "-man", "-Tutf8", out.resolve("keepalived.8").toString()), Map.of(),
                Duration.ofSeconds(60));
        String text = r.out().replaceAll(".\b", "");  // drop overstrike bold/underline
        assertTrue(text.contains("--use-file=FILE") && text.contains("--signum=SIGFUNC"), text);
    }

    @Test
    void manRendersWithoutWarnings() {
        if (!Run.onPath("man")) {
            System.err.println("*** SKIPPED ManPageTest.manRendersWithoutWarnings: man is not installed");
            return;
        }
        for (String page : PAGES) {
            Run r = Run.of(List.of("man", "--warnings", "-l", out.resolve(page).toString()),
                    Map.of("MANPAGER", "cat", "PAGER", "cat", "MANWIDTH", "80", "LC_ALL", "C.UTF-8"), Duration.ofSeconds(60));
            assertEquals(0, r.status(), page + ": " + r);
            assertEquals("", r.err(), page + ": man warnings");
        }
    }

    @Test
    void everyCommandLineOptionIsDocumented() throws IOException {
        String source = Files.readString(Run.basedir().resolve("src/main/java/org/keepalived4j/cli/Options.java"));
        String page = Files.readString(MAN_SRC.resolve("keepalived.8.md"));
        Matcher m = Pattern.compile("new Spec\\((?:'(.)'|\\(char\\) 0), \"([^\"]+)\"").matcher(source);
        int options = 0;
        while (m.find()) {
            for (String name : new String[] {m.group(1) == null ? null : "-" + m.group(1), "--" + m.group(2)}) {
                if (name != null) {
                    options++;
                    assertTrue(page.contains("`" + name + "`"), "docs/man/keepalived.8.md does not document " + name);
                }
            }
        }
        assertTrue(options > 30, "found only " + options + " option names in Options.java");
    }

    @Test
    void converterEscapesRoff() {
        assertEquals("\\fB\\-\\-x\\fR \\e \\fIy\\fR a \\(aqb\\(aq", inline("`--x` \\\\ *y* a 'b'"));
    }

    private static String inline(String md) {
        // Run through the real converter: one paragraph page.
        try {
            Path src = out.resolve("t.1.md");
            Files.writeString(src, "% t(1) | x\n\n" + md + "\n");
            Run r = Run.of(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    Run.basedir().resolve("src/build/java/Md2Man.java").toString(), "--out", out.toString(),
                    src.toString()), Map.of(), Duration.ofSeconds(120));
            assertEquals(0, r.status(), r.toString());
            List<String> lines = Files.readAllLines(out.resolve("t.1"));
            return lines.get(lines.size() - 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

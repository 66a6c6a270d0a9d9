package org.keepalived4j.config.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.source.Preprocessor.Limits;

/**
 * Test helper: writes a small file tree into a directory and runs the {@link Preprocessor} on
 * it as {@code keepalived -t -f keepalived.conf -i lb1} would, rendering logical lines as
 * {@code N: text} (main file) or {@code FILE:N: text} (includes) and diagnostics as
 * {@code rendered [CLASS]}.
 */
public final class PreprocessorFixture {
    /** The config id ({@code -i}) that {@code @id} lines are matched against. */
    public static final String CONFIG_ID = "lb1";
    public static final String MAIN = "keepalived.conf";

    /** The preprocessor's output plus the diagnostics object (to hand on to the parser). */
    public record Out(List<LogicalLine> logical, List<String> lines, Diagnostics diags, long nextSeq) {
        public List<String> diagnostics() {
            return render(diags);
        }
    }

    private PreprocessorFixture() {
    }

    /**
     * Write {@code files} (name → content, names relative to {@code dir}; a name ending in '/' is
     * a directory, one ending in ".sh" is made executable) and preprocess {@value #MAIN}.
     */
    public static Out run(Path dir, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path p = dir.resolve(e.getKey());
                if (e.getKey().endsWith("/")) {          // "name/" makes a directory
                    Files.createDirectories(p);
                    continue;
                }
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
                if (e.getKey().endsWith(".sh")) {         // "*.sh" files are made executable
                    p.toFile().setExecutable(true, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Diagnostics diags = new Diagnostics();
        Preprocessor pre = new Preprocessor(diags, CONFIG_ID, Limits.DEFAULT, new Random(42));
        Preprocessor.Result r = pre.run(MAIN, dir);
        return new Out(r.lines(), r.lines().stream().map(PreprocessorFixture::line).toList(), diags, pre.nextSeq());
    }

    public static Out run(Path dir, String mainText) {
        return run(dir, Map.of(MAIN, mainText));
    }

    public static String line(LogicalLine l) {
        return (l.origin().mainFile() ? "" : l.origin().file() + ":") + l.origin().line() + ": " + l.text();
    }

    public static String diag(Diagnostic d) {
        return d.render() + " [" + d.errorClass() + "]";
    }

    public static List<String> render(Diagnostics d) {
        return d.all().stream().map(PreprocessorFixture::diag).toList();
    }

    /** A text block as a list of lines; blank lines are dropped, so an empty block means "none". */
    public static List<String> lines(String block) {
        return Arrays.stream(block.split("\n")).filter(s -> !s.isBlank()).toList();
    }
}

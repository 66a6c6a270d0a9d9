package org.keepalived4j.config.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.keepalived4j.config.ConfigErrorClass;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Origin;
import org.keepalived4j.config.Subsystem;

/**
 * keepalived's read_line() as a stage of its own: reads the configuration file and its
 * includes and turns them into {@link LogicalLine}s. Per physical line, in keepalived's order:
 * strip EOL, decomment, multi-line definition continuation, {@code @id}/{@code @^id} filter,
 * {@code $NAME=} definition, {@code ~SEQ}/{@code ~LST}, {@code $} substitution (then decomment
 * again), include, brace splitting. Diagnostics keep keepalived's texts.
 *
 * <p>This class drives the stages over one {@link LineQueue}: {@link IncludeReader} (files and
 * includes), {@link LineExpander} with {@link GeneratorExpansion} (conditionals, definitions,
 * generators, substitution) and {@link LineEmitter} (braces, logical lines).
 */
public final class Preprocessor {

    /** Limits that keepalived does not have but a daemon fed arbitrary input needs. */
    public record Limits(int maxIncludeDepth, long maxLines, int maxFiles) {
        public static final Limits DEFAULT = new Limits(32, 2_000_000, 10_000);
    }

    /** The output: logical lines, and whether the main file could be read at all. */
    public record Result(List<LogicalLine> lines, boolean mainFileRead, List<Path> files) {
    }

    private final Diagnostics diags;
    private final LineQueue queue;
    private final Definitions defs;
    private final IncludeReader includes;
    private final LineExpander expander;
    private final LineEmitter emitter;

    /**
     * @param configId the id that {@code @id} lines are matched against ({@code -i}, default the
     *                 short host name)
     */
    public Preprocessor(Diagnostics diags, String configId, Limits limits, Random random) {
        this.diags = diags;
        this.queue = new LineQueue(diags);
        this.defs = new Definitions(configId, () -> queue.file() == null ? "" : queue.file().dir().toString(), random);
        this.includes = new IncludeReader(diags, queue, limits);
        this.emitter = new LineEmitter(queue, limits.maxLines());
        this.expander = new LineExpander(queue, defs, configId,
                new GeneratorExpansion(queue, defs, limits.maxLines(), emitter::size));
    }

    /**
     * Read the configuration named on the command line (may be a glob) from the working directory.
     */
    public Result run(String configFile, Path workingDir) {
        int read = includes.readMain(configFile, workingDir);
        loop();
        if (emitter.depth() > 0) {
            diags.report(ConfigErrorClass.MISSING_EOB, Origin.NONE, Subsystem.GLOBAL, queue.seq(),
                    "There are " + emitter.depth() + " missing '}'s or extra '{'s");
        }
        return new Result(emitter.lines(), read > 0, includes.files());
    }

    /** The sequence number the next diagnostic or line would get. */
    public long nextSeq() {
        return queue.seq();
    }

    private void loop() {
        while (!queue.isEmpty() && !emitter.truncated()) {
            PendingLine p = queue.next();
            if (p.problem() != null) {
                includes.fileProblem(p.includeType(), p.problem());
                continue;
            }
            String buf;
            if (p.physical()) {
                expander.physicalLine();
                buf = physical(p.text());
                if (buf == null) {
                    continue;
                }
            } else {
                expander.bind(p.bindings());
                buf = p.text();
            }
            buf = expander.expand(buf);
            if (buf.isEmpty()) {
                continue;
            }
            int type = Includes.includeType(buf);
            if (type >= 0) {
                includes.include(buf, type);
                continue;
            }
            emitter.splitBraces(buf);
        }
    }

    /**
     * A line as read: ends or continues a multi-line definition, else is decommented.
     *
     * @return the decommented line, or null when nothing more is to be done with it
     */
    private String physical(String text) {
        if (text.isEmpty()) {
            if (defs.inMultiline()) {
                defs.endMultiline();
            }
            return null;
        }
        Decomment.Result d = Decomment.apply(text);
        if (d.unterminatedQuote()) {
            queue.report(ConfigErrorClass.GENERAL_ERROR, "Unterminated quote '" + d.text() + "'");
        }
        String buf = d.text();
        if (buf.isEmpty()) {
            return null;
        }
        if (defs.inMultiline()) {
            defs.continueMultiline(buf);
            return null;
        }
        return buf;
    }
}

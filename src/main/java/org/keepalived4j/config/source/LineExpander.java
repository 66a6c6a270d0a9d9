package org.keepalived4j.config.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keepalived4j.config.ConfigErrorClass;

/**
 * The expansion steps of keepalived's read_line() for one line, repeated while a substitution
 * produces more to do: the {@code @id} / {@code @^id} filter, a {@code $NAME=} definition, a
 * {@code ~SEQ} / {@code ~LST} generator (handed to {@link GeneratorExpansion}) and {@code $NAME}
 * substitution (then decommenting again). The further lines of a multi-line definition are
 * queued to follow the line.
 */
final class LineExpander {
    /**
     * Lines that multi-line definitions may produce from one physical line: a definition that
     * expands to lines using itself never ends (keepalived 2.2.7 loops for ever, growing); past
     * this the expansion is refused as recursive.
     */
    static final int MAX_DERIVED_LINES = 10_000;

    private final LineQueue queue;
    private final Definitions defs;
    private final String configId;
    private final GeneratorExpansion generators;
    /** Lines that multi-line definitions produced from the current physical line. */
    private int derivedLines;

    /**
     * @param configId the id that {@code @id} lines are matched against
     */
    LineExpander(LineQueue queue, Definitions defs, String configId, GeneratorExpansion generators) {
        this.queue = queue;
        this.defs = defs;
        this.configId = configId;
        this.generators = generators;
    }

    /** A new physical line starts: the recursion bound counts afresh. */
    void physicalLine() {
        derivedLines = 0;
    }

    /** Sets the definitions a generated line carries (its ~SEQ / ~LST variable). */
    void bind(Map<String, String> bindings) {
        bindings.forEach(defs::set);
    }

    /**
     * @return what is left of {@code line} to process further (include or brace splitting);
     *         empty when it was consumed or dropped
     */
    String expand(String line) {
        String buf = line;
        boolean recheck;
        do {
            if (buf.startsWith("@")) {
                buf = LineScan.conditional(buf, configId);
                if (buf.isEmpty()) {
                    return buf;
                }
            }
            if (buf.startsWith("$") && defs.tryDefine(buf)) {
                return "";
            }
            if (Sequences.isGenerator(buf)) {
                generators.expand(buf);
                return "";
            }
            if (buf.startsWith("~") || buf.indexOf('$') < 0) {
                return buf;
            }
            String replaced = substitute(buf, line);
            if (replaced == null) {
                return buf;
            }
            buf = replaced;
            recheck = (buf.startsWith("@") || buf.indexOf('$') >= 0) && !buf.equals(line);
        } while (recheck && !buf.isEmpty());
        return buf;
    }

    /**
     * Substitutes definitions in {@code buf}, queueing the further lines of a multi-line value.
     *
     * @param line the line as it came in, for the recursion report
     * @return the substituted, decommented line; null when nothing was substituted; empty after
     *         reporting a failure
     */
    private String substitute(String buf, String line) {
        Definitions.Replaced r;
        try {
            r = defs.replace(buf);
        } catch (Definitions.SubstitutionException e) {
            queue.report(ConfigErrorClass.GENERAL_ERROR, e.getMessage());
            return "";
        }
        if (r == null) {
            return null;
        }
        derivedLines += r.moreLines().size();
        if (derivedLines > MAX_DERIVED_LINES) {
            queue.report(ConfigErrorClass.GENERAL_ERROR, "Parameter substitution on line '" + line + "' is recursive");
            return "";
        }
        List<PendingLine> more = new ArrayList<>();
        for (String l : r.moreLines()) {
            more.add(queue.derived(l, Map.of()));
        }
        queue.pushFront(more);
        return Decomment.apply(r.line()).text();
    }
}

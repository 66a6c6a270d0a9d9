package org.keepalived4j.config.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.keepalived4j.config.ConfigErrorClass;

/**
 * A {@code ~SEQ(...)} / {@code ~LST(...)} line met by the preprocessor: substitutes definitions
 * in its parameters, expands it with {@link Sequences} and queues the generated lines (each with
 * its variable bound) in place of it. Refuses a generator that, through definitions, produces
 * itself again, and bounds how deep generators may nest.
 */
final class GeneratorExpansion {
    /** Generators may nest this deep (a generator producing a generator ...). */
    static final int MAX_GENERATOR_NESTING = 32;

    private final LineQueue queue;
    private final Definitions defs;
    private final long maxLines;
    private final LongSupplier emitted;

    /**
     * @param maxLines the most logical lines the preprocessor emits
     * @param emitted  how many it has emitted so far
     */
    GeneratorExpansion(LineQueue queue, Definitions defs, long maxLines, LongSupplier emitted) {
        this.queue = queue;
        this.defs = defs;
        this.maxLines = maxLines;
        this.emitted = emitted;
    }

    /** Expands the generator line {@code buf} (the current line) into the queue. */
    void expand(String buf) {
        List<String> currentChain = queue.chain();
        // A definition that expands to a generator producing that definition again never ends
        // (keepalived loops too); refuse it, and bound how deep generators may nest.
        if (currentChain.contains(buf) || currentChain.size() >= MAX_GENERATOR_NESTING) {
            queue.report(ConfigErrorClass.GENERAL_ERROR, "~SEQ/~LST '" + buf + "' "
                    + (currentChain.contains(buf) ? "expands to itself (recursive definition)"
                            : "nested more than " + MAX_GENERATOR_NESTING + " deep") + " - ignoring");
            return;
        }
        List<String> chain = new ArrayList<>(currentChain);
        chain.add(buf);
        String withParams = substituteParameters(buf);
        if (withParams == null) {
            return;
        }
        String kind = buf.startsWith("~SEQ") ? "~SEQ" : "~LST";
        try {
            long room = maxLines - emitted.getAsLong() - queue.size();
            List<Sequences.Item> items = Sequences.expand(withParams, Math.max(room, 0));
            List<PendingLine> gen = new ArrayList<>(items.size());
            for (Sequences.Item it : items) {
                gen.add(PendingLine.derived(queue.file(), queue.line(), it.text(), it.bindings(), chain));
            }
            queue.pushFront(gen);
        } catch (Sequences.SeqException e) {
            queue.report(ConfigErrorClass.GENERAL_ERROR, e.getMessage());
            if (!e.getMessage().startsWith("Invalid " + kind + " specification")) {
                queue.report(ConfigErrorClass.GENERAL_ERROR, "Invalid " + kind + " specification '" + buf + "'");
            }
        }
    }

    /**
     * Substitutes definitions in the parenthesised parameters, leaving the generated text for
     * each item to substitute.
     *
     * @return the line, or null after reporting a failed substitution
     */
    private String substituteParameters(String buf) {
        int close = buf.indexOf(')');
        if (close > 0 && buf.indexOf('$') >= 0 && buf.indexOf('$') < close) {
            try {
                Definitions.Replaced r = defs.replace(buf.substring(0, close + 1));
                if (r != null) {
                    return r.line() + buf.substring(close + 1);
                }
            } catch (Definitions.SubstitutionException e) {
                queue.report(ConfigErrorClass.GENERAL_ERROR, e.getMessage());
                return null;
            }
        }
        return buf;
    }
}

package org.keepalived4j.config.source;

import java.util.List;
import java.util.Map;

/**
 * A line waiting to be processed: physical (read from a file), generated (a ~SEQ/~LST item, the
 * further lines of a multi-line definition, the residue after a brace), or a file problem whose
 * report keepalived defers until the previous include reaches its end.
 *
 * @param bindings    definitions a ~SEQ/~LST item sets before it is processed
 * @param problem     non-null for a deferred file problem (then {@code text} is empty)
 * @param includeType the include variant's INCLUDE_* bits, for a deferred problem
 * @param chain       the ~SEQ/~LST lines that produced this line, outermost first
 */
record PendingLine(FileContext file, int line, String text, boolean physical, Map<String, String> bindings,
                   Includes.Problem problem, int includeType, List<String> chain) {

    /** Line {@code line} of {@code file}, as read. */
    static PendingLine physical(FileContext file, int line, String text) {
        return new PendingLine(file, line, text, true, Map.of(), null, 0, List.of());
    }

    /** A line produced while processing line {@code line} of {@code file}. */
    static PendingLine derived(FileContext file, int line, String text, Map<String, String> bindings,
                               List<String> chain) {
        return new PendingLine(file, line, text, false, bindings, null, 0, chain);
    }

    /** A file problem to report against line {@code line} of {@code file} when its turn comes. */
    static PendingLine problem(FileContext file, int line, Includes.Problem problem, int includeType) {
        return new PendingLine(file, line, "", false, Map.of(), problem, includeType, List.of());
    }
}

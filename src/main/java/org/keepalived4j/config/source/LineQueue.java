package org.keepalived4j.config.source;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.keepalived4j.config.ConfigErrorClass;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Origin;
import org.keepalived4j.config.Subsystem;

/**
 * The preprocessor's work list and position: the lines still to process (processed front first,
 * so lines an expansion produces are handled before the rest of the file), the line being
 * processed, and the sequence number the next logical line or diagnostic gets. Diagnostics
 * reported here carry the position of the line being processed.
 */
final class LineQueue {
    private final Diagnostics diags;
    private final Deque<PendingLine> pending = new ArrayDeque<>();
    private FileContext file;
    private int line;
    private List<String> chain = List.of();
    private long seq;

    LineQueue(Diagnostics diags) {
        this.diags = diags;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }

    /** Takes the next line and makes its position the current one. */
    PendingLine next() {
        PendingLine p = pending.pop();
        file = p.file();
        line = p.line();
        chain = p.chain();
        return p;
    }

    /** Queues {@code items}, in their order, ahead of everything pending. */
    void pushFront(List<PendingLine> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            pending.push(items.get(i));
        }
    }

    /** Queues {@code text} next, at the current position and generator chain. */
    void pushFront(String text) {
        pending.push(derived(text, Map.of()));
    }

    /** A line produced from the current one (same position and generator chain). */
    PendingLine derived(String text, Map<String, String> bindings) {
        return PendingLine.derived(file, line, text, bindings, chain);
    }

    /** The file of the line being processed; null while the main file is being opened. */
    FileContext file() {
        return file;
    }

    int line() {
        return line;
    }

    /** The ~SEQ / ~LST lines that produced the line being processed, outermost first. */
    List<String> chain() {
        return chain;
    }

    Origin origin() {
        return file == null ? Origin.NONE : new Origin(file.display(), line, file.main());
    }

    /** The sequence number the next logical line or diagnostic gets. */
    long seq() {
        return seq;
    }

    /** Hands out the next sequence number (for a logical line). */
    long takeSeq() {
        return seq++;
    }

    /** Reports {@code message} against the line being processed. */
    void report(ConfigErrorClass cls, String message) {
        diags.report(cls, origin(), Subsystem.GLOBAL, seq, message);
    }
}

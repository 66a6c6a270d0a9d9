package org.keepalived4j.config.source;

import java.util.ArrayList;
import java.util.List;

import org.keepalived4j.config.ConfigErrorClass;

/**
 * The last step of the preprocessor: splits a line at its first unquoted brace (the rest goes
 * back to the queue, keepalived's line_residue), emits the {@link LogicalLine}s, counts brace
 * depth ("Extra '}' found") and stops the whole run past the line limit.
 */
final class LineEmitter {
    private final LineQueue queue;
    private final long maxLines;
    private final List<LogicalLine> out = new ArrayList<>();
    private int depth;
    private boolean truncated;

    LineEmitter(LineQueue queue, long maxLines) {
        this.queue = queue;
        this.maxLines = maxLines;
    }

    /** The logical lines emitted so far. */
    List<LogicalLine> lines() {
        return List.copyOf(out);
    }

    int size() {
        return out.size();
    }

    /** Whether the line limit was reached (nothing more is emitted). */
    boolean truncated() {
        return truncated;
    }

    /** Open braces not yet closed. */
    int depth() {
        return depth;
    }

    /** Split at the first unquoted brace; the rest goes back for processing (line_residue). */
    void splitBraces(String buf) {
        int p = LineScan.firstBrace(buf);
        if (p < 0) {
            emit(Decomment.stripTrailingBlanks(buf));
            return;
        }
        String line;
        String rest;
        if (p == 0) {
            line = buf.substring(0, 1);
            rest = Decomment.stripLeading(buf.substring(1));
        } else {
            line = Decomment.stripTrailingBlanks(buf.substring(0, p));
            rest = buf.substring(p);
        }
        rest = Decomment.stripTrailingBlanks(rest);
        if (!rest.isEmpty()) {
            queue.pushFront(rest);
        }
        emit(line);
    }

    private void emit(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (out.size() >= maxLines) {
            queue.report(ConfigErrorClass.GENERAL_ERROR, "Configuration expands to more than " + maxLines
                    + " lines - ignoring the rest");
            truncated = true;
            return;
        }
        if (line.equals("{")) {
            depth++;
        } else if (line.equals("}")) {
            if (depth-- < 1) {
                queue.report(ConfigErrorClass.UNEXPECTED_EOB, "Extra '}' found");
                depth = 0;
            }
        }
        out.add(new LogicalLine(queue.origin(), line, queue.takeSeq()));
    }
}

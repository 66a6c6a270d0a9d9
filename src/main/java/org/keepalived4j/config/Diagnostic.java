package org.keepalived4j.config;

/**
 * One configuration message, rendered exactly as keepalived prints it.
 *
 * @param errorClass keepalived's error class; {@link ConfigErrorClass#OK} for plain log lines
 * @param origin     the line it refers to, or {@link Origin#NONE}
 * @param subsystem  the keepalived process that would have printed it (decides the prefix form)
 * @param message    the text after the prefix
 * @param seq        ordering key: the logical line sequence number at which it was reported
 */
public record Diagnostic(ConfigErrorClass errorClass, Origin origin, Subsystem subsystem, String message, long seq) {

    /** {@code (FILE: Line N) message}, {@code (Line N) message} or just the message. */
    public String render() {
        if (origin.isNone()) {
            return message;
        }
        if (origin.mainFile() && subsystem == Subsystem.GLOBAL) {
            return "(Line " + origin.line() + ") " + message;
        }
        return "(" + origin.file() + ": Line " + origin.line() + ") " + message;
    }

    /** True for a configuration error that counts towards the {@code -t} status. */
    public boolean isError() {
        return errorClass.compareTo(ConfigErrorClass.OK) > 0;
    }

    /** True for what {@code keepalived -t} prints (everything but plain log lines). */
    public boolean printedByConfigTest() {
        return errorClass != ConfigErrorClass.LOG;
    }

    @Override
    public String toString() {
        return render();
    }
}

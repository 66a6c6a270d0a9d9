package org.keepalived4j.config;

/**
 * Thrown where keepalived exits in the middle of parsing (a keyword missing its parameter:
 * null_strvec() exits with status 2, even under -t). Carries no message of its own: the
 * diagnostic has already been reported.
 */
public final class ConfigAbort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigAbort() {
        super(null, null, false, false);
    }
}

package org.keepalived4j.config;

/**
 * keepalived's configuration error classes, in keepalived's own order ({@code config_err_t} in
 * lib/parser.h). The {@code -t} status is the numerically highest class reported: a quirk kept
 * on purpose, so an unknown keyword (5) outranks a bad interface (4) exactly as in keepalived.
 */
public enum ConfigErrorClass {
    /** A log line (keepalived's log_message()): logged by the daemon, not printed by {@code -t}. */
    LOG,
    /** A configuration message that is not an error (printed by {@code -t}, exit status unaffected). */
    OK,
    FILE_NOT_FOUND,
    BAD_IF,
    FATAL,
    MULTIPLE_FILES,
    UNKNOWN_KEYWORD,
    UNEXPECTED_BOB,
    MISSING_BOB,
    UNEXPECTED_EOB,
    MISSING_EOB,
    UNMATCHED_QUOTE,
    MISSING_PARAMETER,
    INVALID_NUMBER,
    GENERAL_ERROR,
    WARNING,
    DEPRECATED,
    SECURITY_ERROR;

    /** {@code config_test_exit()}: 0 OK, 4 cannot run, 6 script security, 5 any other error. */
    public int configTestExitCode() {
        switch (this) {
            case LOG:
            case OK:
                return ExitCodes.CHK_OK;
            case FILE_NOT_FOUND:
            case BAD_IF:
            case FATAL:
                return ExitCodes.CHK_CONFIG;
            case SECURITY_ERROR:
                return ExitCodes.CHK_CONFIG_TEST_SECURITY;
            default:
                return ExitCodes.CHK_CONFIG_TEST;
        }
    }
}

package org.keepalived4j.config;

/** keepalived's process exit codes ({@code enum exit_code}, {@code enum chk_exit_code} in lib/scheduler.h). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FATAL = 1;
    /** A missing parameter aborts parsing (null_strvec()), also under -t. */
    public static final int CONFIG = 2;
    public static final int MISSING_PERMISSION = 4;
    public static final int NO_CONFIG = 6;
    public static final int PROGRAM_ERROR = 70;

    public static final int CHK_OK = 0;
    public static final int CHK_CONFIG = 4;
    public static final int CHK_CONFIG_TEST = 5;
    public static final int CHK_CONFIG_TEST_SECURITY = 6;

    /** keepalived: an unknown option or a missing option parameter (parse_cmdline() exit(1)). */
    public static final int USAGE = 1;

    private ExitCodes() {
    }
}

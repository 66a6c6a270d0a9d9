package org.keepalived4j.check;

/** How one MISC_CHECK script run ended. */
public sealed interface MiscOutcome {

    /** Where the timeout handling was when the script ended (misc_checker_t state). */
    enum Stage {
        /** Not timed out. */
        RUNNING,
        /** misc_timeout passed; SIGTERM sent to its process group. */
        TERM_REQUESTED,
        /** 2 s later still running; SIGKILL sent to its process group. */
        KILL_FORCED
    }

    /** The script exited with {@code status} (0..255). */
    record Exited(int status) implements MiscOutcome {
    }

    /** The script was ended by {@code signal}. */
    record Signalled(int signal, Stage stage) implements MiscOutcome {
        /** keepalived's "timed out": ended by our own signal. */
        public boolean timedOut() {
            return (stage == Stage.TERM_REQUESTED && signal == 15)
                    || (stage == Stage.KILL_FORCED && (signal == 15 || signal == 9));
        }
    }

    /**
     * The script could not be started; keepalived's child logs the error and exits 0 ("Script
     * errors aren't server errors", system_call_script()).
     */
    record ExecFailed(String error) implements MiscOutcome {
    }
}

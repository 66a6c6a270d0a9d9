package org.keepalived4j.util;

/**
 * How one script run ended (keepalived's wait status of the child, as its thread callbacks see
 * it), for every kind of script: vrrp_script, notify scripts, MISC_CHECK and the LVS notifies.
 * A plain value in util so that both the process runner (org.keepalived4j.script) and the pure
 * checker logic (org.keepalived4j.check, which must not depend on the runner) may use it; what
 * an outcome means is each caller's to say.
 */
public sealed interface ScriptOutcome {

    /** Where the timeout handling was when the script ended (keepalived's SCRIPT_STATE_*). */
    enum Stage {
        /** Not timed out. */
        RUNNING,
        /** The timeout passed; SIGTERM sent to its process group. */
        TERM_REQUESTED,
        /** 2 s later still running; SIGKILL sent to its process group. */
        KILL_FORCED
    }

    /** The script exited with {@code status} (0..255). */
    record Exited(int status) implements ScriptOutcome {
    }

    /** The script was ended by {@code signal}. */
    record Signalled(int signal, Stage stage) implements ScriptOutcome {
        /**
         * keepalived's "timed out": ended by our own signal (SIGTERM after the timeout, or SIGKILL /
         * SIGTERM once termination was forced).
         */
        public boolean timedOut() {
            return (stage == Stage.TERM_REQUESTED && signal == 15)
                    || (stage == Stage.KILL_FORCED && (signal == 15 || signal == 9));
        }
    }

    /** The script could not be started; {@code error} is "errno: message" as keepalived's "%d: %m". */
    record ExecFailed(String error) implements ScriptOutcome {
    }
}

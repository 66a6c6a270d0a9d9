package org.keepalived4j.script;

import java.util.List;
import java.util.Optional;

/**
 * One script to run.
 *
 * @param argv          the program and its arguments, executed directly (no shell)
 * @param runAs         the credentials to switch to; empty keeps the daemon's own
 * @param timeoutMicros after this long its process group gets SIGTERM (then SIGKILL); 0 = never
 * @param killAtTimeout  SIGKILL at once at the timeout (keepalived's child_killed_thread() for
 *                       scripts run at stop)
 */
public record ScriptCommand(List<String> argv, Optional<RunAs> runAs, long timeoutMicros, boolean killAtTimeout) {
    public ScriptCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    public ScriptCommand(List<String> argv, Optional<RunAs> runAs, long timeoutMicros) {
        this(argv, runAs, timeoutMicros, false);
    }

    public ScriptCommand(List<String> argv, long timeoutMicros) {
        this(argv, Optional.empty(), timeoutMicros, false);
    }
}

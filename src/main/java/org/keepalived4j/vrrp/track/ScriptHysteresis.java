package org.keepalived4j.vrrp.track;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rise/fall counter of one vrrp_script (keepalived's vrrp_script_child_thread()): a result
 * in [0, rise + fall − 1] that starts at rise − 1, so the first result decides either way;
 * afterwards {@code rise} consecutive successes are needed to become OK and {@code fall}
 * consecutive failures to fail. A timeout counts as a failure ("timed_out"). A script that
 * cannot be executed is reported and counted as success, as keepalived's child exits 0 then.
 * <p>keepalived 2.2.7 sets init_fail's state but resets it when an instance tracks the script
 * (alloc_track_script()), so a tracked script always starts undecided; this class does the same
 * (docs/facts.md). Pure; event-loop thread only.
 */
public final class ScriptHysteresis {

    /** What one result did: lines to log and, when the tracked state changed, the new state. */
    public record Report(List<String> lines, Optional<Boolean> nowOk) {
    }

    private final String name;
    private final int rise;
    private final int fall;
    private int result;
    private boolean initial = true;
    private int lastStatus;
    private Boolean ok;

    public ScriptHysteresis(String name, int rise, int fall) {
        this.name = name;
        this.rise = Math.max(1, rise);
        this.fall = Math.max(1, fall);
        this.result = this.rise - 1;
    }

    public String name() {
        return name;
    }

    /** The tracked state: empty until the first result, then whether the script is OK. */
    public Optional<Boolean> state() {
        return Optional.ofNullable(ok);
    }

    /** The script exited with {@code status}. */
    public Report exited(int status) {
        List<String> lines = new ArrayList<>();
        if (status != lastStatus) {
            lines.add(TrackMessages.scriptNowReturning(name, status));
        }
        lastStatus = status;
        return status == 0 ? success(lines, TrackMessages.scriptSucceeded(name))
                : failure(lines, TrackMessages.scriptFailed(name, "exited with status", status));
    }

    /** The script was killed by {@code signal}; {@code timedOut} when by our timeout handling. */
    public Report signalled(int signal, boolean timedOut) {
        return failure(new ArrayList<>(), timedOut ? TrackMessages.scriptTimedOut(name)
                : TrackMessages.scriptFailed(name, "due to signal", signal));
    }

    /** execve() failed: keepalived's child logs it and exits 0. */
    public Report execFailed(String command, String error) {
        List<String> lines = new ArrayList<>();
        lines.add(TrackMessages.execFailed(command, error));
        lastStatus = 0;
        return success(lines, TrackMessages.scriptSucceeded(name));
    }

    private Report success(List<String> lines, String line) {
        Optional<Boolean> change = Optional.empty();
        if (result < rise - 1) {
            result++;
        } else if (result != rise + fall - 1) {
            if (result < rise) {
                lines.add(line);
                change = Optional.of(true);
                ok = true;
            }
            result = rise + fall - 1;
        }
        initial = false;
        return new Report(lines, change);
    }

    private Report failure(List<String> lines, String line) {
        Optional<Boolean> change = Optional.empty();
        if (result > rise) {
            result--;
        } else {
            if (result == rise || initial) {
                lines.add(line);
                change = Optional.of(false);
                ok = false;
            }
            result = 0;
        }
        initial = false;
        return new Report(lines, change);
    }
}

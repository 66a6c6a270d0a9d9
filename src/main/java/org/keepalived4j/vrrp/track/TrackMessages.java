package org.keepalived4j.vrrp.track;

/**
 * The tracking log lines, worded exactly as keepalived 2.2.7 (vrrp_scheduler.c, vrrp_track.c,
 * vrrp.c, trackers/track_file.c, lib/notify.c). In one place so tests can pin them.
 */
public final class TrackMessages {
    private TrackMessages() {
    }

    /** vrrp_script_child_thread(): a script's result changed the tracked state. */
    public static String scriptSucceeded(String script) {
        return "VRRP_Script(" + script + ") succeeded";
    }

    /** @param reason "exited with status" or "due to signal" */
    public static String scriptFailed(String script, String reason, int code) {
        return "VRRP_Script(" + script + ") failed (" + reason + " " + code + ")";
    }

    public static String scriptTimedOut(String script) {
        return "VRRP_Script(" + script + ") timed_out";
    }

    /** Logged whenever the exit status differs from the previous one (which starts as 0). */
    public static String scriptNowReturning(String script, int status) {
        return "Script `" + script + "` now returning " + status;
    }

    /** vrrp_script_thread(): the previous run has not ended when the next is due. */
    public static String scriptNotIdle(String script, boolean timingOut) {
        return "Track script " + script + " is " + (timingOut ? "being timed out" : "already running")
                + ", expect idle - skipping run";
    }

    public static String scriptFailedToTerminate(String script, long pid) {
        return "Script " + script + " child (PID " + pid + ") failed to terminate after kill";
    }

    /** system_call_script() in the child, when execve() fails (keepalived then counts exit 0). */
    public static String execFailed(String command, String errnoAndMessage) {
        int colon = errnoAndMessage.indexOf(": ");
        String errno = colon > 0 ? errnoAndMessage.substring(0, colon) : errnoAndMessage;
        String msg = colon > 0 ? errnoAndMessage.substring(colon + 2) : errnoAndMessage;
        return "Error exec-ing command '" + command + "', error " + errno + ": " + msg;
    }

    /** vrrp_set_effective_priority(). */
    public static String changingEffectivePriority(String instance, int from, int to) {
        return "(" + instance + ") Changing effective priority from " + from + " to " + to;
    }

    /** Start-up, once per down interface an instance tracks with weight 0. */
    public static String initFaultInterface(String instance, String ifname) {
        return "(" + instance + "): entering FAULT state (interface " + ifname + " down)";
    }

    /** Start-up (reload), a weight 0 script already known to be failed. */
    public static String initFaultScript(String instance, String script) {
        return "(" + instance + "): entering FAULT state due to script " + script;
    }

    /** Start-up, a tracked file whose status faults the instance. */
    public static String initFaultFile(String instance, String file, int status) {
        return "(" + instance + "): entering FAULT state (tracked file " + file + " has status " + status + ")";
    }

    /** Start-up: the instance begins in FAULT because of its trackers (vrrp_complete_init()). */
    public static String initEnteringFault(String instance) {
        return "(" + instance + ") entering FAULT state";
    }

    /** -D only: a tracked file's value faults the instance. */
    public static String fileNowFault(String instance, String file) {
        return "(" + instance + "): tracked file " + file + " now FAULT state";
    }

    /** -D only. */
    public static String fileLeavingFault(String instance, String file) {
        return "(" + instance + "): tracked file " + file + " leaving FAULT state";
    }

    /** -D only: a track file left its fault state with a weight (no "Changing" line then). */
    public static String settingEffectivePriority(String instance, int priority) {
        return "(" + instance + ") Setting effective priority to " + priority;
    }

    public static String fileInvalidNumber(String value, String path) {
        return "Invalid number " + value + " read from " + path + " - ignoring";
    }

    /** vrrp_complete_instance(): weights mean nothing to an address owner. */
    public static String ownerIgnoresScript(String instance, String script) {
        return "(" + instance + ") ignoring tracked script " + script + " with weights due to address_owner";
    }

    public static String ownerIgnoresInterface(String instance, String ifname) {
        return "(" + instance + ") ignoring " + ifname + " tracked interface due to address owner";
    }
}

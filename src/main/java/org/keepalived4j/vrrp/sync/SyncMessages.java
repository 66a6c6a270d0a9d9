package org.keepalived4j.vrrp.sync;

/**
 * keepalived 2.2.7's log lines about sync groups (vrrp_sync.c, vrrp_track.c, vrrp.c), word for
 * word. Pinned by SyncGroupTest.
 */
public final class SyncMessages {
    private SyncMessages() {
    }

    /** vrrp_sync_master() / vrrp_sync_backup() / vrrp_sync_fault(): {@code state} is MASTER, BACKUP or FAULT. */
    public static String syncing(String group, String state) {
        return "VRRP_Group(" + group + ") Syncing instances to " + state + " state";
    }

    /** initialise_tracking_priorities(): the first member found down at start-up takes the group to FAULT. */
    public static String syncingMemberToFaultAtStart(String group, String instance) {
        return "VRRP_Group(" + group + "): Syncing " + instance + " to FAULT state";
    }

    /** vrrp_complete_instance(): a member's weighted track_interface counts for nothing (weight set to 0). */
    public static String ignoringInterfaceWeight(String instance, String ifname) {
        return "(" + instance + ") ignoring " + ifname + " tracked interface weight due to SYNC group";
    }

    /** vrrp_complete_instance(): a member's weighted track_script is dropped. */
    public static String ignoringScript(String instance, String script) {
        return "(" + instance + ") ignoring tracked script " + script + " with weights due to SYNC group";
    }

    /** vrrp_complete_instance(): a member's track_file with the default weight 1 is made unweighted. */
    public static String ignoringFileDefaultWeight(String instance, String file) {
        return "(" + instance + ") ignoring weight from tracked file " + file + " due to SYNC group. specify weight 0";
    }

    /** vrrp_complete_instance(): a member's track_file with another weight is dropped. */
    public static String ignoringFileWeight(String instance, String file, int weight) {
        return "(" + instance + ") ignoring tracked file " + file + " with weight " + weight + " due to SYNC group";
    }

    /** sync_group_tracking_init(): a group with an address owner member cannot weigh its tracked objects. */
    public static String ownerClearsGroupWeight(String group, String kind, String name) {
        String tail = kind.equals("file") ? " - setting weight 0" : " - clearing weight";
        return "(" + group + ") Cannot have weighted track " + kind + " '" + name + "' with member having priority 255"
                + tail;
    }

    /** vrrp_sync_set_group(): owner and non-owner members in one group. */
    public static String mixedOwners(String group) {
        return "Sync group " + group + " has some member(s) as address owner and some not as address owner."
                + " This won't work.";
    }
}

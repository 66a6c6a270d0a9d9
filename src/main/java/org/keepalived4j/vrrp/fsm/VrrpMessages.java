package org.keepalived4j.vrrp.fsm;

/**
 * Every VRRP log line users grep for, worded exactly as keepalived 2.2.7 (keepalived/vrrp/vrrp.c,
 * vrrp_scheduler.c). In one place so tests can pin them.
 */
public final class VrrpMessages {
    private VrrpMessages() {
    }

    public static String enteringBackupInit(String i) {
        return "(" + i + ") Entering BACKUP STATE (init)";
    }

    public static String enteringBackup(String i) {
        return "(" + i + ") Entering BACKUP STATE";
    }

    public static String enteringMaster(String i) {
        return "(" + i + ") Entering MASTER STATE";
    }

    public static String enteringFault(String i) {
        return "(" + i + ") Entering FAULT STATE";
    }

    public static String enteringFaultInit(String i) {
        return "(" + i + ") Entering FAULT STATE (init)";
    }

    /** vrrp_complete_init(): an instance whose trackers are down at start-up. */
    public static String enteringFaultAtStart(String i) {
        return "(" + i + ") entering FAULT state";
    }

    public static String receiveTimeout(String i) {
        return "(" + i + ") Receive advertisement timeout";
    }

    public static String backupReceivedPriority0(String i) {
        return "(" + i + ") Backup received priority 0 advertisement";
    }

    public static String masterReceivedPriority0(String i) {
        return "(" + i + ") Master received priority 0 message";
    }

    public static String lowerPriorityDiscarding(String i, int prio, String from) {
        return "(" + i + ") received lower priority (" + prio + ") advert from " + from + " - discarding";
    }

    public static String masterReceivedLower(String i, String from, int prio, int ours, boolean forcing) {
        return "(" + i + ") Received advert from " + from + " with lower priority " + prio + ", ours " + ours
                + (forcing ? ", forcing new election" : "");
    }

    public static String masterReceivedHigher(String i, String from, int prio, int ours) {
        return "(" + i + ") Master received advert from " + from + " with higher priority " + prio + ", ours " + ours;
    }

    public static String masterReceivedSameHigherIp(String i, String from, int prio) {
        return "(" + i + ") Master received advert from " + from + " with same priority " + prio
                + " but higher IP address than ours";
    }

    public static String settingVips(String i) {
        return "(" + i + ") setting VIPs.";
    }

    public static String removingVips(String i) {
        return "(" + i + ") removing VIPs.";
    }

    public static String sentPriority0(String i) {
        return "(" + i + ") sent 0 priority";
    }

    public static String sendingGarp(String ifname, String vip) {
        return "Sending gratuitous ARP on " + ifname + " for " + vip;
    }

    public static String sendingUnsolicitedNa(String ifname, String vip) {
        return "Sending unsolicited Neighbour Advert on " + ifname + " for " + vip;
    }

    public static String queueingGarps(String i, String what, String ifname, String vip) {
        return "(" + i + ") Sending/queueing " + what + " on " + ifname + " for " + vip;
    }

    public static String faultInterfaceDown(String i, String ifname) {
        return "(" + i + ") entering FAULT state (interface " + ifname + " down)";
    }
}

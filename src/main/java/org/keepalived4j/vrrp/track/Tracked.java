package org.keepalived4j.vrrp.track;

/**
 * One object an instance tracks, with the weight it tracks it with.
 *
 * @param kind    what it is
 * @param name    the interface name, vrrp_script name or track_file name
 * @param weight  −253..253 (files: −254..254); 0 = faults the instance instead of weighing
 * @param reverse keepalived's "weight W reverse"
 */
public record Tracked(Kind kind, String name, int weight, boolean reverse) {

    public enum Kind {
        INTERFACE, SCRIPT, FILE
    }

    public static Tracked iface(String name, int weight, boolean reverse) {
        return new Tracked(Kind.INTERFACE, name, weight, reverse);
    }

    public static Tracked script(String name, int weight, boolean reverse) {
        return new Tracked(Kind.SCRIPT, name, weight, reverse);
    }

    public static Tracked file(String name, int weight, boolean reverse) {
        return new Tracked(Kind.FILE, name, weight, reverse);
    }
}

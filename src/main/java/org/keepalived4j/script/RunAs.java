package org.keepalived4j.script;

/**
 * The credentials a script runs with (keepalived's script uid/gid): the supplementary groups are
 * reduced to {@code gid} alone, as keepalived's {@code setgroups(1, &gid)} does.
 */
public record RunAs(int uid, int gid) {
    /** Root, the credentials keepalived runs scripts with when no keepalived_script user exists. */
    public static final RunAs ROOT = new RunAs(0, 0);

    /** This process's real uid and gid. */
    public static RunAs current() {
        return Launcher.self();
    }
}

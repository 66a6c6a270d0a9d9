package org.keepalived4j.daemon.log;

/**
 * The syslog idents of keepalived's processes ({@code PACKAGE_NAME}, {@code PROG_VRRP},
 * {@code PROG_CHECK} in keepalived): we are one process, so all three carry the same pid.
 */
public enum Identity {
    /** Start, stop, reload, configuration diagnostics. */
    PARENT("Keepalived"),
    /** VRRP instances, netlink, gratuitous ARP. */
    VRRP("Keepalived_vrrp"),
    /** LVS / health checkers. */
    CHECKER("Keepalived_healthcheckers");

    private final String ident;

    Identity(String ident) {
        this.ident = ident;
    }

    /** The ident without the namespace/instance suffix, e.g. {@code Keepalived_vrrp}. */
    public String ident() {
        return ident;
    }
}

package org.keepalived4j.net.ipvs;

import java.util.Optional;

import org.keepalived4j.config.model.ForwardingMethod;

/**
 * IPVS forwarding methods (IP_VS_CONN_F_* in linux/ip_vs.h, sent as IPVS_DEST_ATTR_FWD_METHOD)
 * with the names keepalived's configuration ({@code lb_kind NAT|DR|TUN}) and ipvsadm use for them.
 */
public enum IpvsForwarding {
    /** NAT: ipvsadm {@code -m/--masquerading}, listed as "Masq". */
    MASQ(IpvsConstants.IP_VS_CONN_F_MASQ, "NAT", "Masq", "masquerading"),
    /** The director itself (the kernel picks it for local real servers); listed as "Local". */
    LOCAL(IpvsConstants.IP_VS_CONN_F_LOCALNODE, null, "Local", null),
    /** TUN: ipvsadm {@code -i/--ipip}, listed as "Tunnel". */
    TUNNEL(IpvsConstants.IP_VS_CONN_F_TUNNEL, "TUN", "Tunnel", "ipip"),
    /** DR (direct routing): ipvsadm {@code -g/--gatewaying}, listed as "Route". */
    ROUTE(IpvsConstants.IP_VS_CONN_F_DROUTE, "DR", "Route", "gatewaying"),
    /** Cache bypass; listed as "Bypass". */
    BYPASS(IpvsConstants.IP_VS_CONN_F_BYPASS, null, "Bypass", null);

    private final int code;
    private final String configName;
    private final String listName;
    private final String ipvsadmOption;

    IpvsForwarding(int code, String configName, String listName, String ipvsadmOption) {
        this.code = code;
        this.configName = configName;
        this.listName = listName;
        this.ipvsadmOption = ipvsadmOption;
    }

    /** The IP_VS_CONN_F_* value. */
    public int code() {
        return code;
    }

    /** keepalived's {@code lb_kind} word (NAT, DR, TUN), if it has one. */
    public Optional<String> configName() {
        return Optional.ofNullable(configName);
    }

    /** The "Forward" column of {@code ipvsadm -Ln} (Masq, Local, Tunnel, Route, Bypass). */
    public String listName() {
        return listName;
    }

    /** ipvsadm's long option (masquerading, gatewaying, ipip), if it has one. */
    public Optional<String> ipvsadmOption() {
        return Optional.ofNullable(ipvsadmOption);
    }

    /** The method for an IP_VS_CONN_F_* value (only the IP_VS_CONN_F_FWD_MASK bits count). */
    public static IpvsForwarding fromCode(int code) {
        int c = code & IpvsConstants.IP_VS_CONN_F_FWD_MASK;
        for (IpvsForwarding f : values()) {
            if (f.code == c) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown IPVS forwarding method " + c);
    }

    /** keepalived's {@code lb_kind} word, case-sensitive as keepalived's strcmp(). */
    public static Optional<IpvsForwarding> fromConfigName(String word) {
        for (IpvsForwarding f : values()) {
            if (word.equals(f.configName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The method for the configuration model's value. */
    public static IpvsForwarding of(ForwardingMethod m) {
        return switch (m) {
            case NAT -> MASQ;
            case DR -> ROUTE;
            case TUN -> TUNNEL;
        };
    }
}

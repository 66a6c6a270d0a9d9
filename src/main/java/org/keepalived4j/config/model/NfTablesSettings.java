package org.keepalived4j.config.model;

import java.util.Optional;

/**
 * The nftables settings of {@code global_defs} (keepalived 2.2.7 as Debian 12 builds it:
 * nftables only, no iptables/ipset support).
 *
 * @param table    {@code nftables [TABLE]} ("keepalived" without a name; {@code vrrp_iptables} also
 *                 selects it); absent when not configured, and keepalived then uses "keepalived"
 *                 as soon as an instance needs the firewall (no_accept or strict non-owner)
 * @param priority {@code nftables_priority}: the base chains' hook priority (-1)
 * @param counters {@code nftables_counters}: a counter on every rule
 * @param ifindex  {@code nftables_ifindex}: link-local VIPs matched by interface index even
 *                 with dont_track_primary
 */
public record NfTablesSettings(Optional<String> table, int priority, boolean counters, boolean ifindex) {
    /** keepalived's DEFAULT_NFTABLES_TABLE. */
    public static final String DEFAULT_TABLE = "keepalived";

    public static final NfTablesSettings NONE = new NfTablesSettings(Optional.empty(), -1, false, false);

    /** The table keepalived ends up using once a firewall is needed. */
    public String tableOrDefault() {
        return table.orElse(DEFAULT_TABLE);
    }
}

package org.keepalived4j.config.bind;

import java.util.Optional;
import java.util.OptionalLong;

import org.keepalived4j.config.model.NfTablesSettings;
import org.keepalived4j.config.parser.Node;

/**
 * The firewall keywords of {@code global_defs} as Debian 12's keepalived 2.2.7 reads them
 * (keepalived/core/global_parser.c, built with nftables and without iptables): {@code nftables},
 * {@code nftables_priority}, {@code nftables_counters}, {@code nftables_ifindex}, and the legacy
 * {@code vrrp_iptables}, which selects nftables with an error. {@code vrrp_ipsets} does not exist
 * in that build (Unknown keyword).
 */
final class NfTablesKeywords {
    /** NFT_TABLE_MAXNAMELEN (linux/netfilter/nf_tables.h). */
    static final int NFT_TABLE_MAXNAMELEN = 256;

    private final BindContext ctx;
    private Optional<String> table = Optional.empty();
    private int priority = -1;
    private boolean counters;
    private boolean ifindex;

    NfTablesKeywords(BindContext ctx) {
        this.ctx = ctx;
    }

    static boolean handles(String keyword) {
        return switch (keyword) {
            case "nftables", "nftables_priority", "nftables_counters", "nftables_ifindex", "vrrp_iptables" -> true;
            default -> false;
        };
    }

    void keyword(Node n) {
        switch (n.keyword()) {
            case "nftables" -> table(n);
            case "nftables_priority" -> {
                OptionalLong v = ctx.readInt(n, ctx.require(n, 1), Integer.MIN_VALUE, Integer.MAX_VALUE);
                if (v.isEmpty()) {
                    ctx.report(org.keepalived4j.config.ConfigErrorClass.INVALID_NUMBER, n,
                            "invalid nftables chain priority '" + n.arg(0) + "'");
                } else {
                    priority = (int) v.getAsLong();
                }
            }
            case "nftables_counters" -> counters = true;
            case "nftables_ifindex" -> ifindex = true;
            case "vrrp_iptables" -> {
                ctx.error(n, "iptables not supported, using nftables instead. Please replace 'vrrp_iptables and"
                        + " 'vrrp_ipsets' with 'nftables' config option");
                table = Optional.of(NfTablesSettings.DEFAULT_TABLE);
                priority = -1;
            }
            default -> throw new IllegalArgumentException(n.keyword());
        }
    }

    private void table(Node n) {
        if (table.isPresent()) {
            ctx.error(n, "nftables already specified - ignoring");
            return;
        }
        String name = n.args().isEmpty() ? NfTablesSettings.DEFAULT_TABLE : n.arg(0);
        if (name.length() >= NFT_TABLE_MAXNAMELEN) {
            ctx.error(n, "nftables table name too long - ignoring");
            return;
        }
        table = Optional.of(name);
        priority = -1;
    }

    NfTablesSettings result() {
        return new NfTablesSettings(table, priority, counters, ifindex);
    }
}

package org.keepalived4j.net.nft;

import static org.keepalived4j.net.nft.NftConstants.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.keepalived4j.config.model.NfTablesSettings;

/**
 * keepalived 2.2.7's nftables state for accept mode (keepalived/vrrp/vrrp_nftables.c), pure:
 * which batch of requests adds or removes VIPs from the drop sets, creating the tables, chains,
 * sets and rules the first time a family is needed (after deleting a table of the same name a
 * previous run left), and which batch deletes the tables at the end. Sequence numbers and set
 * ids are numbered as keepalived numbers them, so the batches equal keepalived's byte for byte.
 */
final class NftPlanner {
    /** Asks the kernel whether a table exists (check_table(): a GETTABLE request answered at once). */
    interface TableProbe {
        boolean exists(byte[] getTable, int seq);
    }

    /**
     * One VIP in a drop set.
     *
     * @param ifindex    the interface of a link-local VIP (its set is keyed by address and interface)
     * @param byName     a link-local VIP matched by interface name ({@code vips_link_local_name})
     */
    record Element(InetAddress address, int ifindex, String ifname, boolean byName) {
        boolean ipv4() {
            return address instanceof Inet4Address;
        }

        boolean linkLocal() {
            return !ipv4() && address.isLinkLocalAddress();
        }
    }

    private final String table;
    private final int priority;
    private final boolean counters;
    private final Consumer<String> log;
    private int seq;
    private int setId;
    private boolean ipv4Table;
    private boolean ipv4Vips;
    private boolean ipv6Table;
    private boolean ipv6Vips;
    private boolean llByName;
    private boolean llByIndex;

    /** @param seq the first sequence number (keepalived: time(NULL) at its first batch) */
    NftPlanner(NfTablesSettings settings, int seq, Consumer<String> log) {
        this.table = settings.tableOrDefault();
        this.priority = settings.priority();
        this.counters = settings.counters();
        this.seq = seq;
        this.log = log;
    }

    String table() {
        return table;
    }

    boolean anyTable() {
        return ipv4Table || ipv6Table;
    }

    /**
     * nft_update_addresses(): the batch that adds ({@code add}) or removes the elements, with
     * whatever must be created first; empty when there is nothing to do.
     */
    List<byte[]> update(List<Element> elements, boolean add, TableProbe probe) {
        if (elements.isEmpty()) {
            return List.of();
        }
        List<byte[]> batch = new ArrayList<>();
        batch.add(NftMessages.batchBegin(seq++));
        List<byte[]> v4 = new ArrayList<>();
        List<byte[]> v6 = new ArrayList<>();
        List<byte[]> llIndex = new ArrayList<>();
        List<byte[]> llName = new ArrayList<>();
        for (Element e : elements) {
            if (e.ipv4()) {
                if (!ipv4Vips) {
                    setupIpv4Vips(batch, probe);
                }
                v4.add(e.address().getAddress());
            } else {
                if (!ipv6Vips) {
                    setupIpv6Vips(batch, probe);
                }
                if (!e.linkLocal()) {
                    v6.add(e.address().getAddress());
                } else if (e.byName()) {
                    if (!llByName) {
                        linkLocalChecks(batch, true);
                        llByName = true;
                    }
                    llName.add(key(e.address(), nameKey(e.ifname())));
                } else {
                    if (!llByIndex) {
                        linkLocalChecks(batch, false);
                        llByIndex = true;
                    }
                    llIndex.add(key(e.address(), ByteBuffer.allocate(4).order(ByteOrder.nativeOrder())
                            .putInt(e.ifindex()).array()));
                }
            }
        }
        int msg = add ? NFT_MSG_NEWSETELEM : NFT_MSG_DELSETELEM;
        int flags = add ? NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK : NLM_F_ACK;
        elements(batch, msg, flags, NFPROTO_IPV4, "vips", v4);
        elements(batch, msg, flags, NFPROTO_IPV6, "vips", v6);
        elements(batch, msg, flags, NFPROTO_IPV6, "vips_link_local", llIndex);
        elements(batch, msg, flags, NFPROTO_IPV6, "vips_link_local_name", llName);
        batch.add(NftMessages.batchEnd(seq++));
        return batch;
    }

    private void elements(List<byte[]> batch, int msg, int flags, int family, String set, List<byte[]> keys) {
        if (!keys.isEmpty()) {
            batch.add(NftMessages.setElements(seq++, msg, flags, family, table, set, 0, keys));
        }
    }

    /** nft_cleanup(): delete the tables this run created; empty when there are none. */
    List<byte[]> cleanup() {
        if (!anyTable()) {
            return List.of();
        }
        List<byte[]> batch = new ArrayList<>();
        batch.add(NftMessages.batchBegin(seq++));
        if (ipv4Table) {
            batch.add(NftMessages.delTable(seq++, NFPROTO_IPV4, table));
        }
        if (ipv6Table) {
            batch.add(NftMessages.delTable(seq++, NFPROTO_IPV6, table));
        }
        batch.add(NftMessages.batchEnd(seq++));
        ipv4Table = ipv4Vips = ipv6Table = ipv6Vips = llByName = llByIndex = false;
        return batch;
    }

    private static byte[] key(InetAddress a, byte[] suffix) {
        byte[] addr = a.getAddress();
        byte[] k = new byte[addr.length + suffix.length];
        System.arraycopy(addr, 0, k, 0, addr.length);
        System.arraycopy(suffix, 0, k, addr.length, suffix.length);
        return k;
    }

    private static byte[] nameKey(String ifname) {
        byte[] n = new byte[IFNAMSIZ];
        byte[] a = ifname.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(a, 0, n, 0, Math.min(a.length, IFNAMSIZ - 1));
        return n;
    }

    /** check_and_delete_tables(): a table of our name left by a previous run is deleted first. */
    private void checkAndDeleteTables(List<byte[]> batch, TableProbe probe) {
        int s4 = seq++;
        boolean have4 = probe.exists(NftMessages.getTable(s4, NFPROTO_IPV4, table), s4);
        int s6 = seq++;
        boolean have6 = probe.exists(NftMessages.getTable(s6, NFPROTO_IPV6, table), s6);
        if (have4) {
            log.accept("Deleting old ip " + table + " table");
            batch.add(NftMessages.delTable(seq++, NFPROTO_IPV4, table));
        }
        if (have6) {
            log.accept("Deleting old ip6 " + table + " table");
            batch.add(NftMessages.delTable(seq++, NFPROTO_IPV6, table));
        }
    }

    private void setupIpv4Vips(List<byte[]> batch, TableProbe probe) {
        if (!ipv4Table) {
            if (!ipv6Table) {
                checkAndDeleteTables(batch, probe);
            }
            batch.add(NftMessages.newTable(seq++, NFPROTO_IPV4, table));
            batch.add(NftMessages.newBaseChain(seq++, NFPROTO_IPV4, table, "out", NF_INET_LOCAL_OUT, priority));
            ipv4Table = true;
        }
        batch.add(NftMessages.newBaseChain(seq++, NFPROTO_IPV4, table, "in", NF_INET_LOCAL_IN, priority));
        batch.add(NftMessages.newSet(seq++, NFPROTO_IPV4, table, "vips", TYPE_IPADDR, 4, 0, ++setId));
        batch.add(NftRules.addressRule(seq++, NFPROTO_IPV4, table, "in", "vips", false, counters));
        batch.add(NftRules.addressRule(seq++, NFPROTO_IPV4, table, "out", "vips", true, counters));
        ipv4Vips = true;
    }

    private void setupIpv6Vips(List<byte[]> batch, TableProbe probe) {
        if (!ipv6Table) {
            if (!ipv4Table) {
                checkAndDeleteTables(batch, probe);
            }
            batch.add(NftMessages.newTable(seq++, NFPROTO_IPV6, table));
            batch.add(NftMessages.newBaseChain(seq++, NFPROTO_IPV6, table, "out", NF_INET_LOCAL_OUT, priority));
            ipv6Table = true;
        }
        int f = NFPROTO_IPV6;
        batch.add(NftMessages.newBaseChain(seq++, f, table, "in", NF_INET_LOCAL_IN, priority));
        batch.add(NftMessages.newChain(seq++, f, table, "in_link_local"));
        batch.add(NftMessages.newChain(seq++, f, table, "out_link_local"));
        batch.add(NftMessages.newSet(seq++, f, table, "vips", TYPE_IP6ADDR, 16, 0, ++setId));
        int nd = ++setId;
        batch.add(NftMessages.newSet(seq++, f, table, "neighbor-discovery", TYPE_ICMPV6_TYPE, 1, NFT_SET_CONSTANT, nd));
        batch.add(NftMessages.setElements(seq++, NFT_MSG_NEWSETELEM, NLM_F_CREATE | NLM_F_ACK, f, table,
                "neighbor-discovery", nd, List.of(new byte[] {(byte) ND_NEIGHBOR_SOLICIT},
                        new byte[] {(byte) ND_NEIGHBOR_ADVERT})));
        batch.add(NftRules.icmpv6Accept(seq++, table, "in", "neighbor-discovery", counters));
        batch.add(NftRules.linkLocalGoto(seq++, table, "in", "in_link_local", false, counters));
        batch.add(NftRules.icmpv6Accept(seq++, table, "out", "neighbor-discovery", counters));
        batch.add(NftRules.linkLocalGoto(seq++, table, "out", "out_link_local", true, counters));
        batch.add(NftRules.addressRule(seq++, f, table, "in", "vips", false, counters));
        batch.add(NftRules.addressRule(seq++, f, table, "out", "vips", true, counters));
        ipv6Vips = true;
    }

    /** setup_link_local_checks(): the (address . interface) set and its two drop rules. */
    private void linkLocalChecks(List<byte[]> batch, boolean byName) {
        String set = byName ? "vips_link_local_name" : "vips_link_local";
        int keyType = TYPE_IP6ADDR << TYPE_BITS | (byName ? TYPE_IFNAME : TYPE_IFINDEX);
        batch.add(NftMessages.newSet(seq++, NFPROTO_IPV6, table, set, keyType, 16 + (byName ? IFNAMSIZ : 4), 0,
                ++setId));
        batch.add(NftRules.interfaceRule(seq++, table, "in_link_local", set, false, byName, counters));
        batch.add(NftRules.interfaceRule(seq++, table, "out_link_local", set, true, byName, counters));
    }
}

package org.keepalived4j.net.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keepalived4j.config.model.NfTablesSettings;

/**
 * Our nf_tables requests against keepalived 2.2.7's, captured with strace from Debian 12's
 * keepalived running in a namespace (src/test/resources/nftables/*.conf, one line per sendto on
 * its NETLINK_NETFILTER socket: the GETTABLE probes, the batch that creates the table and adds
 * the VIPs when it became MASTER, the batch removing them at SIGTERM, the table deletion).
 * Equal byte for byte except the alignment padding, which keepalived leaves uninitialised.
 */
class NftCapturesTest {
    private static final Path DIR = Path.of("src/test/resources/nftables");

    private static List<byte[]> capture(String name) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String l : Files.readAllLines(DIR.resolve(name + ".hex"))) {
            if (!l.isBlank()) {
                out.add(HexFormat.of().parseHex(l.strip()));
            }
        }
        return out;
    }

    private static int seqOf(byte[] datagram) {
        return ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder()).getInt(8);
    }

    /** Concatenates messages as one sendto carries them. */
    private static byte[] datagram(List<byte[]> msgs) {
        int len = msgs.stream().mapToInt(m -> (m.length + 3) & ~3).sum();
        ByteBuffer b = ByteBuffer.allocate(len);
        for (byte[] m : msgs) {
            b.put(m);
            b.position((b.position() + 3) & ~3);
        }
        return b.array();
    }

    private static void assertSame(byte[] keepalived, byte[] ours, String what) {
        byte[] k = NlPadding.zeroed(keepalived);
        byte[] o = NlPadding.zeroed(ours);
        assertEquals(NlPadding.dump(k), NlPadding.dump(o), what);
        assertEquals(HexFormat.of().formatHex(k), HexFormat.of().formatHex(o), what);
    }

    /** Records the probes and answers "no such table". */
    private static final class Probe implements NftPlanner.TableProbe {
        final List<byte[]> sent = new ArrayList<>();
        boolean exists;

        @Override
        public boolean exists(byte[] getTable, int seq) {
            sent.add(getTable);
            return exists;
        }
    }

    private static NftPlanner.Element el(String a, int ifindex, String ifname, boolean byName) throws IOException {
        return new NftPlanner.Element(InetAddress.getByName(a), ifindex, ifname, byName);
    }

    @Test
    void strictIpv4MasterThenStop() throws IOException {
        List<byte[]> k = capture("strict-ipv4");
        assertEquals(5, k.size());
        List<String> logs = new ArrayList<>();
        NftPlanner p = new NftPlanner(NfTablesSettings.NONE, seqOf(k.get(2)), logs::add);
        Probe probe = new Probe();
        List<NftPlanner.Element> vips = List.of(el("198.51.100.100", 2, "v0", false));
        byte[] add = datagram(p.update(vips, true, probe));
        assertSame(k.get(0), probe.sent.get(0), "GETTABLE ip keepalived");
        assertSame(k.get(1), probe.sent.get(1), "GETTABLE ip6 keepalived");
        assertSame(k.get(2), add, "becoming MASTER: table, chains, set, rules, element");
        assertSame(k.get(3), datagram(p.update(vips, false, probe)), "leaving MASTER: element removed");
        assertTrue(p.anyTable());
        assertSame(k.get(4), datagram(p.cleanup()), "stop: table deleted");
        assertFalse(p.anyTable());
        assertEquals(List.of(), logs);
        assertEquals(List.of(), p.cleanup(), "nothing left to delete");
    }

    @Test
    void strictIpv6WithLinkLocalVip() throws IOException {
        List<byte[]> k = capture("strict-ipv6");
        assertEquals(5, k.size());
        NftPlanner p = new NftPlanner(NfTablesSettings.NONE, seqOf(k.get(2)), l -> { });
        Probe probe = new Probe();
        List<NftPlanner.Element> vips = List.of(el("fe80::52", 2, "v0", false), el("2001:db8::100", 2, "v0", false));
        byte[] add = datagram(p.update(vips, true, probe));
        assertSame(k.get(0), probe.sent.get(0), "GETTABLE ip keepalived");
        assertSame(k.get(1), probe.sent.get(1), "GETTABLE ip6 keepalived");
        assertSame(k.get(2), add, "ip6 table with link-local chains and the ifindex set");
        assertSame(k.get(3), datagram(p.update(vips, false, probe)), "elements removed");
        assertSame(k.get(4), datagram(p.cleanup()), "ip6 table deleted");
    }

    @Test
    void namedTableWithPriorityCountersAndBothFamilies() throws IOException {
        List<byte[]> k = capture("counters-both");
        assertEquals(7, k.size());
        NfTablesSettings s = new NfTablesSettings(Optional.of("ka_test"), -5, true, false);
        NftPlanner p = new NftPlanner(s, seqOf(k.get(2)), l -> { });
        Probe probe = new Probe();
        List<NftPlanner.Element> v4 = List.of(el("198.51.100.100", 2, "v0", false), el("198.51.100.101", 2, "v0", false));
        // dont_track_primary: the link-local VIP is matched by interface name
        List<NftPlanner.Element> v6 = List.of(el("fe80::52", 2, "v0", true), el("2001:db8::100", 2, "v0", false));
        byte[] add4 = datagram(p.update(v4, true, probe));
        byte[] add6 = datagram(p.update(v6, true, probe));
        assertEquals(2, probe.sent.size(), "tables probed once");
        assertSame(k.get(0), probe.sent.get(0), "GETTABLE ip ka_test");
        assertSame(k.get(1), probe.sent.get(1), "GETTABLE ip6 ka_test");
        assertSame(k.get(2), add4, "ip table, counters, priority -5");
        assertSame(k.get(3), add6, "ip6 table, vips_link_local_name");
        assertSame(k.get(4), datagram(p.update(v4, false, probe)), "ip elements removed");
        assertSame(k.get(5), datagram(p.update(v6, false, probe)), "ip6 elements removed");
        assertSame(k.get(6), datagram(p.cleanup()), "both tables deleted in one batch");
    }

    @Test
    void aTableLeftByAPreviousRunIsDeletedFirst() throws IOException {
        List<String> logs = new ArrayList<>();
        NftPlanner p = new NftPlanner(NfTablesSettings.NONE, 100, logs::add);
        Probe probe = new Probe();
        probe.exists = true;
        List<byte[]> batch = p.update(List.of(el("198.51.100.100", 2, "v0", false)), true, probe);
        assertEquals(List.of("Deleting old ip keepalived table", "Deleting old ip6 keepalived table"), logs);
        // begin, DELTABLE ip, DELTABLE ip6, NEWTABLE ...
        assertEquals(NftConstants.NFNL_SUBSYS_NFTABLES << 8 | NftConstants.NFT_MSG_DELTABLE,
                ByteBuffer.wrap(batch.get(1)).order(ByteOrder.nativeOrder()).getShort(4) & 0xffff);
        assertEquals(NftConstants.NFPROTO_IPV6, batch.get(2)[16]);
        assertEquals(103, seqOf(batch.get(1)), "after the batch begin (100) and the two probes");
    }
}

package org.keepalived4j.net.nft;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.keepalived4j.config.model.NfTablesSettings;
import org.keepalived4j.net.LinuxConstants;
import org.keepalived4j.net.NativeException;
import org.keepalived4j.net.Structs;
import org.keepalived4j.net.Syscalls;
import org.keepalived4j.vrrp.port.FirewallPort;
import org.keepalived4j.vrrp.port.LogPort;

/**
 * Accept mode through nf_tables, as Debian 12's keepalived 2.2.7 does it (built with nftables,
 * without iptables): the requests of {@link NftPlanner} sent as nfnetlink batches on a
 * NETLINK_NETFILTER socket opened at the first use, each batch's acknowledgements awaited (2 s at
 * most). The tables are deleted by {@link #close()}. Called from the VRRP event loop only.
 */
public final class LinuxNftables implements FirewallPort, AutoCloseable {
    private final LogPort log;
    private NfTablesSettings settings;
    private NftPlanner planner;
    private int fd = -1;

    public LinuxNftables(LogPort log) {
        this.log = log;
    }

    /**
     * The settings of the configuration in force. keepalived cannot change them at a reload; a
     * different table name keeps the running one with keepalived's line.
     */
    public synchronized void configure(NfTablesSettings next) {
        if (settings == null) {
            settings = next;
        } else if (!settings.tableOrDefault().equals(next.tableOrDefault()) && planner != null && planner.anyTable()) {
            log.info("Cannot change nftables table name at a reload - please restart keepalived");
        } else if (planner == null || !planner.anyTable()) {
            settings = next;
            planner = null;
        }
    }

    private NftPlanner planner() {
        if (planner == null) {
            // keepalived numbers its first batch from time(NULL)
            planner = new NftPlanner(settings == null ? NfTablesSettings.NONE : settings,
                    (int) (System.currentTimeMillis() / 1000), log::info);
        }
        return planner;
    }

    @Override
    public synchronized void add(List<Entry> entries) throws IOException {
        send(planner().update(elements(entries), true, this::probe), "add VIPs to");
    }

    @Override
    public synchronized void remove(List<Entry> entries) throws IOException {
        send(planner().update(elements(entries), false, this::probe), "remove VIPs from");
    }

    private List<NftPlanner.Element> elements(List<Entry> entries) throws NativeException {
        boolean ifindex = settings != null && settings.ifindex();
        List<NftPlanner.Element> out = new ArrayList<>();
        for (Entry e : entries) {
            InetAddress a = e.address();
            boolean ll = a.isLinkLocalAddress() && a.getAddress().length == 16;
            out.add(new NftPlanner.Element(a, ll ? Syscalls.ifNameToIndex(e.ifname()) : 0, e.ifname(),
                    e.byName() && !ifindex));
        }
        return out;
    }

    private int socket() throws NativeException {
        if (fd < 0) {
            int s = Syscalls.socket(LinuxConstants.AF_NETLINK, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                    NftConstants.NETLINK_NETFILTER);
            try {
                Syscalls.setsockopt(s, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO,
                        Structs.timeval(2_000_000), "SO_RCVTIMEO");
                Syscalls.bind(s, Structs.sockaddrNl(0, 0));
            } catch (NativeException e) {
                Syscalls.close(s);
                throw e;
            }
            fd = s;
        }
        return fd;
    }

    /** check_table(): the table exists when the kernel answers the GETTABLE with it rather than ENOENT. */
    private boolean probe(byte[] getTable, int seq) {
        try {
            int s = socket();
            Syscalls.sendto(s, getTable, getTable.length, Structs.sockaddrNl(0, 0));
            byte[] buf = new byte[8192];
            boolean found = false;
            for (int tries = 0; tries < 8; tries++) {
                int n = Syscalls.recvfrom(s, buf, null);
                if (n < 0) {
                    return found;
                }
                for (Reply r : replies(buf, n)) {
                    if (r.seq() != seq) {
                        continue;
                    }
                    if (!r.error()) {
                        found = true;
                    } else {
                        return found || r.errno() == 0;
                    }
                }
            }
            return found;
        } catch (NativeException e) {
            log.info("nftables: cannot check for an old table: " + e.getMessage());
            return false;
        }
    }

    /** One batch: sent in one datagram, then every acknowledgement read; the first refusal is thrown. */
    private void send(List<byte[]> batch, String what) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        Set<Integer> pending = new HashSet<>();
        ByteBuffer b = ByteBuffer.allocate(batch.stream().mapToInt(m -> (m.length + 3) & ~3).sum())
                .order(ByteOrder.nativeOrder());
        for (byte[] m : batch) {
            if ((ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).getShort(6) & NftConstants.NLM_F_ACK) != 0) {
                pending.add(ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).getInt(8));
            }
            b.put(m);
            b.position((b.position() + 3) & ~3);
        }
        int s = socket();
        Syscalls.sendto(s, b.array(), b.capacity(), Structs.sockaddrNl(0, 0));
        byte[] buf = new byte[16384];
        int refused = 0;
        while (!pending.isEmpty()) {
            int n = Syscalls.recvfrom(s, buf, null);
            if (n < 0) {
                throw new IOException("nftables: no acknowledgement from the kernel within 2 s");
            }
            for (Reply r : replies(buf, n)) {
                if (r.error() && pending.remove(r.seq()) && r.errno() != 0 && refused == 0) {
                    refused = r.errno();
                    // keepalived's exchange_nl_msg() line for a refused batch
                    log.info("mnl_socket_recvfrom error ret " + n + " - errno " + refused + " ("
                            + Syscalls.strerror(refused) + "), ret_cb -1,");
                }
            }
            if (refused != 0) {
                break;  // the kernel aborts the whole batch: nothing of it was applied
            }
        }
        if (refused != 0) {
            throw new NativeException("nftables: " + what + " table " + planner().table(), refused,
                    Syscalls.strerror(refused));
        }
    }

    /** A message of a received datagram: its sequence number and, for NLMSG_ERROR, the errno. */
    private record Reply(int seq, boolean error, int errno) {
    }

    private static List<Reply> replies(byte[] buf, int len) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len).order(ByteOrder.nativeOrder());
        List<Reply> out = new ArrayList<>();
        int off = 0;
        while (off + 16 <= len) {
            int mlen = b.getInt(off);
            if (mlen < 16) {
                break;
            }
            int type = b.getShort(off + 4) & 0xffff;
            boolean error = type == NftConstants.NLMSG_ERROR && off + 20 <= len;
            out.add(new Reply(b.getInt(off + 8), error, error ? -b.getInt(off + 16) : 0));
            off += (mlen + 3) & ~3;
        }
        return out;
    }

    /** nft_end(): the tables go (VIPs still in them with --dont-release-vrrp go with them). */
    @Override
    public synchronized void close() {
        try {
            if (planner != null) {
                send(planner.cleanup(), "delete");
            }
        } catch (IOException e) {
            log.info("nftables: cannot delete table " + planner.table() + ": " + e.getMessage());
        } finally {
            if (fd >= 0) {
                Syscalls.close(fd);
                fd = -1;
            }
        }
    }
}

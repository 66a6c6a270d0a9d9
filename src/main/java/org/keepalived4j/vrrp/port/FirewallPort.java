package org.keepalived4j.vrrp.port;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * The firewall keepalived uses for accept mode (nftables, its table {@code keepalived} in
 * production): while a non-owner instance without {@code accept} is MASTER its VIPs are in the
 * drop sets, so the host neither accepts packets to them nor sends from them (RFC 5798
 * Accept_Mode false). Each call is one atomic batch; a refused batch is an {@link IOException}.
 */
public interface FirewallPort {
    /**
     * One VIP in the drop sets.
     *
     * @param ifname the VIP's interface (link-local VIPs are matched with it)
     * @param byName a link-local VIP keepalived matches by interface name rather than index
     *               (dont_track_primary, and the VIP on the instance's interface or no_track)
     */
    record Entry(InetAddress address, String ifname, boolean byName) {
    }

    void add(List<Entry> entries) throws IOException;

    void remove(List<Entry> entries) throws IOException;

    /** For instances that never block (tests, or no firewall wanted). */
    FirewallPort NONE = new FirewallPort() {
        @Override
        public void add(List<Entry> entries) {
        }

        @Override
        public void remove(List<Entry> entries) {
        }
    };
}

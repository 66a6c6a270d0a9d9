package org.keepalived4j.lvs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.keepalived4j.config.model.VirtualServerConfig;
import org.keepalived4j.config.model.VirtualServerGroupConfig;
import org.keepalived4j.util.IpAddresses;

/**
 * The IPVS services a virtual_server stands for: itself, or every member of its
 * virtual_server_group ({@code IP [PORT]}, {@code IP-LAST [PORT]} - a range of the last IPv4
 * octet or IPv6 group, as keepalived's vsg ranges - and {@code fwmark N}).
 */
final class ServiceKeys {
    private ServiceKeys() {
    }

    static List<ServiceKey> expand(VirtualServerConfig vs, VirtualServerGroupConfig group) {
        if (vs.fwmark().isPresent()) {
            return List.of(ServiceKey.fwmark(vs.fwmark().getAsLong(), false));
        }
        if (vs.address().isPresent()) {
            return List.of(ServiceKey.of(vs.protocol(), vs.address().get(), vs.port()));
        }
        List<ServiceKey> out = new ArrayList<>();
        if (group == null) {
            return out;     // keepalived ignores a VS whose group is not configured (reported by the config check)
        }
        for (List<String> e : group.entries()) {
            if (e.isEmpty()) {
                continue;
            }
            if (e.get(0).equals("fwmark") && e.size() > 1) {
                out.add(ServiceKey.fwmark(Long.parseLong(e.get(1)), false));
                continue;
            }
            int port = e.size() > 1 ? Integer.parseInt(e.get(1)) : vs.port();
            range(e.get(0)).forEach(a -> out.add(ServiceKey.of(vs.protocol(), a, port)));
        }
        return out;
    }

    /** {@code 198.51.100.1-3} → .1 .2 .3; {@code 2001:db8::1-a} → ::1 … ::a; a single address → itself. */
    static List<InetAddress> range(String text) {
        int dash = text.lastIndexOf('-');
        List<InetAddress> out = new ArrayList<>();
        InetAddress first = IpAddresses.parse(dash < 0 ? text : text.substring(0, dash)).orElse(null);
        if (first == null) {
            return out;
        }
        if (dash < 0) {
            out.add(first);
            return out;
        }
        byte[] b = first.getAddress();
        boolean v6 = b.length == 16;
        int start = v6 ? ((b[14] & 0xff) << 8) | (b[15] & 0xff) : b[3] & 0xff;
        int end = Integer.parseInt(text.substring(dash + 1), v6 ? 16 : 10);
        for (int i = start; i <= end; i++) {
            if (v6) {
                b[14] = (byte) (i >> 8);
                b[15] = (byte) i;
            } else {
                b[3] = (byte) i;
            }
            try {
                out.add(InetAddress.getByAddress(b));
            } catch (UnknownHostException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return out;
    }
}

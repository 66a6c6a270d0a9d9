package org.keepalived4j.it;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import org.keepalived4j.net.InterfaceInfo;
import org.keepalived4j.net.LinuxVrrpSocket;
import org.keepalived4j.vrrp.packet.VrrpCodec;
import org.keepalived4j.vrrp.packet.VrrpPacket;

/**
 * Test tool, run inside a namespace: sends crafted VRRPv2 adverts for VRID 51 (VIP
 * 198.51.100.100, password secret12) to 224.0.0.18.
 * Usage: {@code PacketInjector IFNAME SRC KIND...}, KIND one of good, checksum, ttl, version, auth,
 * truncated, vrid, noaddr, interval.
 */
public final class PacketInjector {
    private PacketInjector() {
    }

    public static void main(String[] args) throws Exception {
        String ifname = args[0];
        Inet4Address src = (Inet4Address) InetAddress.getByName(args[1]);
        Inet4Address group = (Inet4Address) InetAddress.getByName("224.0.0.18");
        InterfaceInfo info = InterfaceInfo.of(ifname).orElseThrow();
        try (LinuxVrrpSocket s = new LinuxVrrpSocket(ifname, info.index(), group, 100_000)) {
            for (String kind : Arrays.copyOfRange(args, 2, args.length)) {
                int ttl = kind.equals("ttl") ? 64 : 255;
                s.send(src, group, craft(kind, src, group), ttl);
                Thread.sleep(20);
            }
        }
    }

    static byte[] craft(String kind, InetAddress src, InetAddress dst) throws Exception {
        List<InetAddress> vip = kind.equals("noaddr") ? List.of() : List.of(InetAddress.getByName("198.51.100.100"));
        int version = kind.equals("version") ? 3 : 2;
        byte[] pass = Arrays.copyOf((kind.equals("auth") ? "wrongpwd" : "secret12").getBytes(), 8);
        VrrpPacket p = new VrrpPacket(version, kind.equals("vrid") ? 77 : 51, 254, version == 2 ? 1 : 0,
                kind.equals("interval") ? 4 : (version == 2 ? 1 : 100), vip, version == 2 ? pass : new byte[0]);
        byte[] m = VrrpCodec.encode(p, src, dst, false);
        if (kind.equals("checksum")) {
            m[7] ^= 0x01;
        }
        if (kind.equals("truncated")) {
            m = Arrays.copyOf(m, 12);
        }
        return m;
    }
}

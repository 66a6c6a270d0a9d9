package org.keepalived4j.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;

import org.keepalived4j.vrrp.packet.ArpCodec;
import org.keepalived4j.vrrp.port.AnnouncePort;

/** Gratuitous ARP on an AF_PACKET socket (vrrp_arp.c does the same). */
public final class LinuxAnnouncer implements AnnouncePort, AutoCloseable {
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private final int fd;

    public LinuxAnnouncer() throws NativeException {
        fd = Syscalls.socket(LinuxConstants.AF_PACKET, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                Short.toUnsignedInt(Short.reverseBytes((short) LinuxConstants.ETH_P_ARP)));
    }

    @Override
    public void announce(String ifname, InetAddress address) throws IOException {
        if (!(address instanceof Inet4Address v4)) {
            throw new IOException("unsolicited neighbour advertisements (IPv6) are not implemented yet: " + address);
        }
        InterfaceInfo info = InterfaceInfo.of(ifname).orElseThrow(() -> new IOException("no interface " + ifname));
        byte[] frame = ArpCodec.gratuitousArp(info.mac(), v4);
        Syscalls.sendto(fd, frame, frame.length, Structs.sockaddrLl(LinuxConstants.ETH_P_ARP, info.index(), BROADCAST));
    }

    @Override
    public void close() {
        Syscalls.close(fd);
    }
}

package org.keepalived4j.vrrp.packet;

import java.net.Inet4Address;

/**
 * A gratuitous ARP frame as keepalived sends it (send_gratuitous_arp_immediate() in
 * vrrp_arp.c): Ethernet broadcast, ARP request, sender = target = the virtual address,
 * sender hardware = our MAC, target hardware = broadcast.
 */
public final class ArpCodec {
    public static final int FRAME_LENGTH = 42;
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private ArpCodec() {
    }

    public static byte[] gratuitousArp(byte[] mac, Inet4Address address) {
        byte[] f = new byte[FRAME_LENGTH];
        System.arraycopy(BROADCAST, 0, f, 0, 6);      // destination
        System.arraycopy(mac, 0, f, 6, 6);            // source
        f[12] = 0x08;                                 // EtherType ARP
        f[13] = 0x06;
        f[14] = 0x00;                                 // hardware type Ethernet
        f[15] = 0x01;
        f[16] = 0x08;                                 // protocol IPv4
        f[17] = 0x00;
        f[18] = 6;                                    // hardware address length
        f[19] = 4;                                    // protocol address length
        f[20] = 0x00;                                 // operation: request
        f[21] = 0x01;
        byte[] ip = address.getAddress();
        System.arraycopy(mac, 0, f, 22, 6);           // sender hardware address
        System.arraycopy(ip, 0, f, 28, 4);            // sender protocol address
        System.arraycopy(BROADCAST, 0, f, 32, 6);     // target hardware address
        System.arraycopy(ip, 0, f, 38, 4);            // target protocol address
        return f;
    }
}

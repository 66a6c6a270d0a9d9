package org.keepalived4j.vrrp.runtime;

/** keepalived 2.2.7's log lines about AH authentication (vrrp.c), word for word. */
final class AhMessages {
    private AhMessages() {
    }

    /** vrrp_in_chk_ipsecah(): the ICV does not match. */
    static String invalidDigest(String instance) {
        return "(" + instance + ") IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !";
    }

    /**
     * vrrp_in_chk_ipsecah(): the SPI is not the source address. keepalived prints both as %u of
     * the raw network-order words, i.e. as a little-endian host reads them; so do we.
     *
     * @param source the IPv4 source, big-endian as on the wire
     * @param spi    the SPI, big-endian as on the wire
     */
    static String invalidSpi(long source, long spi) {
        return "IPSEC AH : invalid IPSEC SPI value. " + hostOrder(source) + " and expect " + hostOrder(spi);
    }

    /** vrrp_in_chk_ipsecah(): replayed or old sequence number. */
    static String sequenceAlreadyProcessed(String instance, long received, long local) {
        return "(" + instance + ") IPSEC-AH : sequence number " + received + " already processed. Packet dropped. Local("
                + local + ")";
    }

    /** vrrp_check_packet(): an AH instance got a plain VRRP datagram. */
    static String noAhHeader(String instance) {
        return "(" + instance + ") No AH header but auth type is AH";
    }

    /** vrrp_check_packet(): a non-AH instance got an AH datagram. */
    static String unexpectedAhHeader(String instance) {
        return "(" + instance + ") Received AH header but auth type not AH";
    }

    /** vrrp_state_master_rx(): a master heard a lower priority advert and continues above its number. */
    static String syncingSequence(String instance) {
        return "(" + instance + ") IPSEC-AH : Syncing seq_num - Increment seq";
    }

    static long hostOrder(long bigEndian) {
        return Integer.toUnsignedLong(Integer.reverseBytes((int) bigEndian));
    }
}

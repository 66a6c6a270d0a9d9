package org.keepalived4j.vrrp.packet;

/**
 * Why a received advertisement was dropped; each has a counter (SIGUSR2 stats) and a
 * rate-limited log line. Order follows keepalived's checks (vrrp_check_packet()).
 */
public enum DropReason {
    TOO_SHORT("packet too short"),
    BAD_IP_HEADER("bad IP header"),
    WRONG_LENGTH("packet length mismatch"),
    BAD_TTL("invalid TTL/hop limit"),
    BAD_VERSION("wrong VRRP version"),
    BAD_TYPE("invalid packet type"),
    UNKNOWN_VRID("unknown VRID"),
    BAD_AUTH_TYPE("invalid authentication type"),
    AUTH_TYPE_MISMATCH("authentication type mismatch"),
    BAD_AUTH("authentication failure"),
    AH_BAD_DIGEST("invalid IPSEC-AH HMAC-MD5 digest"),
    AH_BAD_SPI("invalid IPSEC-AH SPI"),
    AH_REPLAY("IPSEC-AH sequence number already processed"),
    INTERVAL_MISMATCH("advertisement interval mismatch"),
    BAD_CHECKSUM("invalid checksum"),
    ADDRESS_COUNT("address count invalid"),
    NOT_A_PEER("source is not a unicast peer"),
    OWN_PACKET("own advertisement");

    private final String text;

    DropReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Counted in keepalived's auth_failure ("Authentication Errors: Failure" in keepalived.stats). */
    public boolean isAuthFailure() {
        return this == BAD_AUTH || this == AH_BAD_DIGEST || this == AH_BAD_SPI || this == AH_REPLAY;
    }
}

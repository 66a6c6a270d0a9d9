package org.keepalived4j.net.ipvs;

/**
 * The answer to IPVS_CMD_GET_INFO.
 *
 * @param version       IP_VS_VERSION_CODE, e.g. 0x010201
 * @param connTableSize entries in the connection hash table
 */
public record IpvsInfo(long version, long connTableSize) {
    /** The version as ipvsadm prints it: {@code 1.2.1}. */
    public String versionString() {
        return ((version >> 16) & 0xff) + "." + ((version >> 8) & 0xff) + "." + (version & 0xff);
    }
}

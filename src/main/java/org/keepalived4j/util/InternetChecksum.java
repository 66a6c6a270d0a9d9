package org.keepalived4j.util;

/** The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words. */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Add {@code len} bytes from {@code off} to a running 32-bit sum (odd length padded with zero). */
    public static long add(long sum, byte[] data, int off, int len) {
        int i = off;
        int end = off + len;
        while (i + 1 < end) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
            i += 2;
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Fold a running sum into the 16-bit checksum value. */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    public static int of(byte[] data, int off, int len) {
        return finish(add(0, data, off, len));
    }
}

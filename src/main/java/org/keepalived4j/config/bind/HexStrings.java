package org.keepalived4j.config.bind;

import java.util.Optional;

/**
 * keepalived's read_hex_str() (lib/parser.c): octets of one or two hex digits separated by
 * blanks ("01 2 ab" is 01 02 ab, "0102" is 01 02); with wildcards allowed an 'x' or 'X' digit
 * matches any nibble (its mask nibble is 0xf).
 */
final class HexStrings {
    /** The octets and, when a wildcard was used, the mask (0xf per wildcard nibble). */
    record Parsed(byte[] data, Optional<byte[]> mask) {
    }

    private HexStrings() {
    }

    /** Empty when the text has a non-hex character or no octet. */
    static Optional<Parsed> parse(String text, boolean wildcards) {
        byte[] data = new byte[(text.length() + 1) / 2];
        byte[] mask = new byte[data.length];
        boolean masked = false;
        int len = 0;
        int i = 0;
        while (true) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i == text.length()) {
                break;
            }
            int hi = digit(text.charAt(i++), wildcards);
            if (hi < 0) {
                return Optional.empty();
            }
            int m = hi == WILD ? 0x0f : 0;
            int v = hi == WILD ? 0 : hi;
            if (i < text.length() && text.charAt(i) != ' ') {
                int lo = digit(text.charAt(i++), wildcards);
                if (lo < 0) {
                    return Optional.empty();
                }
                m <<= 4;
                v <<= 4;
                if (lo == WILD) {
                    m |= 0x0f;
                } else {
                    v |= lo;
                }
            }
            masked |= m != 0;
            data[len] = (byte) v;
            mask[len] = (byte) m;
            len++;
        }
        if (len == 0) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(java.util.Arrays.copyOf(data, len),
                masked ? Optional.of(java.util.Arrays.copyOf(mask, len)) : Optional.empty()));
    }

    private static final int WILD = 0xfe;

    /** hex_val(). */
    private static int digit(char c, boolean wildcards) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char u = c >= 'a' ? (char) (c - ('a' - 'A')) : c;
        if (u >= 'A' && u <= 'F') {
            return u - 'A' + 10;
        }
        return wildcards && u == 'X' ? WILD : -1;
    }
}

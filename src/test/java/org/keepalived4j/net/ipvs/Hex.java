package org.keepalived4j.net.ipvs;

import java.util.HexFormat;

/** Golden bytes written as commented hex: {@code //} to the end of a line is a comment, whitespace is ignored. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String commented) {
        StringBuilder s = new StringBuilder();
        for (String line : commented.split("\n")) {
            int c = line.indexOf("//");
            s.append((c >= 0 ? line.substring(0, c) : line).replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(s.toString());
    }

    static String of(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}

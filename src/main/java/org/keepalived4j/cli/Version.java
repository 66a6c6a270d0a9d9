package org.keepalived4j.cli;

/** Version strings. keepalived users grep "Keepalived v": we say which behaviour we follow. */
final class Version {
    static final String PRODUCT = "keepalived4j";
    static final String VERSION = "0.1.0";
    static final String COMPATIBLE = "2.2.7";

    private Version() {
    }

    static String banner() {
        return "Keepalived v" + COMPATIBLE + " compatible: " + PRODUCT + " " + VERSION
                + " (Java " + System.getProperty("java.version") + ")";
    }
}

package org.keepalived4j.config;

import java.util.Set;

/**
 * What validation needs to know about the machine: its interfaces and its short host name
 * (the default config id and router_id). A port so tests can describe any host.
 *
 * @param interfaces names of the network interfaces that exist
 * @param hostName   the short host name (up to the first '.')
 */
public record HostInfo(Set<String> interfaces, String hostName) {

    public HostInfo {
        interfaces = Set.copyOf(interfaces);
    }

    /** The machine this JVM runs on, in its current network namespace. */
    public static HostInfo local() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.io.File[] dirs = new java.io.File("/sys/class/net").listFiles();
        if (dirs != null) {
            for (java.io.File d : dirs) {
                names.add(d.getName());
            }
        }
        if (names.isEmpty()) {
            try {
                java.util.Enumeration<java.net.NetworkInterface> e = java.net.NetworkInterface.getNetworkInterfaces();
                while (e != null && e.hasMoreElements()) {
                    names.add(e.nextElement().getName());
                }
            } catch (java.net.SocketException ignored) {
                // no interfaces visible
            }
        }
        return new HostInfo(names, shortHostName());
    }

    static String shortHostName() {
        String h = null;
        try {
            h = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException e) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException ignored) {
                h = "localhost";
            }
        }
        int dot = h.indexOf('.');
        return dot > 0 ? h.substring(0, dot) : h;
    }
}

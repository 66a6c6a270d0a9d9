package org.keepalived4j.cli;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;

import org.keepalived4j.config.HostInfo;

/** Reads the {@link HostInfo} of the machine (current network namespace) this JVM runs on. */
final class LocalHost {
    private LocalHost() {
    }

    static HostInfo detect() {
        Set<String> names = new TreeSet<>();
        File[] dirs = new File("/sys/class/net").listFiles();
        if (dirs != null) {
            for (File d : dirs) {
                names.add(d.getName());
            }
        }
        if (names.isEmpty()) {
            try {
                Enumeration<NetworkInterface> e = NetworkInterface.getNetworkInterfaces();
                while (e != null && e.hasMoreElements()) {
                    names.add(e.nextElement().getName());
                }
            } catch (SocketException ignored) {
                // no interfaces visible: every configured interface will be reported missing
            }
        }
        return new HostInfo(names, shortHostName());
    }

    /** The host name up to the first '.', keepalived's default config id. */
    static String shortHostName() {
        String h;
        try {
            h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException ignored) {
                h = "localhost";
            }
        }
        int dot = h.indexOf('.');
        return dot > 0 ? h.substring(0, dot) : h;
    }
}

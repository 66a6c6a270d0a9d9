package org.keepalived4j.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Reads and writes sysctls under {@code /proc/sys} of the caller's network namespace, as
 * keepalived's get_sysctl() / set_sysctl() (vrrp_if_config.c) do. The root is a parameter so
 * tests can point it at a directory.
 */
public final class Sysctl {
    private final Path root;

    public Sysctl() {
        this(Path.of("/proc/sys"));
    }

    public Sysctl(Path root) {
        this.root = root;
    }

    /** {@code net/ipv4/conf/IFNAME/PARAM} */
    public static String ipv4Conf(String ifname, String param) {
        return "net/ipv4/conf/" + ifname + "/" + param;
    }

    /** {@code net/ipv6/conf/IFNAME/PARAM} */
    public static String ipv6Conf(String ifname, String param) {
        return "net/ipv6/conf/" + ifname + "/" + param;
    }

    /** The value, or empty when the file cannot be read or does not hold a number. */
    public OptionalInt read(String path) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(root.resolve(path), StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Write a value; false when the kernel refused it (or the file does not exist). */
    public boolean write(String path, int value) {
        try {
            Files.writeString(root.resolve(path), Integer.toString(value), StandardCharsets.US_ASCII,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The interfaces listed under {@code net/ipv4/conf} (without {@code all} and {@code default}). */
    public List<String> ipv4Interfaces() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root.resolve("net/ipv4/conf"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("all") && !n.equals("default")).sorted()
                    .forEach(out::add);
        } catch (IOException e) {
            // no IPv4 configuration directory: nothing to list
        }
        return out;
    }
}

package org.keepalived4j.testutil;

import java.io.IOException;

import org.keepalived4j.it.NetLab;

/**
 * A network namespace of a test's own (root only): lo up, and a veth pair d0/d1, d0 holding
 * 198.51.100.1/24 and 2001:db8::1/64, whose other addresses never answer. Deleted on close.
 */
public final class TestNetns implements AutoCloseable {
    public final String name;

    public TestNetns(String purpose) throws IOException {
        this.name = "k4j" + purpose + ProcessHandle.current().pid();
        NetLab.run("ip", "netns", "add", name);
        try {
            NetLab.run("ip", "-n", name, "link", "set", "lo", "up");
            NetLab.run("ip", "-n", name, "link", "add", "d0", "type", "veth", "peer", "name", "d1");
            NetLab.run("ip", "-n", name, "link", "set", "d0", "up");
            NetLab.run("ip", "-n", name, "link", "set", "d1", "up");
            NetLab.run("ip", "-n", name, "addr", "add", "198.51.100.1/24", "dev", "d0");
            NetLab.run("ip", "-n", name, "-6", "addr", "add", "2001:db8::1/64", "dev", "d0", "nodad");
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Root with ip(8): the tests using this may run. */
    public static boolean available() {
        return NetLab.available();
    }

    public String path() {
        return "/run/netns/" + name;
    }

    /** A command inside the namespace. */
    public String exec(String... cmd) throws IOException {
        String[] c = new String[cmd.length + 4];
        c[0] = "ip";
        c[1] = "netns";
        c[2] = "exec";
        c[3] = name;
        System.arraycopy(cmd, 0, c, 4, cmd.length);
        return NetLab.run(c);
    }

    @Override
    public void close() throws IOException {
        NetLab.run("ip", "netns", "del", name);
    }
}

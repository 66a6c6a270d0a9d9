package org.keepalived4j.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A throw-away LAN in network namespaces: a bridge namespace and hosts, each with eth0 on the
 * bridge. Names are unique per lab; {@link #close()} kills every process the lab started (by
 * pid) and deletes every namespace, also after failures. Every wait is bounded.
 * Addresses: 198.51.100.0/24 only.
 */
public final class NetLab implements AutoCloseable {
    private static int counter;
    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    public NetLab(String... hosts) throws IOException {
        synchronized (NetLab.class) {
            counter++;
            prefix = "k4j" + ProcessHandle.current().pid() % 100000 + "x" + counter;
        }
        try {
            ns("sw");
            run("ip", "-n", ns("sw", false), "link", "add", "br0", "type", "bridge");
            run("ip", "-n", ns("sw", false), "link", "set", "br0", "up");
            for (String h : hosts) {
                addHost(h);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Root may run this lab: ip exists and we are uid 0. */
    public static boolean available() {
        boolean ip = new File("/usr/sbin/ip").canExecute() || new File("/sbin/ip").canExecute()
                || new File("/usr/bin/ip").canExecute();
        return ip && "root".equals(System.getProperty("user.name"));
    }

    /** True when a program is on the PATH. */
    public static boolean installed(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (new File(d, program).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private String ns(String host) throws IOException {
        String n = prefix + host;
        run("ip", "netns", "add", n);
        namespaces.add(n);
        return n;
    }

    public String ns(String host, boolean create) {
        return prefix + host;
    }

    public void addHost(String h) throws IOException {
        String n = ns(h);
        String sw = ns("sw", false);
        run("ip", "-n", sw, "link", "add", "p-" + h, "type", "veth", "peer", "name", "eth0", "netns", n);
        run("ip", "-n", sw, "link", "set", "p-" + h, "master", "br0");
        run("ip", "-n", sw, "link", "set", "p-" + h, "up");
        run("ip", "-n", n, "link", "set", "lo", "up");
        run("ip", "-n", n, "link", "set", "eth0", "up");
    }

    /** Run a command to completion (30 s at most); returns stdout; fails on a non-zero exit. */
    public static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }

    /** Run a command inside a host. */
    public String in(String host, String... cmd) throws IOException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(host, false)));
        c.addAll(List.of(cmd));
        return run(c.toArray(String[]::new));
    }

    /** Start a long-running process inside a host, output to a log file. */
    public Process spawn(String host, Path log, String... cmd) throws IOException {
        return spawn(host, log, java.util.Map.of(), cmd);
    }

    /** As {@link #spawn(String, Path, String...)}, with extra environment variables. */
    public Process spawn(String host, Path log, java.util.Map<String, String> env, String... cmd) throws IOException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(host, false)));
        c.addAll(List.of(cmd));
        ProcessBuilder b = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().putAll(env);
        Process p = b.start();
        processes.add(p);
        return p;
    }

    /** Poll a condition every 20 ms until it holds or the time runs out. */
    public static boolean await(long timeoutMillis, BooleanSupplier condition) {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** True when the host has the address on eth0. */
    public boolean hasAddress(String host, String address) {
        try {
            return in(host, "ip", "-o", "addr", "show", "dev", "eth0").contains(" " + address + "/");
        } catch (IOException e) {
            return false;
        }
    }

    public String mac(String host) throws IOException {
        String out = in(host, "ip", "-o", "link", "show", "dev", "eth0");
        int i = out.indexOf("link/ether ");
        return out.substring(i + 11, i + 28);
    }

    public static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Send a signal to a process we started (by pid). */
    public static void signal(Process p, String sig) throws IOException {
        run("kill", "-" + sig, Long.toString(p.pid()));
    }

    @Override
    public void close() {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroyForcibly();
                try {
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                run("ip", "netns", "del", namespaces.get(i));
            } catch (IOException e) {
                System.err.println("NetLab: could not delete namespace " + namespaces.get(i) + ": " + e.getMessage());
            }
        }
    }
}

package org.keepalived4j.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LAN the VRRP integration tests share: lb1 198.51.100.11, lb2 198.51.100.12 and a client
 * 198.51.100.50 on one bridge, built fresh for every test and torn down after it (also on
 * failure). Skipped, with one loud line, where namespaces cannot be made.
 */
abstract class BalancerLan {
    static final String VIP = "198.51.100.100";
    static String jar;

    @TempDir
    Path dir;
    NetLab lab;

    @BeforeAll
    static void requirements() {
        boolean ok = NetLab.available();
        if (!ok) {
            System.err.println("*** VRRP integration tests SKIPPED: need root and iproute2 (network namespaces) ***");
        }
        assumeTrue(ok, "needs root and iproute2");
        jar = Path.of(System.getProperty("keepalived4j.jar", "target/keepalived.jar")).toAbsolutePath().toString();
        assumeTrue(Files.exists(Path.of(jar)), "jar built by mvn package");
    }

    @BeforeEach
    void lan() throws IOException {
        lab = new NetLab("lb1", "lb2", "client");
        lab.in("lb1", "ip", "addr", "add", "198.51.100.11/24", "dev", "eth0");
        lab.in("lb2", "ip", "addr", "add", "198.51.100.12/24", "dev", "eth0");
        lab.in("client", "ip", "addr", "add", "198.51.100.50/24", "dev", "eth0");
    }

    @AfterEach
    void teardown() {
        if (lab != null) {
            lab.close();
        }
    }

    /** A VRRP instance VI_1 (VRID 51) with the VIP; version 2 adds PASS authentication. */
    static String config(String extra, String state, int priority, String advert, int version) {
        return "vrrp_instance VI_1 {\n  state " + state + "\n  interface eth0\n  virtual_router_id 51\n  priority "
                + priority + "\n  advert_int " + advert + "\n  version " + version + "\n" + extra
                + (version == 2 ? "  authentication {\n    auth_type PASS\n    auth_pass secret12\n  }\n" : "")
                + "  virtual_ipaddress {\n    " + VIP + "/24\n  }\n}\n";
    }

    /** Our daemon in a host, in the foreground, logging to the console with detail. */
    Process ours(String host, String conf) throws IOException {
        Path c = dir.resolve(host + ".conf");
        Files.writeString(c, conf);
        return lab.spawn(host, dir.resolve(host + ".log"), "java", "-jar", jar, "-n", "-l", "-D", "-f", c.toString(),
                "-p", dir.resolve(host + ".pid").toString(), "-r", dir.resolve(host + "-vrrp.pid").toString());
    }

    String log(String host) {
        return NetLab.read(dir.resolve(host + ".log"));
    }
}

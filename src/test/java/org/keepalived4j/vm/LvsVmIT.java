package org.keepalived4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checker subsystem on a kernel with IPVS (Debian 12's, in the QEMU guest): our daemon (-C,
 * through the launcher) programs a NAT virtual server with two real servers checked by
 * TCP_CHECK; a client reaches both through the VIP; a real server whose listener dies is
 * removed and comes back when it returns; a reload that drops a real server removes only it
 * and leaves a service we do not own alone; SIGTERM removes what we configured.
 * Real servers and the client live in namespaces inside the guest; 198.51.100.0/24 and
 * 203.0.113.0/24 only. (The client speaks HTTP with bash's /dev/tcp: busybox wget from the host's
 * busybox crashes in the guest.)
 */
class LvsVmIT {
    @BeforeAll
    static void vm() {
        IpvsVm.assumeAvailable();
    }

    static String script(String jar, String launcher) {
        return """
                set -u
                modprobe ip_vs; modprobe ip_vs_rr
                J=%s; L=%s; W=/tmp/lvs; mkdir -p $W
                waitfor() { for _ in $(seq 1 $2); do if eval "$1"; then return 0; fi; sleep 1; done; echo "TIMEOUT: $1"; return 1; }
                ip link add br0 type bridge; ip addr add 198.51.100.1/24 dev br0; ip link set br0 up
                for i in 2 3; do
                  ip netns add rs$i; ip link add v$i type veth peer name eth0 netns rs$i
                  ip link set v$i master br0; ip link set v$i up
                  ip -n rs$i addr add 198.51.100.$i/24 dev eth0; ip -n rs$i link set eth0 up; ip -n rs$i link set lo up
                  ip -n rs$i route add default via 198.51.100.1
                  mkdir -p $W/www$i; echo "real server $i" > $W/www$i/index.html
                  ip netns exec rs$i busybox httpd -f -p 80 -h $W/www$i & echo $! > $W/httpd$i.pid
                done
                ip netns add cl; ip link add vc type veth peer name eth0 netns cl
                ip addr add 203.0.113.1/24 dev vc; ip link set vc up
                ip -n cl addr add 203.0.113.2/24 dev eth0; ip -n cl link set eth0 up; ip -n cl route add default via 203.0.113.1
                ip addr add 203.0.113.10/32 dev lo
                sysctl -qw net.ipv4.ip_forward=1
                rs() { printf ' real_server 198.51.100.%%s 80 {\\n  weight 1\\n  TCP_CHECK {\\n   connect_timeout 1\\n  }\\n }\\n' $1; }
                conf() { printf 'virtual_server 203.0.113.10 80 {\\n delay_loop 2\\n lb_algo rr\\n lb_kind NAT\\n protocol TCP\\n'; for i in "$@"; do rs $i; done; echo '}'; }
                conf 2 3 > $W/k.conf
                KEEPALIVED4J_JAR=$J $L -n -l -D -C -f $W/k.conf -p $W/k.pid -r $W/v.pid -c $W/c.pid > $W/log 2>&1 &
                KP=$!
                waitfor 'ipvsadm -Ln | grep -q "198.51.100.3:80"' 180
                echo "=== start"; ipvsadm -Ln
                echo "=== traffic"
                get() { ip netns exec cl timeout 10 bash -c "exec 3<>/dev/tcp/$1/80; printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3" | tail -1; }
                for _ in 1 2; do get 203.0.113.10; done
                kill $(cat $W/httpd3.pid)
                waitfor '! ipvsadm -Ln | grep -q "198.51.100.3:80"' 60
                echo "=== rs3 down"; ipvsadm -Ln
                ip netns exec rs3 busybox httpd -f -p 80 -h $W/www3 & echo $! > $W/httpd3.pid
                waitfor 'ipvsadm -Ln | grep -q "198.51.100.3:80"' 60
                echo "=== rs3 up"; ipvsadm -Ln
                ipvsadm -A -t 203.0.113.99:80 -s rr
                conf 2 > $W/k.conf; kill -HUP $KP
                waitfor '! ipvsadm -Ln | grep -q "198.51.100.3:80"' 60
                echo "=== reloaded"; ipvsadm -Ln
                kill -TERM $KP; wait $KP; echo "=== stopped rc=$?"; ipvsadm -Ln
                echo "=== log"; cat $W/log
                kill $(cat $W/httpd2.pid) $(cat $W/httpd3.pid) 2>/dev/null
                exit 0
                """.formatted(jar, launcher);
    }

    static String section(String out, String name) {
        int a = out.indexOf("=== " + name);
        int b = out.indexOf("=== ", a + 4);
        return a < 0 ? "" : out.substring(a, b < 0 ? out.length() : b);
    }

    @Test
    void ourCheckersProgramIpvsAndFollowTheRealServers() throws Exception {
        String jar = Path.of(System.getProperty("keepalived4j.jar", "target/keepalived.jar")).toAbsolutePath().toString();
        String launcher = Path.of(System.getProperty("keepalived4j.basedir", ".")).toAbsolutePath()
                .resolve("packaging/keepalived").toString();
        IpvsVm.Result r = IpvsVm.run(script(jar, launcher), Duration.ofSeconds(560));
        System.out.printf("LvsVmIT: exit %d, boot %d ms, whole run %d ms%n", r.exitCode(), r.bootMillis(),
                r.totalMillis());
        String out = r.stdout();
        assertEquals(0, r.exitCode(), r::describe);
        assertFalse(out.contains("TIMEOUT:"), r::describe);
        String start = section(out, "start").replaceAll(" +", " ");
        assertTrue(start.contains("TCP 203.0.113.10:80 rr") && !start.contains("persistent"), "not persistent:\n" + start);
        assertTrue(start.contains("-> 198.51.100.2:80 Masq 1 "), start);
        assertTrue(start.contains("-> 198.51.100.3:80 Masq 1 "), start);
        String traffic = section(out, "traffic");
        assertTrue(traffic.contains("real server 2") && traffic.contains("real server 3"),
                "rr sends one request to each real server through the VIP:\n" + traffic);
        assertFalse(section(out, "rs3 down").contains("198.51.100.3:80"), out);
        assertTrue(section(out, "rs3 up").contains("198.51.100.3:80"), out);
        String log = section(out, "log");
        String reloaded = section(out, "reloaded");
        assertTrue(reloaded.contains("-> 198.51.100.2:80") && !reloaded.contains("198.51.100.3:80"), reloaded);
        assertTrue(reloaded.contains("TCP  203.0.113.99:80 rr"), "a service we do not own is left alone:\n" + reloaded);
        assertTrue(log.contains("Reload complete"), log);
        String stopped = section(out, "stopped");
        assertTrue(stopped.contains("rc=0"), stopped);
        assertFalse(stopped.contains("203.0.113.10:80"), "SIGTERM removes what we configured:\n" + stopped);
        assertTrue(stopped.contains("203.0.113.99:80"), "and only that:\n" + stopped);
        assertTrue(log.contains("Removing service [198.51.100.3]:tcp:80 from VS [203.0.113.10]:tcp:80"), log);
        assertTrue(log.contains("Adding service [198.51.100.3]:tcp:80 to VS [203.0.113.10]:tcp:80"), log);
        assertTrue(log.contains("Startup complete"), log);
    }
}

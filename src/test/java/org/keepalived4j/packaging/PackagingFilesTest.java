package org.keepalived4j.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.testutil.ConfigFixture;

/** The files the .deb ships besides the jar: sample configuration, defaults, maintainer scripts. */
class PackagingFilesTest {
    private static final Path PKG = Run.basedir().resolve("packaging");

    @Test
    void sampleConfigurationIsAllCommentsAndChecksClean(@TempDir Path dir) throws IOException {
        String sample = Files.readString(PKG.resolve("keepalived.conf"));
        for (String line : sample.lines().toList()) {
            assertTrue(line.isBlank() || line.startsWith("#") || line.startsWith("!"), "not a comment: " + line);
        }
        ConfigLoader.Result r = ConfigFixture.load(dir, sample);
        assertEquals(List.of(), ConfigFixture.output(r));
        assertEquals(0, r.configTestExitCode());
        assertTrue(sample.contains("vrrp_instance") && sample.contains("198.51.100."), sample);
    }

    @Test
    void sampleConfigurationUncommentedIsAValidExampleOnBothRouters(@TempDir Path dir) throws IOException {
        // The example lines are commented with a single leading '!'; prose lines with '#'.
        String example = Files.readString(PKG.resolve("keepalived.conf")).lines().filter(l -> l.startsWith("!"))
                .map(l -> l.substring(1)).collect(Collectors.joining("\n", "", "\n"));
        for (String host : List.of("lb1", "lb2")) {
            ConfigLoader.Result r = ConfigFixture.load(dir, example, host);
            assertEquals(List.of(), ConfigFixture.output(r), host);
            assertEquals(0, r.configTestExitCode(), host);
            assertEquals(1, r.config().vrrpInstances().size(), host);
        }
    }

    @Test
    void trainingConfigurationChecksCleanWithoutInterfaces(@TempDir Path dir) throws IOException {
        // The CDS training run (build and postinst) must work on any host: no interface is named.
        String training = Files.readString(PKG.resolve("cds-training.conf"));
        assertTrue(!training.contains("interface ") && !training.contains(" dev "), "names an interface");
        ConfigLoader.Result r = ConfigFixture.load(dir, training);
        assertEquals(List.of(), ConfigFixture.output(r));
        assertEquals(0, r.configTestExitCode());
    }

    @Test
    void daemonTrainingConfigurationUsesOnlyItsOwnInterfaceAndTestAddresses(@TempDir Path dir) throws IOException {
        // cds-train.sh creates k4jtrain0 in a private network namespace; -t on this host only misses that interface.
        String training = Files.readString(PKG.resolve("cds-training-daemon.conf"));
        assertTrue(training.lines().filter(l -> !l.startsWith("!") && l.contains("interface ")).allMatch(l -> l.trim().equals("interface k4jtrain0")));
        ConfigLoader.Result r = ConfigFixture.load(dir, training);
        assertEquals(2, r.config().vrrpInstances().size());
        assertTrue(ConfigFixture.output(r).stream().allMatch(l -> l.contains("k4jtrain0") || l.contains("Non-existent interface")),
                String.join("\n", ConfigFixture.output(r)));
        assertTrue(r.config().vrrpInstances().stream().flatMap(i -> i.virtualIpAddresses().stream())
                .allMatch(v -> v.address().getHostAddress().startsWith("198.51.100.") || v.address().getHostAddress().startsWith("2001:db8:")));
        String script = Files.readString(PKG.resolve("cds-train.sh"));
        assertTrue(script.contains("unshare") && script.contains("k4jtrain0"), "trains inside its own network namespace");
    }

    @Test
    void defaultsFileSetsDaemonArgs() throws IOException {
        List<String> lines = Files.readAllLines(PKG.resolve("default/keepalived"));
        assertTrue(lines.contains("DAEMON_ARGS=\"\""), "DAEMON_ARGS=\"\" expected");
        for (String l : lines) {
            assertTrue(l.isBlank() || l.startsWith("#") || l.matches("[A-Z_][A-Z0-9_]*=\"[^\"]*\""),
                    "a line systemd's EnvironmentFile and sh read alike: " + l);
        }
    }

    @Test
    void maintainerScriptsAreStrictShellAndGuardDpkgRoot() throws IOException {
        for (String s : List.of("postinst", "prerm", "postrm")) {
            Path script = PKG.resolve("debian").resolve(s);
            List<String> lines = Files.readAllLines(script);
            assertEquals("#!/bin/sh", lines.get(0), s);
            assertTrue(lines.contains("set -e"), s + " must set -e");
            assertTrue(String.join("\n", lines).contains("DPKG_ROOT"), s + " must honour DPKG_ROOT");
            assertEquals(0, Run.of(List.of("sh", "-n", script.toString())).status(), s + ": sh -n");
        }
        assertEquals(List.of("/etc/keepalived/keepalived.conf", "/etc/default/keepalived"),
                Files.readAllLines(PKG.resolve("debian/conffiles")));
    }
}

package org.keepalived4j.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.HostInfo;

/** Writes a configuration into a directory and loads it as {@code keepalived -t -f keepalived.conf} would. */
public final class ConfigFixture {
    /** A host like the oracle namespace: lo, eth0..eth3, ens18. */
    public static final HostInfo HOST = new HostInfo(Set.of("lo", "eth0", "eth1", "eth2", "eth3", "ens18"), "lb1");

    private ConfigFixture() {
    }

    public static ConfigLoader.Result load(Path dir, String text) {
        return load(dir, text, null);
    }

    public static ConfigLoader.Result load(Path dir, String text, String configId) {
        try {
            Files.writeString(dir.resolve("keepalived.conf"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ConfigLoader.load(new ConfigLoader.Options("keepalived.conf", dir, configId, HOST));
    }

    /** What -t prints, one string per line. */
    public static List<String> output(ConfigLoader.Result r) {
        return r.diagnostics().configTestOutput().stream().map(Diagnostic::render).toList();
    }
}

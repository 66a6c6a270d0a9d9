package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.testutil.ConfigFixture;

/** Which reloaded configurations replace the running one. */
class ReloaderTest {
    @TempDir
    Path dir;

    static final String GOOD = "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 100\n"
            + " virtual_ipaddress {\n  198.51.100.100/24\n }\n}\n";

    ConfigLoader.Result load(String text) {
        return ConfigFixture.load(dir, text);
    }

    List<String> rejection(String running, String next) {
        return Reloader.rejection(load(running), load(next), Diagnostic::message);
    }

    @Test
    void aCleanConfigurationIsAccepted() {
        assertEquals(List.of(), rejection(GOOD, GOOD.replace("priority 100", "priority 90")));
    }

    @Test
    void errorsTheRunningConfigurationAlreadyHadDoNotBlockAReload() {
        // the seed's "Truncating auth_pass to 8 characters" is an error keepalived runs with
        String seedLike = GOOD.replace(" virtual_ipaddress", " authentication {\n  auth_type PASS\n  auth_pass 123456789\n }\n"
                + " virtual_ipaddress");
        assertEquals(List.of(), rejection(seedLike, "! moved\n" + seedLike));
    }

    @Test
    void aNewErrorRejectsTheReload() {
        assertEquals(List.of("new error: number '300' outside range [1, 255]",
                        "new error: (VI_1): VRID '300' not valid - must be between 1 & 255",
                        "new error: (VI_1) the virtual router id must be set"),
                rejection(GOOD, GOOD.replace("virtual_router_id 51", "virtual_router_id 300")));
    }

    @Test
    void whatKeepalivedWouldRefuseToStartWithIsRejected() {
        assertEquals(List.of("a keyword is missing its parameter"),
                rejection(GOOD, GOOD.replace("priority 100", "priority")));
        ConfigLoader.Result missing = ConfigLoader.load(new ConfigLoader.Options(dir.resolve("nothing.conf").toString(),
                dir, null, ConfigFixture.HOST));
        assertEquals(List.of("cannot read the configuration file"), Reloader.rejection(load(GOOD), missing,
                Diagnostic::message));
    }
}

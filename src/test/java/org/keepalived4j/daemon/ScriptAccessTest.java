package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.config.validate.ScriptSecurity;
import org.keepalived4j.script.RunAs;
import org.keepalived4j.script.ScriptUsers;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.vrrp.port.LogPort;

/** enable_script_security refuses scripts a non-root user could change; who runs them. */
class ScriptAccessTest {
    @TempDir
    Path dir;
    final List<String> logs = new ArrayList<>();

    ScriptAccess access(String global) {
        KeepalivedConfig cfg = ConfigFixture.load(dir, "global_defs {\n" + global + "}\n").config();
        ScriptUsers users = new ScriptUsers(n -> n.equals("nobody") ? Optional.of(new ScriptUsers.Passwd(65534, 65534))
                : n.equals("root") ? Optional.of(new ScriptUsers.Passwd(0, 0)) : Optional.empty(), n -> OptionalInt.empty(), logs::add, RunAs.ROOT);
        return new ScriptAccess(cfg.global(), users, new ScriptSecurity("/usr/bin:/bin"), new LogPort() {
            public void info(String l) {
                logs.add(l);
            }

            public void detail(String l) {
                logs.add(l);
            }
        });
    }

    Script writableScript() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "file ownership checks assume root");
        Path d = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path s = d.resolve("notify.sh");
        Files.writeString(s, "#!/bin/sh\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Script(List.of(s.toString(), "arg"), Optional.empty(), Optional.empty(),
                new org.keepalived4j.config.Origin("k.conf", 1, false));
    }

    @Test
    void anInsecureScriptRunsAsRootOnlyWithoutScriptSecurity() throws Exception {
        Script s = writableScript();
        assertEquals(Optional.of(new ScriptAccess.Runnable(RunAs.ROOT, false)), access("").notifyScript(s));
        assertEquals(Optional.empty(), access(" enable_script_security\n script_user root\n").notifyScript(s));
        assertEquals(Optional.empty(), access(" enable_script_security\n script_user root\n").trackScript("chk", s));
        assertTrue(logs.contains("Disabling track script chk due to insecure"), logs.toString());
    }

    @Test
    void withScriptSecurityAndNoKeepalivedScriptUserNothingRuns() throws Exception {
        Script s = writableScript();
        assertEquals(Optional.empty(), access(" enable_script_security\n").notifyScript(s));
        assertEquals(List.of("Script user 'keepalived_script' does not exist",
                "Unable to set default user keepalived_script for script",
                "Failed to set default user for notify script " + s.command() + " - ignoring"), logs);
    }

    @Test
    void aScriptThatRunsAsAnotherUserNeedsNoProtection() throws Exception {
        Script s = writableScript();
        assertEquals(Optional.of(new ScriptAccess.Runnable(new RunAs(65534, 65534), false)),
                access(" enable_script_security\n script_user nobody\n").notifyScript(s));
    }

    @Test
    void aMissingScriptIsDisabled() {
        Script s = new Script(List.of(dir.resolve("nope").toString()), Optional.empty(), Optional.empty(),
                new org.keepalived4j.config.Origin("k.conf", 1, false));
        assertEquals(Optional.empty(), access("").trackScript("chk", s));
        assertTrue(logs.contains("Disabling track script chk since not found/accessible"), logs.toString());
    }

    @Test
    void fileTestsGoThroughTheShellQuotedAsKeepalived() {
        Script s = new Script(List.of("</dev/tcp/127.0.0.1/80"), Optional.empty(), Optional.empty(),
                new org.keepalived4j.config.Origin("k.conf", 1, false));
        Optional<ScriptAccess.Runnable> r = access("").trackScript("chk", s);
        assertEquals(List.of("/bin/sh", "-c", "</dev/tcp/127.0.0.1/80"), r.get().command(s.args(), 0, false).argv());
        assertEquals("'/x.sh' 'a b' 'INSTANCE'", ScriptAccess.shellLine(List.of("/x.sh", "a b", "INSTANCE")));
    }
}

package org.keepalived4j.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** Who scripts run as: lib/notify.c's rules and lines. */
class ScriptUsersTest {
    final List<String> logs = new ArrayList<>();

    ScriptUsers users(Map<String, ScriptUsers.Passwd> passwd, Map<String, Integer> groups) {
        return new ScriptUsers(n -> Optional.ofNullable(passwd.get(n)),
                n -> groups.containsKey(n) ? OptionalInt.of(groups.get(n)) : OptionalInt.empty(), logs::add, RunAs.ROOT);
    }

    @Test
    void keepalivedScriptWhenItExistsElseRoot() {
        assertEquals(Optional.of(new RunAs(990, 991)), users(Map.of("keepalived_script", new ScriptUsers.Passwd(990, 991)),
                Map.of()).defaultUser(Optional.empty(), Optional.empty(), false));
        assertEquals(List.of(), logs);
        assertEquals(Optional.of(RunAs.ROOT), users(Map.of(), Map.of()).defaultUser(Optional.empty(), Optional.empty(), false));
        assertEquals(List.of("Script user 'keepalived_script' does not exist"), logs);
    }

    @Test
    void withScriptSecurityAMissingDefaultUserLeavesScriptsWithoutOne() {
        assertEquals(Optional.empty(), users(Map.of(), Map.of()).defaultUser(Optional.empty(), Optional.empty(), true));
        assertEquals(List.of("Script user 'keepalived_script' does not exist",
                "Unable to set default user keepalived_script for script"), logs);
    }

    @Test
    void scriptUserAndGroup() {
        ScriptUsers u = users(Map.of("alice", new ScriptUsers.Passwd(1000, 1000)), Map.of("staff", 50));
        assertEquals(Optional.of(new RunAs(1000, 50)), u.defaultUser(Optional.of("alice"), Optional.of("staff"), true));
        assertEquals(Optional.of(new RunAs(1000, 1000)), u.user("alice", Optional.empty()));
        assertEquals(Optional.empty(), u.user("alice", Optional.of("nogroup")));
        assertEquals(List.of("Script group 'nogroup' does not exist"), logs);
    }

    @Test
    void theSystemLookupResolvesRoot() {
        assertEquals(Optional.of(new ScriptUsers.Passwd(0, 0)), ScriptUsers.getentPasswd("root"));
        assertEquals(OptionalInt.of(0), ScriptUsers.getentGroup("root"));
        assertEquals(Optional.empty(), ScriptUsers.getentPasswd("no-such-user-k4j"));
    }
}

package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Respawn as keepalived's parent does it, on a fake clock. */
class SupervisorTest {
    long now;
    final List<Long> pauses = new ArrayList<>();
    final List<String> lines = new ArrayList<>();

    Supervisor supervisor(boolean respawn) {
        return new Supervisor("VRRP", new org.keepalived4j.vrrp.port.LogPort() {
            public void info(String line) {
                lines.add(line);
            }

            public void detail(String line) {
                lines.add(line);
            }
        }, respawn, () -> now, ms -> {
            pauses.add(ms);
            now += ms;
            return true;
        }, () -> false);
    }

    /** Lives that each run for the given milliseconds and die, then one that is stopped. */
    Supervisor.Life lives(long... ranMillis) {
        Deque<Long> q = new ArrayDeque<>();
        for (long r : ranMillis) {
            q.add(r);
        }
        return () -> {
            if (q.isEmpty()) {
                return Optional.empty();
            }
            now += q.poll();
            return Optional.of(new IllegalStateException("boom"));
        };
    }

    @Test
    void quickDeathsAreDelayedZeroOneTwoFourUpToSixtySeconds() throws InterruptedException {
        assertTrue(supervisor(true).supervise(lives(10, 10, 10, 10, 10, 10, 10, 10, 10, 10)));
        assertEquals(List.of(0L, 1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 60000L, 60000L, 60000L), pauses);
        assertTrue(lines.contains("VRRP subsystem (thread in pid " + ProcessHandle.current().pid()
                + ") died: Respawning"), lines.toString());
        assertTrue(lines.contains("Restart of VRRP subsystem delayed 4 seconds to limit respawn rate"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  cause: java.lang.IllegalStateException: boom")));
    }

    @Test
    void aSubsystemThatRanAMinuteRestartsAtOnceAndResetsTheDelay() throws InterruptedException {
        assertTrue(supervisor(true).supervise(lives(10, 10, 10, 61_000, 10)));
        assertEquals(List.of(0L, 1000L, 2000L, 0L, 0L), pauses);
    }

    @Test
    void withoutRespawnADeathEndsTheDaemon() throws InterruptedException {
        assertFalse(supervisor(false).supervise(lives(10)));
        assertEquals(List.of(), pauses);
        assertTrue(lines.get(0).endsWith(") died: Exiting"), lines.toString());
    }

    @Test
    void aStoppedSubsystemIsNotRestarted() throws InterruptedException {
        assertTrue(supervisor(true).supervise(lives()));
        assertEquals(List.of(), pauses);
        assertEquals(List.of(), lines);
    }
}

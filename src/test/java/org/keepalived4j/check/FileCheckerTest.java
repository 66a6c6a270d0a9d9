package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.CheckFixture.RS;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FILE_CHECK: the track file's number sets the real server's state and weight (check_file.c, track_file.c). */
class FileCheckerTest {
    @TempDir
    Path dir;
    final FakeLoop loop = new FakeLoop();
    final FakeCheckIo io = new FakeCheckIo(loop);
    final List<String> log = new ArrayList<>();
    final List<String> detail = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final CheckScheduler scheduler = new CheckScheduler(io, loop, loop, new SplittableRandom(1), log::add,
            (rs, alive, w) -> events.add(rs.display() + (alive ? " UP " : " DOWN ") + w));

    {
        scheduler.detailLog(detail::add);
    }

    static String conf(String trackFileWeight, String fileCheckBody) {
        return "track_file tf {\n file /run/k4j-test/tf\n" + trackFileWeight + "}\n"
                + CheckFixture.oneRs("", "  FILE_CHECK {\n   track_file tf\n" + fileCheckBody + "  }\n");
    }

    RsStatus start(String text) {
        scheduler.start(CheckFixture.config(dir, text));
        return scheduler.realServers().get(0);
    }

    @Test
    void weightZeroNonZeroFailsZeroRecovers() {
        RsStatus s = start(conf(" weight 0\n", ""));
        assertTrue(s.alive());
        assertEquals(List.of(), log, "a FILE_CHECK has no Activating line and no attempts");
        io.write("/run/k4j-test/tf", 1);
        assertEquals(List.of(RS + " DOWN 1"), events);
        assertEquals(List.of("(" + RS + "): tracked file tf now FAULT state"), detail);
        io.write("/run/k4j-test/tf", 7);
        assertEquals(1, events.size(), "still failed: nothing new");
        io.write("/run/k4j-test/tf", 0);
        assertEquals(List.of(RS + " DOWN 1", RS + " UP 1"), events);
        assertEquals("(" + RS + "): tracked file tf leaving FAULT state", detail.get(1));
        loop.advance(600 * CheckFixture.S);
        assertEquals(List.of(), io.requests, "never polled");
    }

    @Test
    void failingValueAtStartLeavesTheServerDown() {
        io.files.put("/run/k4j-test/tf", new FileValue(3, true));
        RsStatus s = start(conf(" weight 0\n", ""));
        assertFalse(s.alive());
        io.write("/run/k4j-test/tf", 0);
        assertEquals(List.of(RS + " UP 1"), events);
    }

    @Test
    void reverseWeightZeroFailsOnZero() {
        io.files.put("/run/k4j-test/tf", new FileValue(1, true));
        assertTrue(start(conf(" weight 0 reverse\n", "")).alive());
        io.write("/run/k4j-test/tf", 0);
        assertEquals(List.of(RS + " DOWN 1"), events);
    }

    @Test
    void weightedValueAddsToTheRealServerWeight() {
        io.files.put("/run/k4j-test/tf", new FileValue(2, true));
        RsStatus s = start(conf("", "   weight 5\n"));
        assertEquals(11, s.weight(), "1 + 2 x 5");
        io.write("/run/k4j-test/tf", 3);
        assertEquals(List.of(RS + " UP 16"), events);
        io.write("/run/k4j-test/tf", -1);
        assertEquals(RS + " UP 0", events.get(1), "1 - 5 clamps to 0, the server stays in");
        io.write("/run/k4j-test/tf", Integer.MIN_VALUE);
        assertEquals(RS + " DOWN 0", events.get(2), "a product at INT32_MIN is a fault");
        io.write("/run/k4j-test/tf", 1);
        assertEquals(RS + " UP 6", events.get(3), "leaving FAULT: 1 + 1 x 5");
    }

    @Test
    void fileCheckWeightOverridesTheTrackFilesAndReverseNegates() {
        io.files.put("/run/k4j-test/tf", new FileValue(2, true));
        RsStatus s = start(conf(" weight 100\n", "   weight 3 reverse\n"));
        assertEquals(0, s.weight(), "1 - 6 clamps to 0");
        assertTrue(s.alive());
        io.write("/run/k4j-test/tf", -4);
        assertEquals(List.of(RS + " UP 13"), events);
    }

    @Test
    void trackFileWeightAndReverseApplyWithoutItsOwn() {
        io.files.put("/run/k4j-test/tf", new FileValue(4, true));
        assertEquals(0, start(conf(" weight 2 reverse\n", "")).weight(), "1 - 8");
    }

    @Test
    void invalidNumberIsLoggedAndIgnored() {
        start(conf(" weight 0\n", ""));
        io.files.put("/run/k4j-test/tf", new FileValue(4294967296L, false));
        io.watchers.get("/run/k4j-test/tf").accept(io.files.get("/run/k4j-test/tf"));
        assertEquals(List.of("Invalid number 4294967296 read from /run/k4j-test/tf - ignoring"), log);
        assertEquals(List.of(), events);
    }

    @Test
    void reloadTakesTheStateFromTheFile() {
        start(conf(" weight 0\n", ""));
        io.files.put("/run/k4j-test/tf", new FileValue(1, true));
        scheduler.reload(CheckFixture.config(dir, conf(" weight 0\n", "")));
        assertFalse(scheduler.realServers().get(0).alive());
        assertEquals(List.of(), events, "a reload is seeded, not announced");
        io.write("/run/k4j-test/tf", 0);
        assertEquals(List.of(RS + " UP 1"), events, "the new checker watches the file");
    }

    @Test
    void stopCancelsTheWatch() {
        start(conf(" weight 0\n", ""));
        scheduler.stop();
        assertTrue(io.watchers.isEmpty());
    }
}

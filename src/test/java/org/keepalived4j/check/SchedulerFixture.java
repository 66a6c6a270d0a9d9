package org.keepalived4j.check;

import static org.keepalived4j.check.CheckFixture.S;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link CheckScheduler} on a fake clock and fake I/O with one real server, for the tests of one
 * checker type: its log lines in {@link #log}, its health verdicts in {@link #events} as
 * {@code "Ns [ip]:proto:port UP|DOWN weight"}.
 */
abstract class SchedulerFixture {
    @TempDir
    Path dir;
    final FakeLoop loop = new FakeLoop();
    final FakeCheckIo io = new FakeCheckIo(loop);
    final List<String> log = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final CheckScheduler scheduler = new CheckScheduler(io, loop, loop, new SplittableRandom(1), log::add,
            (rs, alive, w) -> events.add(loop.nowMicros() / S + "s " + rs.display() + (alive ? " UP " : " DOWN ") + w));

    /** Starts checking one real server with {@code TYPE { warmup WARMUP BODY }}; the start-up lines are dropped. */
    void startChecker(String type, String warmup, String body) {
        scheduler.start(CheckFixture.config(dir, CheckFixture.oneRs("", "  " + type + " {\n   warmup " + warmup + "\n"
                + body + "  }\n")));
        log.clear();
    }
}

package org.keepalived4j.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.daemon.log.LogContext;
import org.keepalived4j.daemon.log.LogOptions;
import org.keepalived4j.lvs.IpvsPort;
import org.keepalived4j.lvs.LvsOp;
import org.keepalived4j.lvs.Table;
import org.keepalived4j.lvs.TableDiff;
import org.keepalived4j.testutil.ConfigFixture;

/**
 * The whole checker subsystem from a keepalived.conf (checkers, planner, table diff) in front of
 * a fake IPVS table: the operations it receives and the operator lines are queued for the test.
 */
public final class CheckerPipeline implements AutoCloseable {
    /** Each IPVS operation as {@code add [127.0.0.1]:tcp:25} / {@code del ...} / {@code edit ... weight N}. */
    public final BlockingQueue<String> ops = new LinkedBlockingQueue<>();
    /** The checker process's log lines (text after the ident). */
    public final BlockingQueue<String> log = new LinkedBlockingQueue<>();
    private final DaemonLog.Logs logs;
    private final CheckerService service;

    private final class FakeIpvs implements IpvsPort {
        Table table = Table.EMPTY;

        @Override
        public Table dump() {
            return table;
        }

        @Override
        public void apply(LvsOp op) {
            table = TableDiff.apply(table, List.of(op));
            if (op instanceof LvsOp.AddDest a) {
                ops.add("add " + a.dest().display(a.service()) + " weight " + a.dest().weight());
            } else if (op instanceof LvsOp.DeleteDest d) {
                ops.add("del " + d.dest().display(d.service()));
            } else if (op instanceof LvsOp.EditDest e) {
                ops.add("edit " + e.dest().display(e.service()) + " weight " + e.dest().weight());
            }
        }
    }

    public CheckerPipeline(Path dir, String conf) throws IOException {
        ConfigLoader.Result r = ConfigFixture.load(dir, conf);
        KeepalivedConfig cfg = r.config();
        if (r.configTestExitCode() != 0) {
            throw new IllegalArgumentException(String.join("\n", ConfigFixture.output(r)));
        }
        OutputStream sink = new LineSink();
        LogOptions o = new LogOptions(true, false, org.keepalived4j.daemon.log.SyslogFacility.DAEMON, true,
                "/nonexistent", java.util.Map.of(), "");
        logs = DaemonLog.configure(o, new LogContext(new PrintStream(sink, true, StandardCharsets.UTF_8),
                Optional.empty(), Clock.systemUTC(), System::nanoTime, 1));
        service = new CheckerService(logs.checker(), new FakeIpvs(), UnaryOperator.identity(),
                () -> System.nanoTime() / 1000, listener -> () -> { });
        service.start(cfg);
    }

    /** The next queued line starting with {@code prefix} within 30 s (others are dropped), or null. */
    public static String next(BlockingQueue<String> q, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String s = q.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && s.startsWith(prefix)) {
                return s;
            }
        }
        return null;
    }

    /** Lines containing {@code text} seen within 30 s, or null. */
    public String logged(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String s = log.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && s.contains(text)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        service.loop().post(now -> service.stop(true));
        service.awaitTermination();
        logs.close();
    }

    /** Splits the console output into lines. */
    private final class LineSink extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                log.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}

package org.keepalived4j.check.io;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keepalived4j.check.Cancellable;
import org.keepalived4j.check.CheckMessages;
import org.keepalived4j.check.MiscOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoop;

/**
 * Runs MISC_CHECK scripts as keepalived's system_call_script() and misc_check_child_thread() do:
 * the command is executed directly (no shell) in a new process group ({@code setsid}, so the
 * script is its group's leader), with stdin from /dev/null and output discarded; after the
 * timeout the group gets SIGTERM, 2 s later SIGKILL, then SIGKILL every 10 s. The JVM reaps the
 * script itself, so no zombie is left. Starting a process happens on its own thread; everything
 * else on the checker loop.
 */
final class ScriptRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+), (.*)");
    private static final long SECOND = 1_000_000L;
    private final EventLoop loop;
    private final ExecutorService spawner;
    private final String setsid;

    ScriptRunner(EventLoop loop) {
        this.loop = loop;
        this.spawner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "checker-spawn");
            t.setDaemon(true);
            return t;
        });
        this.setsid = List.of("/usr/bin/setsid", "/bin/setsid").stream().filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElse(null);
        if (setsid == null) {
            LOG.warn("setsid not found: MISC_CHECK scripts are killed with their descendants, not their process group");
        }
    }

    Cancellable run(List<String> command, long timeoutMicros, Consumer<MiscOutcome> done) {
        Run r = new Run(command, timeoutMicros, done);
        spawner.execute(r::spawn);
        return r;
    }

    @Override
    public void close() {
        spawner.shutdownNow();
    }

    /** One script run: its process and how far its timeout handling got. */
    private final class Run implements Cancellable {
        private final List<String> command;
        private final long timeoutMicros;
        private final Consumer<MiscOutcome> done;
        private Process process;
        private ScheduledFuture<?> timer;
        private MiscOutcome.Stage stage = MiscOutcome.Stage.RUNNING;
        private boolean over;

        Run(List<String> command, long timeoutMicros, Consumer<MiscOutcome> done) {
            this.command = command;
            this.timeoutMicros = timeoutMicros;
            this.done = done;
        }

        /** On the spawner thread. */
        void spawn() {
            String why = unrunnable(command.get(0));
            if (why != null) {
                // what execve() would have said (setsid would turn it into exit 127/126)
                loop.execute(() -> end(new MiscOutcome.ExecFailed(why)));
                return;
            }
            List<String> argv = new ArrayList<>();
            if (setsid != null) {
                argv.add(setsid);
                argv.add("--");
            }
            argv.addAll(command);
            try {
                Process p = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                loop.execute(() -> started(p));
            } catch (IOException e) {
                loop.execute(() -> end(new MiscOutcome.ExecFailed(errno(e))));
            }
        }

        private void started(Process p) {
            process = p;
            if (over) {
                kill(true);
                return;
            }
            timer = loop.schedule(this::timeout, Math.max(1, timeoutMicros), TimeUnit.MICROSECONDS);
            p.onExit().thenRun(() -> loop.execute(this::exited));
        }

        /** misc_check_child_thread() on THREAD_CHILD_TIMEOUT. */
        private void timeout() {
            if (over) {
                return;
            }
            long next;
            switch (stage) {
                case RUNNING -> {
                    stage = MiscOutcome.Stage.TERM_REQUESTED;
                    kill(false);
                    next = 2 * SECOND;
                }
                case TERM_REQUESTED -> {
                    stage = MiscOutcome.Stage.KILL_FORCED;
                    kill(true);
                    next = 2 * SECOND;
                }
                default -> {
                    LOG.info(CheckMessages.childFailedToTerminate(process.pid()));
                    kill(true);
                    next = 10 * SECOND;
                }
            }
            timer = loop.schedule(this::timeout, next, TimeUnit.MICROSECONDS);
        }

        private void exited() {
            if (over) {
                return;
            }
            int v = process.exitValue();
            // the JDK reports death by signal N as 128 + N: taken as a signal only after we sent one
            boolean ours = stage != MiscOutcome.Stage.RUNNING && (v == 128 + 15 || v == 128 + 9);
            if (ours && stage == MiscOutcome.Stage.TERM_REQUESTED) {
                kill(true); // the script is gone: make sure the rest of its group is too
            }
            end(ours ? new MiscOutcome.Signalled(v - 128, stage) : new MiscOutcome.Exited(v));
        }

        private void end(MiscOutcome outcome) {
            if (over) {
                return;
            }
            over = true;
            if (timer != null) {
                timer.cancel(false);
            }
            done.accept(outcome);
        }

        private void kill(boolean force) {
            if (process == null) {
                return;
            }
            if (setsid != null) {
                ProcessGroups.signal(process.pid(), force);
            } else {
                process.descendants().forEach(h -> {
                    if (force) {
                        h.destroyForcibly();
                    } else {
                        h.destroy();
                    }
                });
            }
            if (force) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
        }

        @Override
        public void cancel() {
            if (!loop.inEventLoop()) {
                loop.execute(this::cancel);
                return;
            }
            if (over) {
                return;
            }
            over = true;
            if (timer != null) {
                timer.cancel(false);
            }
            if (process != null && process.isAlive()) {
                kill(true);
            }
        }
    }

    /** execve()'s errno for a path that cannot run, as "%d: %m"; null when it may run. */
    static String unrunnable(String command) {
        if (!command.contains("/")) {
            return null;
        }
        Path p = Path.of(command);
        if (!Files.exists(p)) {
            return "2: No such file or directory";
        }
        return Files.isRegularFile(p) && Files.isExecutable(p) ? null : "13: Permission denied";
    }

    /** "error=2, No such file or directory" as keepalived's "%d: %m". */
    static String errno(IOException e) {
        Matcher m = ERRNO.matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(1) + ": " + m.group(2) : String.valueOf(e.getMessage());
    }
}

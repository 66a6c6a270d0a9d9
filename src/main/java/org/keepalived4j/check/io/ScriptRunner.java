package org.keepalived4j.check.io;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Consumer;

import org.keepalived4j.check.Cancellable;
import org.keepalived4j.check.CheckMessages;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.script.ProcessRunner;
import org.keepalived4j.script.RunAs;
import org.keepalived4j.script.ScriptCommand;
import org.keepalived4j.util.ScriptOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoop;

/**
 * MISC_CHECK scripts (keepalived's misc_check_child_thread()) on the shared
 * {@link ProcessRunner}: outcomes arrive on the checker loop as the runner reports them; a
 * cancelled run reports nothing.
 */
final class ScriptRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);
    private final EventLoop loop;
    private final ProcessRunner runner = new ProcessRunner("checker-scripts");

    ScriptRunner(EventLoop loop) {
        this.loop = loop;
    }

    /** Who each script runs as; until set, as the daemon itself. */
    private volatile Function<Script, Optional<RunAs>> credentials = s -> Optional.of(runner.ourCredentials());

    void credentials(Function<Script, Optional<RunAs>> credentials) {
        this.credentials = credentials;
    }

    Cancellable run(Script script, long timeoutMicros, Consumer<ScriptOutcome> done) {
        Optional<RunAs> who = credentials.apply(script);
        if (who.isEmpty()) {
            done.accept(new ScriptOutcome.ExecFailed("no user to run it as (script_user / user)"));
            return () -> { };
        }
        ScriptCommand command = new ScriptCommand(script.args(), who, timeoutMicros);
        ProcessRunner.Handle h = runner.run(command, loop, new ProcessRunner.Listener() {
            @Override
            public void ended(ScriptOutcome o) {
                done.accept(o);
            }

            @Override
            public void stuck(long pid) {
                LOG.info(CheckMessages.childFailedToTerminate(pid));
            }
        });
        return () -> {
            if (loop.inEventLoop()) {
                h.cancel();
            } else {
                loop.execute(h::cancel);
            }
        };
    }

    @Override
    public void close() {
        runner.close();
    }
}

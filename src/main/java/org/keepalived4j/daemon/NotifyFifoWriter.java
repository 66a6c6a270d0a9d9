package org.keepalived4j.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.NotifyFifo;
import org.keepalived4j.net.FileCalls;
import org.keepalived4j.net.LinuxFifo;
import org.keepalived4j.script.ProcessRunner;
import org.keepalived4j.script.RunAs;
import org.keepalived4j.script.ScriptUsers;
import org.keepalived4j.vrrp.port.LogPort;

/**
 * The VRRP side's notify FIFOs, {@code notify_fifo} and {@code vrrp_notify_fifo}
 * (notify_fifo_open() in lib/notify.c): created for their user, their
 * {@code *_notify_fifo_script} started with the FIFO's path as last argument (never timed
 * out; "vrrp notify fifo script terminated" when it ends), then opened; every state line goes to
 * both. Closed (and removed if created) when the subsystem stops or a reload changes them.
 */
final class NotifyFifoWriter implements NotifyFifos, AutoCloseable {
    private final LogPort log;
    private final ProcessRunner runner;
    private final ScriptUsers users;
    private final List<LinuxFifo> open = new ArrayList<>();
    private final List<ProcessRunner.Handle> scripts = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    private Optional<NotifyFifo> global = Optional.empty();
    private Optional<NotifyFifo> vrrp = Optional.empty();

    NotifyFifoWriter(LogPort log, ProcessRunner runner, ScriptUsers users) {
        this.log = log;
        this.runner = runner;
        this.users = users;
    }

    /** Open the FIFOs of a (re)loaded configuration; unchanged ones stay open. */
    void configure(GlobalDefs g, ScriptAccess access) {
        if (g.notifyFifo().equals(global) && g.vrrpNotifyFifo().equals(vrrp)) {
            return;
        }
        close();
        global = g.notifyFifo();
        vrrp = g.vrrpNotifyFifo();
        global.ifPresent(f -> open(f, "", g, access));
        vrrp.ifPresent(f -> open(f, "vrrp_", g, access));
    }

    private void open(NotifyFifo f, String type, GlobalDefs g, ScriptAccess access) {
        if (f.path().isEmpty()) {
            return;
        }
        String path = f.path().get();
        Optional<RunAs> owner = f.user().isPresent() ? users.user(f.user().get(), f.group())
                : users.defaultUser(g.scriptUser(), g.scriptGroup(), g.enableScriptSecurity());
        if (owner.isEmpty()) {
            log.info((f.user().isPresent() ? "Invalid user/group for " : "Failed to set default user for ") + type
                    + " fifo " + path + " - ignoring");
            return;
        }
        RunAs self = runner.ourCredentials();
        Boolean created = LinuxFifo.create(path, owner.get().uid(), owner.get().gid(), self.uid(), self.gid(), type,
                log::info);
        if (created == null) {
            return;
        }
        f.script().ifPresent(s -> access.notifyScript(s).ifPresent(r -> {
            List<String> argv = new ArrayList<>(s.args());
            argv.add(path);
            running.incrementAndGet();
            scripts.add(runner.run(r.command(argv, 0, false), Runnable::run, o -> {
                running.decrementAndGet();
                log.info("vrrp notify fifo script terminated");
            }));
        }));
        LinuxFifo fifo = LinuxFifo.open(path, created, type, log::info);
        if (fifo != null) {
            open.add(fifo);
        }
    }

    @Override
    public void write(String line) {
        byte[] b = FileCalls.bytes(line);
        for (LinuxFifo f : open) {
            f.write(b);
        }
    }

    /**
     * Close and remove what we created. A FIFO script reading the FIFO sees its end once we
     * closed it: it gets 1 s to read the last lines (STOP) and exit, then it is killed.
     */
    @Override
    public void close() {
        open.forEach(LinuxFifo::close);
        open.clear();
        long end = System.nanoTime() + 1_000_000_000L;
        while (!scripts.isEmpty() && running.get() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        scripts.forEach(ProcessRunner.Handle::cancel);
        scripts.clear();
    }
}

package org.keepalived4j.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * systemd's readiness protocol (sd_notify(3)): newline-separated {@code KEY=VALUE} assignments
 * sent as one datagram to the AF_UNIX socket named by {@code $NOTIFY_SOCKET} (a path, or an
 * abstract socket when it starts with {@code '@'}).
 *
 * <p>keepalived (lib/systemd.c) sends {@code READY=1\nMAINPID=<pid>} after "Startup complete"
 * and "Reload complete", {@code RELOADING=1} when a reload starts, {@code STOPPING=1} on
 * shutdown and {@code ERRNO=<n>} on a fatal error. It notifies only when its parent is systemd
 * (pid 1) and NOTIFY_SOCKET is set; we use NOTIFY_SOCKET alone, as sd_notify() itself does.
 *
 * <p>Without NOTIFY_SOCKET every method is a no-op returning false. A failed send is logged once
 * (naming the call and errno) until a send succeeds again; nothing here throws into the caller.
 * Thread-safe (sends are serialised); the socket is non-blocking, so a call never waits on systemd.
 */
public final class SdNotify implements AutoCloseable {
    /** The environment variable systemd sets for {@code Type=notify} services. */
    public static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";

    private final String address;
    private final Consumer<String> log;
    private UnixDatagramSender sender;
    private boolean failing;

    private SdNotify(String address, Consumer<String> log) {
        this.address = address;
        this.log = log;
    }

    /** A notifier that sends nothing (no systemd, or tests). */
    public static SdNotify disabled() {
        return new SdNotify(null, line -> { });
    }

    /**
     * The notifier for this environment: enabled when {@code NOTIFY_SOCKET} names an absolute
     * path or an abstract socket; any other value (empty, relative, {@code vsock:}) is reported
     * once through {@code log} and notification stays off, as sd_notify() refuses it (EINVAL).
     *
     * @param env the process environment ({@code System.getenv()})
     * @param log where a failure line goes (the daemon's parent log, warning level)
     */
    public static SdNotify fromEnvironment(Map<String, String> env, Consumer<String> log) {
        String value = env.get(NOTIFY_SOCKET);
        if (value == null) {
            return disabled();
        }
        if (!(value.startsWith("/") || value.startsWith("@") && value.length() > 1)) {
            log.accept("sd_notify: NOTIFY_SOCKET='" + value + "' is not an absolute path or abstract socket"
                    + " - systemd notification disabled");
            return disabled();
        }
        return new SdNotify(value, log);
    }

    /**
     * The environment for processes we spawn (notify and track scripts): ours without
     * NOTIFY_SOCKET, so a script cannot send readiness for keepalived (keepalived calls
     * {@code sd_notify(1, "")} for the same reason).
     */
    public static Map<String, String> childEnvironment(Map<String, String> env) {
        Map<String, String> child = new HashMap<>(env);
        child.remove(NOTIFY_SOCKET);
        return child;
    }

    /** True when NOTIFY_SOCKET was usable. */
    public boolean enabled() {
        return address != null;
    }

    /** The socket address from NOTIFY_SOCKET, or null when disabled. */
    public String address() {
        return address;
    }

    /** {@code READY=1\nMAINPID=<pid>}: start-up or reload finished (keepalived: systemd_notify_running()). */
    public boolean ready() {
        return send("READY=1\nMAINPID=" + ProcessHandle.current().pid());
    }

    /** {@code RELOADING=1}: a reload (SIGHUP) started; follow with {@link #ready()} when done. */
    public boolean reloading() {
        return send("RELOADING=1");
    }

    /** {@code STOPPING=1}: shutdown started. */
    public boolean stopping() {
        return send("STOPPING=1");
    }

    /** {@code STATUS=<text>}: free-form status shown by {@code systemctl status} (one line). */
    public boolean status(String text) {
        return send("STATUS=" + text.replace('\n', ' '));
    }

    /** {@code MAINPID=<pid>}. */
    public boolean mainPid(long pid) {
        return send("MAINPID=" + pid);
    }

    /** {@code ERRNO=<n>}: the service failed with this errno-style code (keepalived: systemd_notify_error()). */
    public boolean errno(int code) {
        return send("ERRNO=" + code);
    }

    /**
     * Sends {@code state} (one or more {@code KEY=VALUE} lines) as one datagram.
     *
     * @return true when sent; false when disabled or the send failed (logged once)
     */
    public synchronized boolean send(String state) {
        if (address == null) {
            return false;
        }
        try {
            if (sender == null) {
                sender = UnixDatagramSender.open(address);
            }
            if (!sender.send(ByteBuffer.wrap(state.getBytes(StandardCharsets.UTF_8)))) {
                throw new NativeException("sendto(" + address + ")", Errno.EAGAIN, "socket queue full");
            }
            failing = false;
            return true;
        } catch (NativeException e) {
            if (!failing) {
                log.accept("sd_notify(" + firstKey(state) + ") failed: " + e.getMessage());
            }
            failing = true;
            return false;
        }
    }

    private static String firstKey(String state) {
        int nl = state.indexOf('\n');
        String first = nl < 0 ? state : state.substring(0, nl);
        return first.length() <= 40 ? first : first.substring(0, 40) + "...";
    }

    @Override
    public synchronized void close() {
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }
}

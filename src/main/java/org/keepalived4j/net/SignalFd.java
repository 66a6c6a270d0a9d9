package org.keepalived4j.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real-time signals the JVM cannot name (sun.misc.Signal knows only the classic names):
 * keepalived's JSON (SIGRTMIN+2 = 36) and STATS_CLEAR (SIGRTMAX-1 = 63). The launcher starts
 * the JVM with them blocked, so every thread inherits the mask and they wait as pending until
 * read here with signalfd(2). Without the launcher they are set to SIG_IGN instead, so such a
 * signal cannot kill the daemon (its default action), and the caller says so loudly.
 */
public final class SignalFd implements AutoCloseable {
    private final int fd;
    private final byte[] info = new byte[128];   // struct signalfd_siginfo

    private SignalFd(int fd) {
        this.fd = fd;
    }

    /** Open a signalfd for the signals; they must be blocked in every thread ({@link #blockedInEveryThread}). */
    public static SignalFd open(int... signals) throws NativeException {
        return new SignalFd(Syscalls.signalfd(signals));
    }

    /** Discard the signal (SIG_IGN): used when it is not blocked and so cannot be read. */
    public static void ignore(int signal) throws NativeException {
        Syscalls.ignoreSignal(signal);
    }

    /**
     * The signals blocked in every thread of this process, bit N-1 for signal N (the AND of
     * /proc/self/task/N/status SigBlk over the threads); 0 when it cannot be read.
     */
    public static long blockedInEveryThread() {
        long all = -1L;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                all &= blocked(t.resolve("status"));
            }
            return all;
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long blocked(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigBlk:")) {
                    return Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException e) {
            return -1L;    // the thread ended while we looked: it does not matter any more
        }
        return 0;
    }

    /** Block until one of the signals arrives; returns its number. */
    public int take() throws NativeException {
        int n = Syscalls.read(fd, info);
        if (n < 4) {
            throw new NativeException("read(signalfd)", Errno.EINVAL, "short read of " + n + " bytes");
        }
        return (info[0] & 0xff) | (info[1] & 0xff) << 8 | (info[2] & 0xff) << 16 | (info[3] & 0xff) << 24;
    }

    @Override
    public void close() {
        Syscalls.close(fd);
    }
}

package org.keepalived4j.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * A pid file (keepalived's pidfile.c), written with our pid and held with an advisory lock
 * (fcntl, as keepalived does since 2.3.2) for the life of the daemon; removed on exit.
 * <p>
 * Running or stale: a file whose lock is held belongs to a running daemon. An unlocked file is
 * stale (its writer died, e.g. by kill -9) unless its pid is alive and is a keepalived that does
 * not lock (the C keepalived 2.2.7) - then that daemon is running. keepalived 2.2.7 itself only
 * asks whether the pid is alive, so a pid reused by an unrelated process blocks its restart;
 * ours does not.
 */
final class PidFile implements AutoCloseable {

    /** Another daemon holds this pid file. */
    static final class AlreadyRunning extends Exception {
        private static final long serialVersionUID = 1L;

        AlreadyRunning(Path path, OptionalLong pid) {
            super("daemon is already running: " + path + " is held by "
                    + (pid.isPresent() ? "pid " + pid.getAsLong() : "another process"));
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private PidFile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Take the pid file for {@code pid}.
     *
     * @param stale told the line to log when a stale file is replaced
     */
    static PidFile acquire(Path path, long pid, java.util.function.Consumer<String> stale)
            throws AlreadyRunning, IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;     // this JVM holds it already
            }
            OptionalLong previous = read(ch);
            if (lock == null) {
                throw new AlreadyRunning(path, previous);
            }
            if (previous.isPresent() && previous.getAsLong() != pid) {
                if (unlockedKeepalivedAlive(previous.getAsLong())) {
                    lock.release();
                    throw new AlreadyRunning(path, previous);
                }
                // keepalived's wording, then why
                stale.accept("Remove a zombie pid file " + path + " (pid " + previous.getAsLong()
                        + " is not a running keepalived)");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            return new PidFile(path, ch, lock);
        } catch (AlreadyRunning | IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static OptionalLong read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        int n = ch.read(b, 0);
        if (n <= 0) {
            return OptionalLong.empty();
        }
        String s = new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
        try {
            return OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A live process that is a keepalived which does not lock its pid files (not us: we lock). */
    private static boolean unlockedKeepalivedAlive(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String comm = Files.readString(Path.of("/proc/" + pid + "/comm")).trim();
                return comm.equals("keepalived");
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    Path path() {
        return path;
    }

    /** Remove the file, then let go of the lock (so no other daemon can take a file we then delete). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing useful to do at exit; the next start treats it as stale
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing at exit
        }
    }
}

package org.keepalived4j.net;

import java.util.function.Consumer;

/**
 * A notify FIFO as keepalived's fifo_open() / fifo_close() (lib/notify.c) handle it: created
 * with mode 0644 (and handed to the FIFO's user), opened read-write and non-blocking so a
 * missing reader never blocks the daemon and a full FIFO just loses lines; removed at close if
 * we created it.
 */
public final class LinuxFifo implements AutoCloseable {
    private final String path;
    private final int fd;
    private final boolean created;

    private LinuxFifo(String path, int fd, boolean created) {
        this.path = path;
        this.fd = fd;
        this.created = created;
    }

    /** mkfifo (unless it exists) and hand it to {@code uid:gid} when that is not us; false on failure (logged). */
    public static Boolean create(String path, int uid, int gid, int ourUid, int ourGid, String type, Consumer<String> log) {
        try {
            boolean made = FileCalls.mkfifo(path, 0644);
            if (made && (uid != ourUid || gid != ourGid)) {
                try {
                    FileCalls.chown(path, uid != ourUid ? uid : -1, gid != ourGid ? gid : -1);
                } catch (NativeException e) {
                    log.accept("Failed to set uid:gid for fifo " + path);
                }
            }
            return made;
        } catch (NativeException e) {
            log.accept("Unable to create " + type + "notify fifo " + path);
            return null;
        }
    }

    /** Open a FIFO {@link #create} made (or found): null on failure (logged, and removed if we made it). */
    public static LinuxFifo open(String path, boolean created, String type, Consumer<String> log) {
        try {
            int fd = FileCalls.open(path, FileCalls.O_RDWR | FileCalls.O_CLOEXEC | FileCalls.O_NONBLOCK
                    | FileCalls.O_NOFOLLOW);
            return new LinuxFifo(path, fd, created);
        } catch (NativeException e) {
            log.accept("Unable to open " + type + "notify fifo " + path + " - errno " + e.errno());
            if (created) {
                FileCalls.unlink(path);
            }
            return null;
        }
    }

    /** Write a line; errors and a full FIFO are ignored, as keepalived ignores them. */
    public void write(byte[] line) {
        try {
            FileCalls.write(fd, line);
        } catch (NativeException e) {
            // keepalived: if (write(...) == -1) { /* empty */ }
        }
    }

    public String path() {
        return path;
    }

    /** Unlink first (a reader looping on reopen cannot get it back), then close. */
    @Override
    public void close() {
        if (created) {
            FileCalls.unlink(path);
        }
        FileCalls.close(fd);
    }
}

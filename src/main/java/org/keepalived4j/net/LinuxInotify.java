package org.keepalived4j.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * inotify watches on directories (keepalived watches the directory of each track file for
 * IN_CLOSE_WRITE | IN_DELETE | IN_MOVE, process_inotify()). Runs on its own thread; the callback
 * must only post to the event loop.
 */
public final class LinuxInotify implements Runnable, AutoCloseable {
    /** One struct inotify_event. */
    public record Event(int wd, int mask, String name) {
    }

    private final int fd;
    private final Consumer<Event> listener;
    private volatile boolean running = true;

    public LinuxInotify(Consumer<Event> listener) throws NativeException {
        this.listener = listener;
        this.fd = FileCalls.inotifyInit();
    }

    /** Watch {@code dir}; returns the watch descriptor the events carry. */
    public int watch(String dir, int mask) throws NativeException {
        return FileCalls.inotifyAddWatch(fd, dir, mask);
    }

    @Override
    public void run() {
        byte[] buf = new byte[4096];
        while (running) {
            try {
                if (!FileCalls.pollIn(fd, 250)) {
                    continue;
                }
                int n = FileCalls.read(fd, buf);
                if (n > 0) {
                    parse(buf, n).forEach(listener);
                }
            } catch (NativeException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    /** struct inotify_event: int wd; u32 mask, cookie, len; char name[len] (NUL padded); native order. */
    public static List<Event> parse(byte[] buf, int len) {
        List<Event> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len).order(ByteOrder.nativeOrder());
        int off = 0;
        while (off + 16 <= len) {
            int wd = b.getInt(off);
            int mask = b.getInt(off + 4);
            int nameLen = b.getInt(off + 12);
            if (nameLen < 0 || off + 16 + nameLen > len) {
                break;
            }
            int end = off + 16;
            while (end < off + 16 + nameLen && buf[end] != 0) {
                end++;
            }
            out.add(new Event(wd, mask, new String(buf, off + 16, end - off - 16, StandardCharsets.UTF_8)));
            off += 16 + nameLen;
        }
        return out;
    }

    @Override
    public void close() {
        running = false;
        FileCalls.close(fd);
    }
}

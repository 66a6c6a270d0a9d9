package org.keepalived4j.check.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.keepalived4j.check.Cancellable;
import org.keepalived4j.check.FileValue;
import org.keepalived4j.net.FileCalls;
import org.keepalived4j.net.LinuxInotify;
import org.keepalived4j.net.NativeException;
import org.keepalived4j.vrrp.track.TrackFileValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoop;

/**
 * The FILE_CHECK track files of the checker process (keepalived's init_track_files() and
 * process_inotify() in trackers/track_file.c): each file's directory watched with inotify for
 * IN_CLOSE_WRITE | IN_DELETE | IN_MOVE, the file read (first 127 bytes, strtol() rules of
 * {@link TrackFileValue}) when written or moved in, 0 when deleted or moved away. Events are read
 * on a thread of its own and delivered on the checker loop.
 */
final class TrackFileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrackFileWatcher.class);

    private record Watch(int wd, String dir, String name, String path, Consumer<FileValue> changed) {
    }

    private final EventLoop loop;
    /** Touched on the loop only. */
    private final List<Watch> watches = new ArrayList<>();
    private volatile List<Watch> snapshot = List.of();
    private LinuxInotify inotify;
    private Thread thread;

    TrackFileWatcher(EventLoop loop) {
        this.loop = loop;
    }

    /** process_track_file(): a file that cannot be opened or is empty reads 0. */
    static FileValue read(String path) {
        String content = "";
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            content = new String(in.readNBytes(127), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            // 0, as keepalived when open() fails
        }
        TrackFileValue.Parsed p = TrackFileValue.parse(content);
        return new FileValue(p.value(), p.valid());
    }

    /** On the loop. */
    Cancellable watch(String path, Consumer<FileValue> changed) {
        Path p = Path.of(path).toAbsolutePath();
        String real = resolve(p);
        int slash = real.lastIndexOf('/');
        String dir = real.substring(0, Math.max(1, slash));
        try {
            if (inotify == null) {
                inotify = new LinuxInotify(this::event);
                thread = new Thread(inotify, "checker-track-files");
                thread.setDaemon(true);
                thread.start();
            }
            int wd = inotify.watch(dir, FileCalls.IN_CLOSE_WRITE | FileCalls.IN_DELETE | FileCalls.IN_MOVE);
            Watch w = new Watch(wd, dir, real.substring(slash + 1), real, changed);
            watches.add(w);
            snapshot = List.copyOf(watches);
            return () -> onLoop(() -> {
                watches.remove(w);
                snapshot = List.copyOf(watches);
            });
        } catch (NativeException e) {
            LOG.info("Unable to monitor track files");
            return () -> { };
        }
    }

    /** The real path, or for a missing file its real directory and name. */
    private static String resolve(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            try {
                return p.getParent().toRealPath().resolve(p.getFileName()).toString();
            } catch (IOException | NullPointerException e2) {
                return p.toString();
            }
        }
    }

    /** On the inotify thread. */
    private void event(LinuxInotify.Event e) {
        if ((e.mask() & FileCalls.IN_ISDIR) != 0) {
            return;
        }
        if ((e.mask() & (FileCalls.IN_DELETE | FileCalls.IN_CLOSE_WRITE | FileCalls.IN_MOVE)) == 0) {
            LOG.info("Unknown inotify event 0x{}", Integer.toHexString(e.mask()));
            return;
        }
        for (Watch w : snapshot) {
            if (w.wd() != e.wd() || !w.name().equals(e.name())) {
                continue;
            }
            boolean gone = (e.mask() & (FileCalls.IN_MOVED_FROM | FileCalls.IN_DELETE)) != 0;
            FileValue v = gone ? new FileValue(0, true) : read(w.path());
            loop.execute(() -> {
                if (watches.contains(w)) {
                    w.changed().accept(v);
                }
            });
        }
    }

    private void onLoop(Runnable r) {
        if (loop.inEventLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }

    @Override
    public void close() {
        if (inotify != null) {
            inotify.close();
            inotify = null;
        }
        if (thread != null) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}

package org.keepalived4j.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.TrackFileConfig;
import org.keepalived4j.net.FileCalls;
import org.keepalived4j.net.LinuxInotify;
import org.keepalived4j.net.NativeException;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.runtime.TrackedObjects;
import org.keepalived4j.vrrp.track.TrackFileValue;
import org.keepalived4j.vrrp.track.TrackMessages;

/**
 * Track files (keepalived's trackers/track_file.c): {@code init_file} written at start, each
 * tracked file's directory watched with inotify (IN_CLOSE_WRITE, IN_DELETE, IN_MOVE), the file
 * read when it is written or moved in (0 when it is deleted or moved away), the value handed to
 * {@link TrackedObjects} on the VRRP loop. Reading happens on the watcher's thread.
 */
final class TrackFiles implements AutoCloseable {
    private record Watched(TrackFileConfig cfg, String path, int wd, String filePart) {
    }

    private final EventLoop loop;
    private final TrackedObjects tracked;
    private final LogPort log;
    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private LinuxInotify inotify;
    private Thread thread;

    TrackFiles(EventLoop loop, TrackedObjects tracked, LogPort log) {
        this.loop = loop;
        this.tracked = tracked;
        this.log = log;
    }

    /**
     * Prepare the track files some instance tracks: write init_file values (not over an existing
     * file on reload), resolve the paths, watch their directories and read the current values.
     *
     * @return the track files that can be tracked, by name
     */
    Map<String, TrackFileConfig> configure(KeepalivedConfig cfg, boolean reload) {
        close();
        Set<String> used = new HashSet<>();
        cfg.vrrpInstances().forEach(i -> i.trackFiles().forEach(t -> used.add(t.name())));
        Map<String, TrackFileConfig> out = new LinkedHashMap<>();
        for (TrackFileConfig f : cfg.trackFiles()) {
            initFile(f, reload);
            if (!used.contains(f.name())) {
                continue;
            }
            String path = resolve(f);
            if (path == null) {
                continue;
            }
            try {
                if (inotify == null) {
                    inotify = new LinuxInotify(e -> event(e));
                }
                int slash = path.lastIndexOf('/');
                int wd = inotify.watch(path.substring(0, Math.max(1, slash)),
                        FileCalls.IN_CLOSE_WRITE | FileCalls.IN_DELETE | FileCalls.IN_MOVE);
                watched.put(f.name(), new Watched(f, path, wd, path.substring(slash + 1)));
            } catch (NativeException e) {
                log.info("Unable to monitor track files");
                break;
            }
            out.put(f.name(), f);
            read(f.name(), path, true);
        }
        if (inotify != null) {
            thread = new Thread(inotify, "track-files");
            thread.setDaemon(true);
            thread.start();
        }
        return out;
    }

    /** track_file_end_handler(): init_file writes the value when the file is missing, or always with overwrite. */
    private void initFile(TrackFileConfig f, boolean reload) {
        if (f.initValue().isEmpty()) {
            return;
        }
        Path p = Path.of(f.path());
        if (Files.exists(p)) {
            if (!f.overwrite()) {
                return;
            }
            if (!Files.isRegularFile(p)) {
                log.info("Cannot initialise track file " + f.name() + " - it is not a regular file");
                return;
            }
            if (reload) {
                return;
            }
        }
        try {
            Files.writeString(p, f.initValue().getAsLong() + "\n");
        } catch (IOException e) {
            log.info("Unable to initialise track file " + f.name());
        }
    }

    /** init_track_files(): the real path, or for a missing file its real directory; null (logged) if neither. */
    private String resolve(TrackFileConfig f) {
        Path p = Path.of(f.path());
        try {
            return p.toRealPath().toString();
        } catch (java.nio.file.NoSuchFileException e) {
            Path dir = p.toAbsolutePath().getParent();
            try {
                Path real = dir.toRealPath();
                if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                    return real.resolve(p.getFileName()).toString();
                }
            } catch (IOException ignored) {
                // reported below
            }
            log.info("Track file directory for " + f.name() + " does not exist - removing");
        } catch (IOException e) {
            log.info("track file " + f.name() + " is not accessible - ignoring");
        }
        return null;
    }

    /** On the watcher thread. */
    private void event(LinuxInotify.Event e) {
        if ((e.mask() & FileCalls.IN_ISDIR) != 0) {
            return;
        }
        if ((e.mask() & (FileCalls.IN_DELETE | FileCalls.IN_CLOSE_WRITE | FileCalls.IN_MOVE)) == 0) {
            log.info("Unknown inotify event 0x" + Integer.toHexString(e.mask()));
            return;
        }
        for (Watched w : watched.values()) {
            if (w.wd() != e.wd() || !w.filePart().equals(e.name())) {
                continue;
            }
            if ((e.mask() & (FileCalls.IN_MOVED_FROM | FileCalls.IN_DELETE)) != 0) {
                post(w.cfg().name(), 0);     // the file has gone: as though the value were 0
            } else {
                read(w.cfg().name(), w.path(), false);
            }
        }
    }

    /** process_track_file(): the first 127 bytes; a file that cannot be opened or is empty reads 0. */
    private void read(String name, String path, boolean initial) {
        String content = "";
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            content = new String(in.readNBytes(127), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            // treated as 0, as keepalived does when open() fails
        }
        TrackFileValue.Parsed v = TrackFileValue.parse(content);
        if (!v.valid()) {
            log.info(TrackMessages.fileInvalidNumber(Long.toString(v.value()), path));
            return;
        }
        if (initial) {
            tracked.fileValue(name, v.value());   // before the instances start, on the configuring thread
        } else {
            post(name, v.value());
        }
    }

    private void post(String name, long value) {
        loop.post(now -> tracked.fileChanged(now, name, value));
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
        watched.clear();
    }
}

package org.keepalived4j.daemon.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Is our stderr connected to journald? systemd sets {@code JOURNAL_STREAM=<dev>:<inode>} for a
 * service whose stdout/stderr is a journal stream (systemd.exec(5)); a program should only trust
 * it when its own stderr has that device and inode, because the variable is inherited by anything
 * the service starts with other redirections.
 */
public final class JournalStream {
    /** The variable systemd sets. */
    public static final String JOURNAL_STREAM = "JOURNAL_STREAM";

    private JournalStream() {
    }

    /**
     * True when {@code JOURNAL_STREAM} is set and, if our stream's identity is known, equal to it.
     *
     * @param stderrId {@code dev:inode} of our stderr, empty when it cannot be read (then the
     *                 variable alone decides)
     */
    public static boolean isJournal(Map<String, String> env, Optional<String> stderrId) {
        String js = env.get(JOURNAL_STREAM);
        if (js == null || js.isEmpty()) {
            return false;
        }
        return stderrId.map(js::equals).orElse(true);
    }

    /**
     * {@code st_dev:st_ino} of the file {@code path} leads to, in decimal as systemd writes them
     * (for {@code /proc/self/fd/2}: the socket or pipe behind stderr), or empty when unreadable.
     */
    public static Optional<String> devIno(Path path) {
        try {
            Object dev = Files.getAttribute(path, "unix:dev");
            Object ino = Files.getAttribute(path, "unix:ino");
            return Optional.of(Long.toUnsignedString((Long) dev) + ":" + Long.toUnsignedString((Long) ino));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }
}

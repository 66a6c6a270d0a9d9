package org.keepalived4j.script;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Signals a whole process group without native calls: the members are read from
 * {@code /proc/PID/stat} (field 5, pgrp) and signalled with {@link ProcessHandle#destroy()}
 * (SIGTERM) or {@link ProcessHandle#destroyForcibly()} (SIGKILL), like keepalived's
 * {@code kill(-pid, sig)}.
 */
public final class ProcessGroups {
    private static final Path PROC = Path.of("/proc");

    private ProcessGroups() {
    }

    /** Sends SIGTERM ({@code force} false) or SIGKILL to every process of group {@code pgid}. */
    public static int signal(long pgid, boolean force) {
        int n = 0;
        for (long pid : members(pgid)) {
            var h = ProcessHandle.of(pid);
            if (h.isPresent()) {
                if (force) {
                    h.get().destroyForcibly();
                } else {
                    h.get().destroy();
                }
                n++;
            }
        }
        return n;
    }

    /** The processes (zombies included) whose process group is {@code pgid}. */
    public static List<Long> members(long pgid) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path p : ds) {
                OptionalLong g = pgrp(p.resolve("stat"));
                if (g.isPresent() && g.getAsLong() == pgid) {
                    out.add(Long.parseLong(p.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            // /proc not readable: nothing we can signal
        }
        return out;
    }

    /** Field 5 of /proc/PID/stat, after the command name in parentheses (which may hold anything). */
    static OptionalLong pgrp(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(f[2]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}

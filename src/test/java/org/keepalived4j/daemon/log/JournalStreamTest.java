package org.keepalived4j.daemon.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStreamTest {
    @Test
    void journalOnlyWhenTheVariableNamesOurStderr() {
        Map<String, String> env = Map.of("JOURNAL_STREAM", "8:12345");
        assertTrue(JournalStream.isJournal(env, Optional.of("8:12345")));
        assertFalse(JournalStream.isJournal(env, Optional.of("8:99999")));   // inherited, stderr redirected
        assertTrue(JournalStream.isJournal(env, Optional.empty()));          // cannot check: trust it
        assertFalse(JournalStream.isJournal(Map.of(), Optional.of("8:12345")));
        assertFalse(JournalStream.isJournal(Map.of("JOURNAL_STREAM", ""), Optional.empty()));
    }

    @Test
    void devInoReadsTheFileBehindAPath(@TempDir Path dir) throws Exception {
        Path f = Files.createFile(dir.resolve("x"));
        Optional<String> id = JournalStream.devIno(f);
        assertTrue(id.orElseThrow().matches("\\d+:\\d+"), id.toString());
        assertEquals(Files.getAttribute(f, "unix:ino").toString(), id.get().split(":")[1]);
        assertEquals(Optional.empty(), JournalStream.devIno(dir.resolve("missing")));
    }
}

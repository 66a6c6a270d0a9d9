package org.keepalived4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.Test;

/** struct inotify_event decoding: several events per read, names NUL-padded. */
class LinuxInotifyTest {
    static void event(ByteBuffer b, int wd, int mask, String name, int padded) {
        b.putInt(wd).putInt(mask).putInt(0).putInt(padded);
        byte[] n = name.getBytes();
        b.put(n);
        for (int i = n.length; i < padded; i++) {
            b.put((byte) 0);
        }
    }

    @Test
    void eventsWithPaddedNames() {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.nativeOrder());
        event(b, 1, FileCalls.IN_CLOSE_WRITE, "tf1", 16);
        event(b, 1, FileCalls.IN_DELETE, "other.file", 16);
        event(b, 2, FileCalls.IN_MOVED_TO | FileCalls.IN_ISDIR, "", 0);
        assertEquals(List.of(new LinuxInotify.Event(1, 8, "tf1"), new LinuxInotify.Event(1, 0x200, "other.file"),
                new LinuxInotify.Event(2, 0x40000080, "")), LinuxInotify.parse(b.array(), b.position()));
    }

    @Test
    void aTruncatedEventIsDropped() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        event(b, 1, FileCalls.IN_CLOSE_WRITE, "tf1", 16);
        assertEquals(List.of(), LinuxInotify.parse(b.array(), 20));
    }
}

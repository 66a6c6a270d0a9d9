package org.keepalived4j.net.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How answers end: dumps at NLMSG_DONE across buffers, requests at their acknowledgement, errors at once. */
class NlAnswerTest {
    static final byte[] DUMP = Hex.bytes(IpvsRepliesTest.SERVICE_DUMP);   // 196 + 104 bytes of parts, 20 of DONE
    static final byte[] ACK7 = Hex.bytes("24 00 00 00 02 00 00 01 07 00 00 00 34 12 00 00 00 00 00 00"
            + " 68 00 00 00 25 00 05 00 07 00 00 00 00 00 00 00");
    static final byte[] ACK9 = ACK7.clone();

    static {
        ACK9[8] = 9;
    }

    @BeforeAll
    static void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are little-endian");
    }

    @Test
    void dumpInOneBuffer() throws Exception {
        NlAnswer a = new NlAnswer(9, true);
        assertTrue(a.feed(DUMP, DUMP.length));
        assertEquals(2, a.messages().size());
    }

    @Test
    void dumpOverThreeBuffers() throws Exception {
        NlAnswer a = new NlAnswer(9, true);
        assertFalse(a.feed(Arrays.copyOfRange(DUMP, 0, 196), 196));
        assertFalse(a.feed(Arrays.copyOfRange(DUMP, 196, 300), 104));
        assertFalse(a.feed(ACK9, ACK9.length));                       // an acknowledgement does not end a dump
        assertTrue(a.feed(Arrays.copyOfRange(DUMP, 300, 320), 20));
        assertEquals(2, a.messages().size());
    }

    @Test
    void otherSequencesAreSkipped() throws Exception {
        NlAnswer a = new NlAnswer(10, true);
        assertFalse(a.feed(DUMP, DUMP.length));
        assertEquals(0, a.messages().size());
        NlAnswer r = new NlAnswer(7, false);
        assertFalse(r.feed(ACK9, ACK9.length));
        assertTrue(r.feed(ACK7, ACK7.length));
    }

    @Test
    void requestEndsAtItsAcknowledgement() throws Exception {
        byte[] info = Hex.bytes("24 00 00 00 25 00 00 00 07 00 00 00 34 12 00 00 0e 01 00 00"
                + " 08 00 01 00 01 02 01 00 08 00 02 00 00 10 00 00");
        NlAnswer a = new NlAnswer(7, false);
        assertFalse(a.feed(info, info.length));
        assertTrue(a.feed(ACK7, ACK7.length));
        assertEquals(1, a.messages().size());
        byte[] both = new byte[info.length + ACK7.length];
        System.arraycopy(info, 0, both, 0, info.length);
        System.arraycopy(ACK7, 0, both, info.length, ACK7.length);
        NlAnswer b = new NlAnswer(7, false);
        assertTrue(b.feed(both, both.length));
        assertEquals(1, b.messages().size());
    }

    @Test
    void errorsEndTheAnswer() {
        byte[] eperm = ACK7.clone();
        eperm[16] = (byte) 0xff;
        eperm[17] = (byte) 0xff;
        eperm[18] = (byte) 0xff;
        eperm[19] = (byte) 0xff;
        assertEquals(1, assertThrows(NlAnswer.KernelError.class, () -> new NlAnswer(7, false).feed(eperm, eperm.length))
                .errno());
        byte[] failedDump = Hex.bytes("14 00 00 00 03 00 02 00 09 00 00 00 34 12 00 00 f3 ff ff ff");   // -13
        assertEquals(13, assertThrows(NlAnswer.KernelError.class,
                () -> new NlAnswer(9, true).feed(failedDump, failedDump.length)).errno());
    }
}

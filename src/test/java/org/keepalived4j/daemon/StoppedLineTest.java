package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keepalived4j.vrrp.port.LogPort;

/** keepalived's log_stopping() texts (lib/utils.c), which users grep for. */
class StoppedLineTest {

    @Test
    void plainStopSaysStopped() {
        assertEquals("Stopped", StoppedLine.text(false, null, null));
    }

    @Test
    void detailGivesTheCpuTimeAsTimevals() {
        assertEquals("Stopped - used 0.007772 user time, 1.027202 system time",
                StoppedLine.text(true, new long[] {7_772, 1_027_202}, new long[] {0, 5_000}));
    }

    @Test
    void childrenWithUserTimeGetTheSelfChildrenForm() {
        assertEquals("Stopped - used (self/children) 0.007772/0.005305 user time, 0.027202/0.005305 system time",
                StoppedLine.text(true, new long[] {7_772, 27_202}, new long[] {5_305, 5_305}));
    }

    @Test
    void detailReadsThisProcessesRealUsage() {
        List<String> lines = new ArrayList<>();
        StoppedLine.log(new LogPort() {
            public void info(String line) {
                lines.add(line);
            }

            public void detail(String line) {
                lines.add(line);
            }
        }, true);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).matches("Stopped - used (\\(self/children\\) )?\\d+\\.\\d{6}(/\\d+\\.\\d{6})? user time, "
                + "\\d+\\.\\d{6}(/\\d+\\.\\d{6})? system time"), lines.get(0));
        assertTrue(!lines.get(0).startsWith("Stopped - used 0.000000 user time"), "a JVM that ran tests has used CPU");
    }
}

package org.keepalived4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's main-job command, run twice in a row: both runs succeed, tell the story, and leave nothing behind. */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void theDemoRunsCleanTwiceInARow() throws Exception {
        assumeTrue(NetLab.available(), "needs root and iproute2");
        Path base = Path.of(System.getProperty("keepalived4j.basedir", "."));
        String jar = Path.of(System.getProperty("keepalived4j.jar", "target/keepalived.jar")).toAbsolutePath().toString();
        for (int run = 1; run <= 2; run++) {
            Path out = dir.resolve("demo" + run + ".txt");
            ProcessBuilder b = new ProcessBuilder("bash", base.resolve("scripts/demo.sh").toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            b.environment().put("KEEPALIVED4J_JAR", jar);
            Process p = b.start();
            boolean ended = p.waitFor(180, TimeUnit.SECONDS);
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            String text = Files.readString(out);
            assertTrue(ended, "run " + run + " finished within 180 s\n" + text);
            assertEquals(0, p.exitValue(), "run " + run + "\n" + text);
            for (String line : new String[] {"VIP 198.51.100.100 is held by: lb1 \n", "0% packet loss",
                    "state changes during the reload: lb1 0, lb2 0 ", "VIP on lb2 after ", "Remove a zombie pid file",
                    ": Stopping\n", ": Stopped\n", "VIP 198.51.100.100 is held by: lb2 \n", "Done: cleaning up"}) {
                assertTrue(text.contains(line), "run " + run + " shows '" + line.trim() + "'\n" + text);
            }
            assertFalse(NetLab.run("ip", "netns", "list").contains("k4jdemo" + p.pid()), "namespaces removed");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("processes and (\\S+)").matcher(text);
            assertTrue(m.find(), text);
            String work = m.group(1);
            assertFalse(Files.exists(Path.of(work)), "work directory removed");
            assertEquals(0, ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(work))
                    .count(), "no process of the demo left");
        }
    }

}

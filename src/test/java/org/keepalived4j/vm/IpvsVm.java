package org.keepalived4j.vm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs shell scripts on a real Linux kernel with IPVS, for integration tests: a throw-away QEMU
 * guest (TCG, no KVM; no network device) booting Debian 12's stock kernel with ip_vs and its
 * schedulers loaded, chrooted into the host's root filesystem (read-only, with a tmpfs overlay), so
 * the host's JDK, {@code ip}, {@code ipvsadm} and this project's build directory are usable as is.
 * The work is done by {@code scripts/vm/run-in-vm.sh}; the kernel and initramfs are cached by
 * {@code scripts/vm/prepare.sh} (see docs/vm.md). A run costs one boot: about 5-10 s, plus the script.
 *
 * <pre>
 * &#64;BeforeAll static void vm() { IpvsVm.assumeAvailable(); }
 * IpvsVm.Result r = IpvsVm.run("ipvsadm -Ln", Duration.ofSeconds(120));
 * </pre>
 */
public final class IpvsVm {
    /** Where the project lives (Failsafe sets it); the scripts are under scripts/vm/. */
    private static final Path BASEDIR = Path.of(System.getProperty("keepalived4j.basedir", ".")).toAbsolutePath();
    private static final Path SCRIPTS = BASEDIR.resolve("scripts/vm");
    private static String unavailable;
    private static boolean checked;

    private IpvsVm() {
    }

    /**
     * What a guest run produced.
     *
     * @param exitCode    the script's exit status in the guest
     * @param stdout      its standard output
     * @param stderr      its standard error
     * @param bootMillis  from starting qemu to the script starting in the guest, in milliseconds
     * @param totalMillis the whole run (boot, script, power-off), in milliseconds
     */
    public record Result(int exitCode, String stdout, String stderr, long bootMillis, long totalMillis) {
        /** For assertion messages: everything, labelled. */
        public String describe() {
            return "exit " + exitCode + " (boot " + bootMillis + " ms, total " + totalMillis + " ms)\n--- stdout\n"
                    + stdout + "--- stderr\n" + stderr;
        }
    }

    /**
     * True when guest runs are possible here: Linux on x86-64, root, qemu-system-x86_64 installed and
     * the kernel cache ready. A missing cache is prepared once (downloads Debian's kernel package,
     * ~70 MB) unless {@code -Dkeepalived4j.vm.prepare=false}. When false, prints one loud line (once).
     */
    public static synchronized boolean available() {
        if (!checked) {
            checked = true;
            unavailable = whyUnavailable();
            if (unavailable != null) {
                System.err.println("*** IPVS VM tests SKIPPED: " + unavailable + " (see docs/vm.md) ***");
            }
        }
        return unavailable == null;
    }

    /** JUnit assumption: skips the calling test (or class, from {@code @BeforeAll}) when not {@link #available()}. */
    public static void assumeAvailable() {
        assumeTrue(available(), () -> "IPVS VM unavailable: " + unavailable);
    }

    /**
     * Boots a guest, runs {@code script} with bash in it (working directory: the project's base
     * directory; {@code $K4J_VM_OUT} is a directory shared with the host) and powers it off.
     *
     * @param timeout bound for the whole run, boot included; the VM is killed when it is exceeded
     * @return the script's exit status and output
     * @throws IOException when the guest timed out or never reported a status (the message carries
     *                     the runner's log and the guest console)
     */
    public static Result run(String script, Duration timeout) throws IOException, InterruptedException {
        long seconds = Math.max(1, timeout.toSeconds());
        Path dir = Files.createTempDirectory("k4j-vm-");
        try {
            Path cmd = dir.resolve("script.sh");
            Path out = dir.resolve("out");
            Files.writeString(cmd, script.endsWith("\n") ? script : script + "\n");
            ProcessBuilder pb = new ProcessBuilder("bash", SCRIPTS.resolve("run-in-vm.sh").toString(),
                    "--out", out.toString(), "--timeout", Long.toString(seconds), "--cwd", BASEDIR.toString(),
                    cmd.toString());
            pb.redirectOutput(dir.resolve("runner.out").toFile()).redirectError(dir.resolve("runner.err").toFile());
            Process p = pb.start();
            int runner;
            try {
                // The runner bounds the run itself; this only catches a runner that hangs (margin:
                // its call of prepare.sh, a no-op once available() has prepared the cache).
                if (!p.waitFor(seconds + 120, TimeUnit.SECONDS)) {
                    throw new IOException("run-in-vm.sh did not finish " + (seconds + 120) + " s after start"
                            + diagnostics(dir, out));
                }
                runner = p.exitValue();
            } finally {
                stop(p);
            }
            if (!Files.exists(out.resolve("rc"))) {
                String why = runner == 124 ? "timed out after " + seconds + " s" : "never reported an exit status";
                throw new IOException("IPVS VM: the guest " + why + diagnostics(dir, out));
            }
            return new Result(Integer.parseInt(read(out.resolve("rc")).trim()), read(out.resolve("stdout")),
                    read(out.resolve("stderr")), timing(out, "boot_ms"), timing(out, "total_ms"));
        } finally {
            if (Boolean.getBoolean("keepalived4j.vm.keep")) {
                System.err.println("IpvsVm: run directory kept: " + dir);
            } else {
                deleteTree(dir);
            }
        }
    }

    private static String whyUnavailable() {
        if (!System.getProperty("os.name", "").equals("Linux") || !System.getProperty("os.arch", "").equals("amd64")) {
            return "needs Linux on x86-64";
        }
        try {
            if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
                return "needs root";
            }
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot tell whether we are root: " + e;
        }
        if (!onPath("qemu-system-x86_64")) {
            return "qemu-system-x86_64 not installed (apt-get install qemu-system-x86)";
        }
        if (!Files.isRegularFile(SCRIPTS.resolve("run-in-vm.sh"))) {
            return "no " + SCRIPTS.resolve("run-in-vm.sh");
        }
        try {
            if (prepare(List.of("--check"), 60) == 0) {
                return null;
            }
            if (System.getProperty("keepalived4j.vm.prepare", "true").equals("false")) {
                return "kernel cache not prepared (run scripts/vm/prepare.sh)";
            }
            System.err.println("IpvsVm: preparing the VM kernel cache, once (scripts/vm/prepare.sh)");
            return prepare(List.of(), 900) == 0 ? null : "scripts/vm/prepare.sh failed";
        } catch (IOException e) {
            return "scripts/vm/prepare.sh: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static int prepare(List<String> args, long seconds) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", SCRIPTS.resolve("prepare.sh").toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } finally {
            stop(p);
        }
    }

    /** Ends the runner if still alive: TERM first (its trap kills qemu by pid), then KILL, children too. */
    private static void stop(Process p) throws InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String diagnostics(Path dir, Path out) {
        String console = read(out.resolve("console.log"));
        List<String> lines = console.lines().toList();
        return "\n--- runner log\n" + read(dir.resolve("runner.err")) + "--- guest stdout\n" + read(out.resolve("stdout"))
                + "--- guest stderr\n" + read(out.resolve("stderr")) + "--- guest console (tail)\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static long timing(Path out, String key) {
        for (String l : read(out.resolve("timing")).split("\n")) {
            if (l.startsWith(key + "=") && l.length() > key.length() + 1) {
                return Long.parseLong(l.substring(key.length() + 1).trim());
            }
        }
        return -1;
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8).replace("\r", "") : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("IpvsVm: could not remove " + dir + ": " + e);
        }
    }
}

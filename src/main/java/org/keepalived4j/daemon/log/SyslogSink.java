package org.keepalived4j.daemon.log;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

import org.keepalived4j.net.NativeException;
import org.keepalived4j.net.UnixDatagramSender;

/**
 * Syslog lines as datagrams on an AF_UNIX socket ({@code /dev/log}), formatted by
 * {@link SyslogFormat}, sent non-blocking: logging never stalls the VRRP loop.
 *
 * <ul>
 * <li>Receiver queue full (EAGAIN): the line is dropped and counted.</li>
 * <li>Socket missing or refusing (ENOENT, ECONNREFUSED, ...): one line on stderr naming the socket
 * and errno; then lines are dropped and counted, and a send is tried again at most every
 * {@value #RETRY_SECONDS} s. Another stderr line only comes after the socket worked again.</li>
 * <li>After a successful send with drops pending, one WARNING line reports how many were lost.</li>
 * </ul>
 *
 * <p>One lock guards the reused buffers; it is held for a format, an encode and one non-blocking
 * sendto. Lines longer than {@value #MAX_DATAGRAM} bytes (with header) are truncated.
 */
final class SyslogSink implements LogSink {
    static final int RETRY_SECONDS = 5;
    static final int MAX_DATAGRAM = 8192;

    private final String socket;
    private final SyslogFormat format;
    private final LongSupplier nanoTime;
    private final BiConsumer<Severity, String> complain;
    private final StringBuilder text = new StringBuilder(256);
    private final ByteBuffer bytes = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private UnixDatagramSender sender;
    private boolean down;
    private long retryAt;
    private long dropped;

    /**
     * @param socket   the AF_UNIX datagram socket path ({@code /dev/log})
     * @param complain receives the single stderr line about an unusable socket
     */
    SyslogSink(String socket, SyslogFormat format, LongSupplier nanoTime, BiConsumer<Severity, String> complain) {
        this.socket = socket;
        this.format = format;
        this.nanoTime = nanoTime;
        this.complain = complain;
    }

    @Override
    public synchronized void write(String ident, Severity severity, String line) {
        if (down && nanoTime.getAsLong() - retryAt < 0) {
            dropped++;
            return;
        }
        if (!send(ident, severity, line)) {
            dropped++;
            return;
        }
        if (dropped > 0) {
            long n = dropped;
            dropped = 0;
            if (!send(ident, Severity.WARNING, n + " log message(s) could not be sent to " + socket + " and were dropped")) {
                dropped += n;
            }
        }
    }

    /** One datagram; false when it was not sent (queue full, or the socket is unusable). */
    private boolean send(String ident, Severity severity, String line) {
        text.setLength(0);
        format.append(text, ident, severity, line);
        bytes.clear();
        utf8.reset();
        utf8.encode(CharBuffer.wrap(text), bytes, true);      // on overflow: truncated at a character
        bytes.flip();
        try {
            if (sender == null) {
                sender = UnixDatagramSender.open(socket);
            }
            if (!sender.send(bytes)) {
                return false;                                  // EAGAIN: receiver is behind
            }
            down = false;
            return true;
        } catch (NativeException e) {
            if (!down) {
                complain.accept(Severity.ERR, "Keepalived: cannot log to syslog socket " + socket + ": " + e.getMessage()
                        + " - syslog lines are dropped (retrying every " + RETRY_SECONDS + " s)");
            }
            down = true;
            retryAt = nanoTime.getAsLong() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
            return false;
        }
    }

    /** Lines dropped and not yet reported. */
    synchronized long dropped() {
        return dropped;
    }

    @Override
    public synchronized void close() {
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }
}

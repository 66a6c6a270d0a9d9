package org.keepalived4j.check;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads an HTTP answer as keepalived does (http_process_response(), lib/html.c): the header is
 * collected in a buffer of MAX_BUFFER_LENGTH - 1 = 4095 bytes until its blank line; the status
 * code and Content-Length are taken from it; body bytes are counted and, when the URL has a
 * digest, fed to MD5 up to Content-Length. A header that does not fit ends the read with no
 * data, as keepalived's zero-length read does. Pure; fed by the I/O layer.
 */
public final class HttpResponseReader {
    /** MAX_BUFFER_LENGTH - 1 (check_http.h). */
    static final int HEADER_LIMIT = 4095;
    private static final byte[] CONTENT_LENGTH = "Content-Length:".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest md5;
    private final byte[] head = new byte[HEADER_LIMIT];
    private int len;
    private boolean extracted;
    private boolean full;
    private int status;
    private long contentLength = -1;
    private long rx;

    /** @param digest compute the MD5 of the body */
    public HttpResponseReader(boolean digest) {
        this.md5 = digest ? newMd5() : null;
    }

    /** True when no more input is wanted (the header overflowed the buffer). */
    public boolean full() {
        return full;
    }

    public void feed(byte[] data, int off, int n) {
        while (n > 0 && !full) {
            if (extracted) {
                body(data, off, n);
                return;
            }
            int take = Math.min(n, HEADER_LIMIT - len);
            System.arraycopy(data, off, head, len, take);
            int before = len;
            len += take;
            off += take;
            n -= take;
            int end = headerEnd(Math.max(0, before - 3));
            if (end >= 0) {
                extracted = true;
                status = statusCode(head, end);
                contentLength = contentLength(head, end);
                body(head, end, len - end);
            } else if (len == HEADER_LIMIT) {
                full = true;
            }
        }
    }

    public HttpOutcome.Response finish() {
        String hex = md5 == null ? null : HexFormat.of().formatHex(md5.digest());
        return new HttpOutcome.Response(extracted, status, hex, contentLength, rx);
    }

    private void body(byte[] data, int off, int n) {
        if (md5 != null && n > 0 && (contentLength < 0 || contentLength > rx)) {
            long take = contentLength < 0 || contentLength >= rx + n ? n : contentLength - rx;
            md5.update(data, off, (int) take);
        }
        rx += n;
    }

    /** extract_html(): the offset after the first CRLFCRLF, or -1. */
    private int headerEnd(int from) {
        for (int i = from; i + 3 < len; i++) {
            if (head[i] == '\r' && head[i + 1] == '\n' && head[i + 2] == '\r' && head[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** extract_status_code(): the 3 digits between the first space and the next space, else 0. */
    static int statusCode(byte[] b, int size) {
        int i = 0;
        while (i < size && b[i] != ' ' && b[i] != '\r') {
            i++;
        }
        if (i >= size || b[i] != ' ') {
            return 0;
        }
        i++;
        if (i + 3 >= size || b[i] == ' ' || b[i + 3] != ' ') {
            return 0;
        }
        int code = 0;
        for (int k = 0; k < 3; k++) {
            int d = b[i + k] - '0';
            if (d < 0 || d > 9) {
                return 0;
            }
            code = code * 10 + d;
        }
        return code;
    }

    /** extract_content_length(): case-sensitive "Content-Length:", digits up to CR/LF; else -1. */
    static long contentLength(byte[] b, int size) {
        int at = indexOf(b, size, CONTENT_LENGTH);
        if (at < 0) {
            return -1;
        }
        int i = at + CONTENT_LENGTH.length;
        while (i < size && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        int start = i;
        long v = 0;
        while (i < size && b[i] >= '0' && b[i] <= '9' && v < Long.MAX_VALUE / 10 - 10) {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        if (i == start || (i < size && b[i] != '\r' && b[i] != '\n')) {
            return -1;
        }
        return v;
    }

    private static int indexOf(byte[] b, int size, byte[] pat) {
        outer:
        for (int i = 0; i + pat.length <= size; i++) {
            for (int k = 0; k < pat.length; k++) {
                if (b[i + k] != pat[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }
}

package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** lib/html.c and http_process_response(): status line, Content-Length, MD5 of the body. */
class HttpResponseReaderTest {
    static final String MD5_HELLO = "5d41402abc4b2a76b9719d911017c592"; // md5("hello")

    static HttpOutcome.Response read(boolean digest, String... chunks) {
        HttpResponseReader r = new HttpResponseReader(digest);
        for (String c : chunks) {
            byte[] b = c.getBytes(StandardCharsets.ISO_8859_1);
            r.feed(b, 0, b.length);
        }
        return r.finish();
    }

    @Test
    void statusAndDigestAcrossChunkBoundaries() {
        HttpOutcome.Response r = read(true, "HTTP/1.0 200 OK\r\nContent-Le", "ngth: 5\r\n\r", "\nhel", "lo");
        assertTrue(r.headerComplete());
        assertEquals(200, r.statusCode());
        assertEquals(5, r.contentLength());
        assertEquals(5, r.bodyBytes());
        assertEquals(MD5_HELLO, r.md5Hex());
    }

    @Test
    void digestStopsAtContentLengthButBytesAreCounted() {
        HttpOutcome.Response r = read(true, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello world");
        assertEquals(MD5_HELLO, r.md5Hex());
        assertEquals(11, r.bodyBytes());
    }

    @Test
    void noDigestWhenNotAsked() {
        assertNull(read(false, "HTTP/1.0 200 OK\r\n\r\nhello").md5Hex());
        assertEquals(MD5_HELLO, read(true, "HTTP/1.0 200 OK\r\n\r\nhello").md5Hex(), "no Content-Length: all of it");
    }

    @Test
    void malformedStatusLinesGiveZero() {
        assertEquals(0, read(false, "HTTP/1.0 200\r\n\r\n").statusCode(), "keepalived wants a space after the code");
        assertEquals(0, read(false, "HTTP/1.0 20x OK\r\n\r\n").statusCode());
        assertEquals(0, read(false, "garbage\r\n\r\n").statusCode());
        assertEquals(503, read(false, "HTTP/1.1 503 Service Unavailable\r\n\r\n").statusCode());
    }

    @Test
    void contentLengthIsCaseSensitiveAndMustEndTheLine() {
        assertEquals(-1, read(false, "HTTP/1.0 200 OK\r\ncontent-length: 5\r\n\r\n").contentLength());
        assertEquals(-1, read(false, "HTTP/1.0 200 OK\r\nContent-Length: 5x\r\n\r\n").contentLength());
        assertEquals(7, read(false, "HTTP/1.0 200 OK\r\nContent-Length:7\r\n\r\n").contentLength());
    }

    @Test
    void noBlankLineMeansNoData() {
        assertFalse(read(false, "HTTP/1.0 200 OK\r\n").headerComplete());
        assertFalse(read(false).headerComplete());
    }

    @Test
    void aHeaderLargerThanKeepalivedsBufferEndsTheRead() {
        HttpResponseReader r = new HttpResponseReader(false);
        byte[] big = ("HTTP/1.0 200 OK\r\nX: " + "a".repeat(5000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        r.feed(big, 0, big.length);
        assertTrue(r.full());
        assertFalse(r.finish().headerComplete());
    }
}

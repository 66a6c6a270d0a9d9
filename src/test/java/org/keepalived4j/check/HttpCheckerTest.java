package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.CheckFixture.RS;
import static org.keepalived4j.check.CheckFixture.S;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** epilog(), timeout_epilog() and http_handle_response() of check_http.c. */
class HttpCheckerTest {
    static final String MD5 = "9e107d9d372bb6826bd81d3542a419d6";

    @TempDir
    Path dir;

    CheckFixture fixture(String body) {
        return CheckFixture.started(dir, CheckFixture.oneRs("", "  HTTP_GET {\n" + body + "  }\n"));
    }

    static HttpOutcome ok() {
        return new HttpOutcome.Response(true, 200, null, -1, 0);
    }

    static HttpOutcome status(int code) {
        return new HttpOutcome.Response(true, code, null, -1, 0);
    }

    @Test
    void firstPassLogsSucceedOnServiceAndRetriesEvery3sByDefault() {
        CheckFixture f = fixture("   url {\n    path /\n   }\n   retry 2\n");
        HttpChecker c = f.checker(0);
        assertEquals(10 * S, c.complete(ok()));
        assertEquals(List.of("Remote Web server [198.51.100.2]:tcp:80 succeed on service."), f.log);
        assertEquals(3 * S, c.complete(status(500)), "delay_before_retry defaults to 3 s for HTTP_GET");
        assertEquals(3 * S, c.complete(status(500)));
        assertEquals(10 * S, c.complete(status(500)), "then max(delay_before_retry, delay_loop)");
        assertEquals("HTTP_CHECK on service [198.51.100.2]:tcp:80 failed after 2 retries.", f.log.get(1));
        assertEquals(List.of(RS + " DOWN 1"), f.events);
    }

    @Test
    void theFirstFailureIsEnoughAndSaysTheRetryCount() {
        CheckFixture f = fixture("   url {\n    path /\n   }\n   retry 2\n");
        HttpChecker c = f.checker(0);
        c.complete(new HttpOutcome.Failure(CheckMessages.CONNECTION_FAILED));
        assertEquals(List.of("HTTP_CHECK on service [198.51.100.2]:tcp:80 failed after 2 retries."), f.log,
                "keepalived sets has_run before the verdict, so it counts the retries it skipped");
        assertEquals(List.of(RS + " DOWN 1"), f.events);
    }

    @Test
    void retryZeroSaysFailed() {
        CheckFixture f = fixture("   url {\n    path /\n   }\n   retry 0\n");
        f.<HttpChecker>checker(0).complete(status(404));
        assertEquals(List.of("HTTP_CHECK on service [198.51.100.2]:tcp:80 failed."), f.log);
    }

    @Test
    void recoveringTakesTheFailedUrlThenAFullPass() {
        CheckFixture f = fixture("   url {\n    path /health\n    status_code 200-204\n   }\n   retry 0\n");
        HttpChecker c = f.checker(0);
        c.complete(status(500));
        assertFalse(f.rs(0, 0).alive());
        assertEquals(10 * S, c.complete(status(500)), "down: checked every delay_loop, silently");
        assertEquals(1, f.log.size());
        assertEquals(10 * S, c.complete(status(204)));
        assertEquals("HTTP status code success to [198.51.100.2]:tcp:80 url(/health)", f.log.get(1));
        assertFalse(f.rs(0, 0).alive(), "the failed URL passing clears it; all URLs must pass again");
        c.complete(status(204));
        assertEquals(List.of("HTTP status code success to [198.51.100.2]:tcp:80 url(/health)",
                "Remote Web server [198.51.100.2]:tcp:80 succeed on service."), f.log.subList(2, 4));
        assertEquals(List.of(RS + " DOWN 1", RS + " UP 1"), f.events);
    }

    @Test
    void digestIsComparedAndNamedInTheSuccessLine() {
        CheckFixture f = fixture("   url {\n    path /\n    digest " + MD5 + "\n   }\n   retry 0\n"
                + "   log_all_failures\n");
        HttpChecker c = f.checker(0);
        c.complete(new HttpOutcome.Response(true, 200, "00000000000000000000000000000000", -1, 5));
        assertEquals(List.of("MD5 digest error to server [198.51.100.2]:tcp:80.",
                "HTTP_CHECK on service [198.51.100.2]:tcp:80 failed."), f.log);
        c.complete(new HttpOutcome.Response(true, 200, MD5, -1, 5));
        assertEquals("MD5 digest success to [198.51.100.2]:tcp:80 url(/)", f.log.get(2));
    }

    @Test
    void statusCodeAndNoDataReasonsWithLogAllFailures() {
        CheckFixture f = fixture("   url {\n    path /\n   }\n   retry 1\n   log_all_failures\n");
        HttpChecker c = f.checker(0);
        c.complete(ok());
        c.complete(status(500));
        c.complete(new HttpOutcome.Response(false, 0, null, -1, 0));
        assertEquals(List.of("Remote Web server [198.51.100.2]:tcp:80 succeed on service.",
                "HTTP status code error to server [198.51.100.2]:tcp:80.",
                "Read, no data received from server [198.51.100.2]:tcp:80.",
                "HTTP_CHECK on service [198.51.100.2]:tcp:80 failed after 1 retries."), f.log);
    }

    @Test
    void urlsAreCheckedOneAtATimeEachDelayLoop() {
        CheckFixture f = fixture("   url {\n    path /a\n   }\n   url {\n    path /b\n   }\n");
        HttpChecker c = f.checker(0);
        assertTrue(c.request().startsWith("GET /a HTTP/1.0\r\n"));
        assertEquals(10 * S, c.complete(ok()));
        assertEquals(List.of(), f.log, "not all URLs passed yet");
        assertTrue(c.request().startsWith("GET /b "));
        c.complete(ok());
        assertEquals(List.of("Remote Web server [198.51.100.2]:tcp:80 succeed on service."), f.log);
        assertTrue(c.request().startsWith("GET /a "));
    }

    @Test
    void contentLengthMismatchIsLoggedOncePerDifference() {
        CheckFixture f = fixture("   url {\n    path /x\n   }\n");
        HttpChecker c = f.checker(0);
        c.complete(new HttpOutcome.Response(true, 200, null, 10, 4));
        c.complete(new HttpOutcome.Response(true, 200, null, 10, 4));
        assertEquals("http_check for RS [198.51.100.2]:tcp:80 VS [198.51.100.1]:tcp:80 url /x: content_length (10)"
                + " does not match received bytes (4)", f.log.get(0));
        assertEquals(2, f.log.size(), "the mismatch line and the success line, once");
    }

    @Test
    void requestFormatHostAndProtocol() {
        CheckFixture f = fixture("   url {\n    path /p?q=1\n   }\n");
        assertEquals("GET /p?q=1 HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 198.51.100.2:80\r\n\r\n",
                f.<HttpChecker>checker(0).request());
        CheckFixture g = fixture("   url {\n    path /\n    virtualhost u.example\n   }\n   virtualhost c.example\n"
                + "   http_protocol 1.1\n   connect_port 8080\n");
        assertEquals("GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: u.example\r\n\r\n",
                g.<HttpChecker>checker(0).request(), "the url's virtualhost wins and keeps no port");
        assertEquals("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: [2001:db8::1]:80\r\n\r\n",
                HttpRequests.get("/", "1.0C", java.util.Optional.empty(),
                        new java.net.InetSocketAddress("2001:db8:0:0:0:0:0:1", 80)));
    }

    @Test
    void sslGetHasTheSameMachineAndTheSameWords() {
        CheckFixture f = CheckFixture.started(dir, CheckFixture.oneRs("", "  SSL_GET {\n   url {\n    path /\n   }\n"
                + "   retry 0\n  }\n"));
        HttpChecker c = f.checker(0);
        assertTrue(c.ssl());
        c.complete(new HttpOutcome.Failure(CheckMessages.SSL_HANDSHAKE_ERROR));
        assertEquals(List.of("HTTP_CHECK on service [198.51.100.2]:tcp:80 failed."), f.log);
    }
}

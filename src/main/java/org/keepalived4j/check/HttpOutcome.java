package org.keepalived4j.check;

/** How one HTTP_GET / SSL_GET attempt on one URL ended. */
public sealed interface HttpOutcome {

    /**
     * The server closed the connection after answering (read to EOF, as keepalived reads).
     *
     * @param headerComplete the header's blank line was seen (else: "Read, no data received from")
     * @param statusCode     extract_status_code(): 0 when the status line is malformed
     * @param md5Hex         MD5 of the body (capped at Content-Length), lower-case hex; null when
     *                       the URL has no digest
     * @param contentLength  the Content-Length header, -1 when absent or malformed
     * @param bodyBytes      body bytes received
     */
    record Response(boolean headerComplete, int statusCode, String md5Hex, long contentLength, long bodyBytes)
            implements HttpOutcome {
    }

    /** The attempt failed before a complete answer: {@code reason} is one of timeout_epilog()'s. */
    record Failure(String reason) implements HttpOutcome {
    }

    /** The attempt could not be made (bind failed): rescheduled after delay_loop without a verdict. */
    record Error() implements HttpOutcome {
    }
}

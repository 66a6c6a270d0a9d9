package org.keepalived4j.check;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.keepalived4j.config.model.CheckerConfig;

/**
 * HTTP_GET / SSL_GET (check_http.c): one URL per attempt, each on its own connection; the real
 * server is up when every URL answered with an accepted status code (default 200-299) and,
 * where a digest is set, a body with that MD5. After a failure the failing URL is retried until
 * it passes, then all URLs are checked again before the checker is up.
 */
public final class HttpChecker extends Checker {
    private static final int NONE = -1;
    private final CheckerConfig.HttpCheck http;
    private final ConnectSpec connect;
    private final Optional<String> vsVirtualhost;
    private final List<BitSet> codes;
    private final long[] lenMismatch;
    private int urlIt;
    private int failedUrl = NONE;

    /** @param vsVirtualhost the virtual server's virtualhost, the last fallback for Host */
    public HttpChecker(CheckerConfig.HttpCheck http, CheckerSettings settings, ConnectSpec connect,
                       Optional<String> vsVirtualhost, RsHealth rs, Consumer<String> log) {
        super(http, settings, rs, log);
        if (http.urls().isEmpty()) {
            throw new IllegalArgumentException("HTTP/SSL_GET checker has no urls");
        }
        this.http = http;
        this.connect = connect;
        this.vsVirtualhost = vsVirtualhost;
        this.codes = http.urls().stream().map(HttpChecker::codeSet).toList();
        this.lenMismatch = new long[http.urls().size()];
    }

    public ConnectSpec connect() {
        return connect;
    }

    public boolean ssl() {
        return http.ssl();
    }

    /** The URL the next attempt fetches. */
    public CheckerConfig.Url url() {
        return http.urls().get(urlIt);
    }

    /** The request of the next attempt. */
    public String request() {
        CheckerConfig.Url u = url();
        Optional<String> vhost = u.virtualhost().or(http::virtualhost).or(() -> vsVirtualhost);
        return HttpRequests.get(u.path(), http.httpProtocol(), vhost, connect.destination());
    }

    /**
     * One attempt ended.
     *
     * @return microseconds until the next attempt
     */
    public long complete(HttpOutcome outcome) {
        if (outcome instanceof HttpOutcome.Error) {
            log.accept(CheckMessages.WEB_BIND_FAILED);
            return settings().delayLoopMicros();
        }
        if (outcome instanceof HttpOutcome.Failure f) {
            return timeoutEpilog(f.reason());
        }
        return handleResponse((HttpOutcome.Response) outcome);
    }

    /** http_handle_response(). */
    private long handleResponse(HttpOutcome.Response r) {
        CheckerConfig.Url u = url();
        if (!r.headerComplete()) {
            return timeoutEpilog(CheckMessages.NO_DATA);
        }
        if (r.statusCode() < 100 || r.statusCode() > 599 || !codes.get(urlIt).get(r.statusCode())) {
            return timeoutEpilog(CheckMessages.STATUS_CODE_ERROR);
        }
        if (r.contentLength() >= 0 && r.contentLength() != r.bodyBytes()) {
            long diff = r.contentLength() - r.bodyBytes();
            if (lenMismatch[urlIt] != diff) {
                log.accept(CheckMessages.lengthMismatch(display(), rs().ref().vsDisplay(), u.virtualhost().orElse(""),
                        u.path(), r.contentLength(), r.bodyBytes()));
                lenMismatch[urlIt] = diff;
            }
        } else {
            lenMismatch[urlIt] = 0;
        }
        String what = "HTTP status code";
        if (u.digest().isPresent()) {
            if (!u.digest().get().equalsIgnoreCase(String.valueOf(r.md5Hex()))) {
                return timeoutEpilog(CheckMessages.DIGEST_ERROR);
            }
            what = "MD5 digest";
        }
        if (!isUp()) {
            log.accept(CheckMessages.urlSuccess(what, display(), u.path()));
        }
        return epilog(Method.NEW);
    }

    /** timeout_epilog(): a failed attempt; retried while up, else checked again at delay_loop. */
    private long timeoutEpilog(String reason) {
        if (isUp() || !hasRun()) {
            if (logAllFailures()) {
                log.accept(CheckMessages.httpAttempt(reason, display()));
            }
            markRun();
            return epilog(Method.RETRY);
        }
        return epilog(Method.FAILED);
    }

    private enum Method { NEW, RETRY, FAILED }

    /** epilog(): next URL, verdicts and the delay before the next attempt. */
    private long epilog(Method method) {
        if (method == Method.NEW) {
            urlIt = urlIt == http.urls().size() - 1 ? NONE : urlIt + 1;
            retryIt = 0;
        } else if (method == Method.RETRY) {
            retryIt++;
        }
        if (method == Method.NEW && urlIt == NONE && failedUrl == NONE) {
            if (!isUp() || !hasRun()) {
                log.accept(CheckMessages.webSucceed(display()));
                rs().updateCheckerState(this, true);
                markRun();
            }
            urlIt = 0;
            retryIt = 0;
        } else if (method == Method.RETRY && retryIt > settings().retry()) {
            if (isUp() || !hasRun()) {
                log.accept(CheckMessages.httpFailed(display(), hasRun() && settings().retry() > 0 ? retryIt - 1 : 0));
                rs().updateCheckerState(this, false);
            }
            failedUrl = urlIt;
        } else if (method == Method.NEW && failedUrl != NONE) {
            failedUrl = NONE;
            urlIt = 0;
            retryIt = 0;
        }
        if (method == Method.NEW) {
            if (!hasRun()) {
                retryIt = settings().retry();
            }
            return settings().delayLoopMicros();
        }
        if (failedUrl != NONE) {
            return Math.max(settings().delayBeforeRetryMicros(), settings().delayLoopMicros());
        }
        return settings().delayBeforeRetryMicros();
    }

    /** compare_http_check(): connection, checker virtualhost, and each URL (keepalived ignores HTTP vs SSL). */
    @Override
    public boolean sameAs(Checker other) {
        if (!(other instanceof HttpChecker h) || !h.connect.equals(connect)
                || !h.http.virtualhost().equals(http.virtualhost()) || h.http.urls().size() != http.urls().size()) {
            return false;
        }
        for (int i = 0; i < http.urls().size(); i++) {
            CheckerConfig.Url a = http.urls().get(i);
            CheckerConfig.Url b = h.http.urls().get(i);
            if (!a.path().equals(b.path()) || !a.digest().map(String::toLowerCase).equals(b.digest().map(String::toLowerCase))
                    || !codes.get(i).equals(h.codes.get(i)) || !a.virtualhost().equals(b.virtualhost())) {
                return false;
            }
        }
        return true;
    }

    /** The accepted status codes; none configured means 200-299 (url_check()). */
    static BitSet codeSet(CheckerConfig.Url u) {
        BitSet s = new BitSet(600);
        for (int[] r : u.statusCodes()) {
            s.set(r[0], r[1] + 1);
        }
        if (s.isEmpty()) {
            s.set(200, 300);
        }
        return s;
    }
}

package org.keepalived4j.check.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.io.IoTesting.await;
import static org.keepalived4j.check.io.IoTesting.loopback;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.check.CheckMessages;
import org.keepalived4j.check.HttpOutcome;
import org.keepalived4j.check.HttpRequests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** HTTP_GET and SSL_GET against com.sun.net.httpserver on 127.0.0.1. */
class NettyHttpCheckTest {
    static final String MD5_HELLO = "5d41402abc4b2a76b9719d911017c592";
    static NettyCheckIo io;
    static HttpServer http;
    static HttpsServer https;
    static final Map<String, String> hostSeen = new ConcurrentHashMap<>();
    static final CountDownLatch never = new CountDownLatch(1);

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        io = NettyCheckIo.create();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        routes(http);
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.start();
        https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        https.setHttpsConfigurator(new HttpsConfigurator(selfSigned(dir)));
        routes(https);
        https.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        https.start();
    }

    @AfterAll
    static void stop() {
        never.countDown();
        http.stop(0);
        https.stop(0);
        io.close();
    }

    static void routes(HttpServer s) {
        s.createContext("/ok", x -> reply(x, 200, "hello"));
        s.createContext("/err", x -> reply(x, 500, "oops"));
        s.createContext("/hang", x -> {
            try {
                never.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(x, 200, "late");
        });
    }

    static void reply(HttpExchange x, int code, String body) throws IOException {
        hostSeen.put(x.getRequestURI().getPath(), x.getRequestHeaders().getFirst("Host") + "|"
                + x.getRequestHeaders().getFirst("User-Agent"));
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        x.sendResponseHeaders(code, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    /** A PKCS12 key store made by the JDK's keytool (no test-only crypto library). */
    static SSLContext selfSigned(Path dir) throws Exception {
        Path ks = dir.resolve("ks.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "rs", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool");
        KeyStore k = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(ks.toFile())) {
            k.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(k, "changeit".toCharArray());
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        return c;
    }

    static HttpOutcome get(int port, boolean ssl, String path, long timeoutMicros) throws Exception {
        InetSocketAddress dst = new InetSocketAddress("127.0.0.1", port);
        String req = HttpRequests.get(path, "1.0", Optional.empty(), dst);
        return await(io, done -> io.http(loopback(port, timeoutMicros), ssl, req, true, done));
    }

    @Test
    void statusDigestLengthAndKeepalivedsHeaders() throws Exception {
        int port = http.getAddress().getPort();
        // this server writes "Content-length": keepalived looks for "Content-Length:" only
        assertEquals(new HttpOutcome.Response(true, 200, MD5_HELLO, -1, 5), get(port, false, "/ok", 2_000_000));
        assertEquals("127.0.0.1:" + port + "|KeepAliveClient", hostSeen.get("/ok"));
        HttpOutcome.Response err = (HttpOutcome.Response) get(port, false, "/err", 2_000_000);
        assertEquals(500, err.statusCode());
    }

    @Test
    void sslGetOverTls() throws Exception {
        int port = https.getAddress().getPort();
        assertEquals(new HttpOutcome.Response(true, 200, MD5_HELLO, -1, 5), get(port, true, "/ok", 5_000_000));
        assertEquals(500, ((HttpOutcome.Response) get(port, true, "/err", 5_000_000)).statusCode());
        assertEquals(new HttpOutcome.Failure(CheckMessages.TIMEOUT_CONNECTING),
                get(http.getAddress().getPort(), true, "/ok", 500_000), "a server waiting for a request line");
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = s.accept()) {
                    c.getInputStream().read(new byte[1024]);
                    c.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // closed
                }
            });
            t.start();
            assertEquals(new HttpOutcome.Failure(CheckMessages.SSL_HANDSHAKE_ERROR),
                    get(s.getLocalPort(), true, "/ok", 5_000_000), "a plain HTTP answer to a ClientHello");
            t.join(10_000);
        }
    }

    @Test
    void anAnswerThatNeverComesEndsAtTheReadTimeout() throws Exception {
        assertEquals(new HttpOutcome.Failure(CheckMessages.TIMEOUT_WEB_READ),
                get(http.getAddress().getPort(), false, "/hang", 300_000));
    }

    @Test
    void refusedAndSilentServers() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        assertEquals(new HttpOutcome.Failure(CheckMessages.CONNECTION_FAILED), get(free, false, "/", 2_000_000));
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = s.accept()) {
                    c.getInputStream().read(new byte[1024]);
                } catch (IOException e) {
                    // closed
                }
            });
            t.start();
            assertEquals(new HttpOutcome.Response(false, 0, "d41d8cd98f00b204e9800998ecf8427e", -1, 0),
                    get(s.getLocalPort(), false, "/", 2_000_000), "closed without a word: no data");
            t.join(10_000);
        }
    }

    @Test
    void rawAnswerIsReadToEof() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = s.accept()) {
                    byte[] buf = new byte[4096];
                    int n = c.getInputStream().read(buf);
                    String req = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                    hostSeen.put("raw", req);
                    OutputStream o = c.getOutputStream();
                    o.write("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhel".getBytes(StandardCharsets.US_ASCII));
                    o.flush();
                    o.write("lo".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // closed
                }
            });
            t.start();
            assertEquals(new HttpOutcome.Response(true, 200, MD5_HELLO, 5, 5), get(s.getLocalPort(), false, "/x", 2_000_000));
            t.join(10_000);
            assertEquals("GET /x HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:" + s.getLocalPort()
                    + "\r\n\r\n", hostSeen.get("raw"), "keepalived's request, byte for byte");
        }
    }

    @Test
    void manyChecksAtOnceDoNotWaitForEachOther() throws Exception {
        int port = http.getAddress().getPort();
        List<java.util.concurrent.CompletableFuture<HttpOutcome>> hung = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            java.util.concurrent.CompletableFuture<HttpOutcome> f = new java.util.concurrent.CompletableFuture<>();
            String req = HttpRequests.get("/hang", "1.0", Optional.empty(), new InetSocketAddress("127.0.0.1", port));
            io.loop().execute(() -> io.http(loopback(port, 20_000_000), false, req, false, f::complete));
            hung.add(f);
        }
        assertEquals(200, ((HttpOutcome.Response) get(port, false, "/ok", 2_000_000)).statusCode(),
                "a hung check does not hold the others");
        for (var f : hung) {
            assertTrue(!f.isDone());
        }
    }
}

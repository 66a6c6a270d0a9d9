package org.keepalived4j.testutil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted SMTP server on a loopback port for checker tests: greets with {@code banner}, answers
 * each command line with {@code reply} (QUIT with {@code 221 bye}); records the commands. With
 * {@code silent} it accepts and says nothing. Closing it closes the listener and every connection.
 */
public final class SmtpResponder implements AutoCloseable {
    public final List<String> commands = new CopyOnWriteArrayList<>();
    public volatile String banner = "220 test.example ESMTP\r\n";
    public volatile String reply = "250 hello\r\n";
    public volatile boolean silent;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public SmtpResponder(InetAddress address) throws IOException {
        this(address, 0);
    }

    public SmtpResponder(InetAddress address, int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(address, port), 50);
        thread = new Thread(this::accept, "smtp-responder");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            if (silent) {
                s.getInputStream().read();
                return;
            }
            OutputStream out = s.getOutputStream();
            out.write(banner.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                boolean quit = line.equals("QUIT");
                out.write((quit ? "221 bye\r\n" : reply).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (quit) {
                    return;
                }
            }
        } catch (IOException e) {
            // the checker went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.keepalived4j.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.keepalived4j.config.model.Script;
import org.keepalived4j.util.ScriptOutcome;

/**
 * Answers checks on the fake clock: each request is recorded with its time, and answered by the
 * current answer functions after {@code latencyMicros} (also on the fake clock).
 */
final class FakeCheckIo implements CheckIo {
    /** A request as the checker made it. */
    record Request(long atMicros, String kind, ConnectSpec connect, String request, List<String> command) {
    }

    private final FakeLoop loop;
    final List<Request> requests = new ArrayList<>();
    Function<ConnectSpec, TcpOutcome> tcp = c -> TcpOutcome.SUCCESS;
    Function<String, HttpOutcome> http = r -> new HttpOutcome.Response(true, 200, null, -1, 0);
    Function<List<String>, ScriptOutcome> misc = c -> new ScriptOutcome.Exited(0);
    long latencyMicros = 1_000;
    int cancelled;

    FakeCheckIo(FakeLoop loop) {
        this.loop = loop;
    }

    @Override
    public Cancellable tcp(ConnectSpec connect, Consumer<TcpOutcome> done) {
        requests.add(new Request(loop.nowMicros(), "tcp", connect, null, null));
        return answer(() -> done.accept(tcp.apply(connect)));
    }

    @Override
    public Cancellable http(ConnectSpec connect, boolean ssl, String request, boolean digest,
                            Consumer<HttpOutcome> done) {
        requests.add(new Request(loop.nowMicros(), ssl ? "ssl" : "http", connect, request, null));
        return answer(() -> done.accept(http.apply(request)));
    }

    @Override
    public Cancellable misc(Script script, long timeoutMicros, Consumer<ScriptOutcome> done) {
        List<String> command = script.args();
        requests.add(new Request(loop.nowMicros(), "misc", null, null, command));
        return answer(() -> done.accept(misc.apply(command)));
    }

    Function<ConnectSpec, SmtpOutcome> smtp = c -> SmtpOutcome.SUCCESS;

    @Override
    public Cancellable smtp(ConnectSpec connect, String heloName, Consumer<SmtpOutcome> done) {
        requests.add(new Request(loop.nowMicros(), "smtp " + heloName, connect, null, null));
        return answer(() -> done.accept(smtp.apply(connect)));
    }

    Function<ConnectSpec, DnsOutcome> dns = c -> new DnsOutcome.Success();

    @Override
    public Cancellable dns(ConnectSpec connect, byte[] query, Consumer<DnsOutcome> done) {
        requests.add(new Request(loop.nowMicros(), "dns", connect, java.util.HexFormat.of().formatHex(query), null));
        return answer(() -> done.accept(dns.apply(connect)));
    }

    Function<ConnectSpec, UdpOutcome> udp = c -> new UdpOutcome.Silence();

    @Override
    public Cancellable udp(ConnectSpec connect, byte[] payload, int replyLimit, Consumer<UdpOutcome> done) {
        requests.add(new Request(loop.nowMicros(), "udp " + replyLimit, connect,
                new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1), null));
        return answer(() -> done.accept(udp.apply(connect)));
    }

    Function<ConnectSpec, PingOutcome> ping = c -> new PingOutcome.Reply();

    @Override
    public Cancellable ping(ConnectSpec connect, Consumer<PingOutcome> done) {
        requests.add(new Request(loop.nowMicros(), "ping", connect, null, null));
        return answer(() -> done.accept(ping.apply(connect)));
    }

    /** FILE_CHECK: the files' values, and who watches them. */
    final java.util.Map<String, FileValue> files = new java.util.HashMap<>();
    final java.util.Map<String, Consumer<FileValue>> watchers = new java.util.HashMap<>();

    @Override
    public FileValue readTrackFile(String path) {
        return files.getOrDefault(path, new FileValue(0, true));
    }

    @Override
    public Cancellable watchTrackFile(String path, Consumer<FileValue> changed) {
        watchers.put(path, changed);
        return () -> watchers.remove(path, changed);
    }

    /** Writes a file: its watcher hears of it at once. */
    void write(String path, long value) {
        files.put(path, new FileValue(value, true));
        Consumer<FileValue> w = watchers.get(path);
        if (w != null) {
            w.accept(files.get(path));
        }
    }

    private Cancellable answer(Runnable r) {
        Cancellable c = loop.schedule(latencyMicros, r);
        return () -> {
            cancelled++;
            c.cancel();
        };
    }

    /** The times of the requests to a port. */
    List<Long> times(int port) {
        return requests.stream().filter(q -> q.connect() != null && q.connect().destination().getPort() == port)
                .map(Request::atMicros).toList();
    }
}

package org.keepalived4j.check.io;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.keepalived4j.check.Cancellable;
import org.keepalived4j.check.ConnectSpec;

/** Runs one check on the real loop and waits for its outcome ("finished at all": 30 s at most). */
final class IoTesting {
    private IoTesting() {
    }

    static <T> T await(NettyCheckIo io, Function<Consumer<T>, Cancellable> op) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        io.loop().execute(() -> op.apply(f::complete));
        return f.get(30, TimeUnit.SECONDS);
    }

    static ConnectSpec loopback(int port, long timeoutMicros) {
        return new ConnectSpec(new InetSocketAddress("127.0.0.1", port), Optional.empty(), Optional.empty(), 0,
                timeoutMicros);
    }
}

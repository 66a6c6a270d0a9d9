package org.keepalived4j.check.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.net.ssl.SSLException;

import org.keepalived4j.check.Cancellable;
import org.keepalived4j.check.CheckIo;
import org.keepalived4j.check.CheckTimers;
import org.keepalived4j.check.ConnectSpec;
import org.keepalived4j.check.DnsOutcome;
import org.keepalived4j.check.FileValue;
import org.keepalived4j.check.IcmpEcho;
import org.keepalived4j.check.PingOutcome;
import org.keepalived4j.check.SmtpOutcome;
import org.keepalived4j.net.LinuxPingSocket;
import org.keepalived4j.net.NativeException;
import org.keepalived4j.check.UdpOutcome;
import org.keepalived4j.check.HttpOutcome;
import org.keepalived4j.check.TcpOutcome;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.script.RunAs;
import org.keepalived4j.util.ScriptOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.RawUnixChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * The checkers' I/O on one netty event loop thread ("checker"): epoll, or NIO when epoll is not
 * available (logged once). Also the checkers' timers. TCP and HTTP checks are non-blocking
 * connects bounded by our own timer (microseconds, not netty's millisecond connect timeout);
 * scripts are started on a separate thread so a slow fork never stalls the loop.
 */
public final class NettyCheckIo implements CheckIo, CheckTimers, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NettyCheckIo.class);
    /** SOL_SOCKET, SO_MARK and SO_BINDTODEVICE (asm-generic/socket.h). */
    private static final int SOL_SOCKET = 1;
    private static final int SO_MARK = 36;
    private static final int SO_BINDTODEVICE = 25;
    private static final ChannelOption<Integer> MARK = new IntegerUnixChannelOption("SO_MARK", SOL_SOCKET, SO_MARK);
    /** SOL_IP/IP_RECVERR and SOL_IPV6/IPV6_RECVERR (linux/in.h, linux/in6.h). */
    private static final ChannelOption<Integer> IP_RECVERR = new IntegerUnixChannelOption("IP_RECVERR", 0, 11);
    private static final ChannelOption<Integer> IPV6_RECVERR = new IntegerUnixChannelOption("IPV6_RECVERR", 41, 25);
    /** A TCP_CHECK reads nothing. */
    @ChannelHandler.Sharable
    private static final class Idle extends ChannelInboundHandlerAdapter {
    }

    private static final Idle IDLE = new Idle();

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final boolean epoll;
    private final Bootstrap base;
    /** The common TCP_CHECK (no fwmark, no bind_if): shared, no per-check copy. */
    private final Bootstrap tcpBase;
    /** Connected UDP sockets (DNS_CHECK, UDP_CHECK). */
    private final Bootstrap udpBase;
    private final ScriptRunner scripts;
    private final TrackFileWatcher trackFiles;
    private final PingGroupRange pingGroupRange = new PingGroupRange(PingGroupRange.PATH);
    /** keepalived's seq_no: one counter for every PING_CHECK. */
    private int pingSequence;
    private SslContext ssl;
    private boolean warnedOptions;

    private NettyCheckIo(boolean useEpoll) {
        this.epoll = useEpoll;
        ThreadFactory threads = r -> daemon(r, "checker");
        this.group = useEpoll ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
        this.loop = group.next();
        Class<? extends SocketChannel> type = useEpoll ? EpollSocketChannel.class : NioSocketChannel.class;
        // addresses are always literal: no resolver; our own timer instead of netty's connect timeout
        this.base = new Bootstrap().group(loop).channel(type).disableResolver()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0);
        this.tcpBase = base.clone().handler(IDLE);
        this.udpBase = new Bootstrap().group(loop)
                .channel(useEpoll ? EpollDatagramChannel.class : NioDatagramChannel.class).disableResolver();
        this.scripts = new ScriptRunner(loop);
        this.trackFiles = new TrackFileWatcher(loop);
    }

    /** epoll when netty's native transport loads, else NIO (says why, once). */
    public static NettyCheckIo create() {
        return create(true);
    }

    /** @param preferEpoll false forces NIO (tests of the fallback) */
    public static NettyCheckIo create(boolean preferEpoll) {
        boolean ok = preferEpoll && Epoll.isAvailable();
        if (preferEpoll && !ok) {
            LOG.warn("Health checkers: epoll is not available ({}), using NIO", Epoll.unavailabilityCause().toString());
        }
        return new NettyCheckIo(ok);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public boolean epoll() {
        return epoll;
    }

    /** The checker thread's loop: run the scheduler's calls here. */
    public EventLoop loop() {
        return loop;
    }

    @Override
    public Cancellable schedule(long delayMicros, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(task, Math.max(0, delayMicros), TimeUnit.MICROSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Cancellable tcp(ConnectSpec spec, Consumer<TcpOutcome> done) {
        Attempt<TcpOutcome> a = new Attempt<>(loop, done);
        ChannelFuture cf = connect(spec, IDLE);
        a.channel = cf.channel();
        a.arm(spec.connectTimeoutMicros(), TcpOutcome.TIMEOUT);
        cf.addListener(f -> {
            if (f.isSuccess()) {
                a.finish(TcpOutcome.SUCCESS);
            } else {
                ConnectFailure k = ConnectFailure.of(f.cause());
                a.finish(k == ConnectFailure.TIMEOUT ? TcpOutcome.TIMEOUT
                        : k == ConnectFailure.ERROR ? TcpOutcome.ERROR : TcpOutcome.FAILED);
            }
        });
        return a;
    }

    @Override
    public Cancellable http(ConnectSpec spec, boolean useSsl, String request, boolean digest,
                            Consumer<HttpOutcome> done) {
        HttpAttempt a = new HttpAttempt(loop, request.getBytes(StandardCharsets.ISO_8859_1), digest, useSsl,
                spec.connectTimeoutMicros(), done);
        SslContext ctx;
        try {
            ctx = useSsl ? sslContext() : null;
        } catch (SSLException e) {
            LOG.warn("SSL error: cannot create new SSL context: {}", e.toString());
            loop.execute(() -> done.accept(new HttpOutcome.Error()));
            return () -> { };
        }
        ChannelFuture cf = connect(spec, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (ctx != null) {
                    SslHandler h = ctx.newHandler(ch.alloc());
                    h.setHandshakeTimeoutMillis(0); // connect_timeout bounds the handshake (our timer)
                    ch.pipeline().addLast(h);
                }
                ch.pipeline().addLast(a.handler());
            }
        });
        a.start(cf);
        return a;
    }

    @Override
    public Cancellable misc(Script script, long timeoutMicros, Consumer<ScriptOutcome> done) {
        return scripts.run(script, timeoutMicros, done);
    }

    /** Who each script runs as (MISC_CHECK and the LVS notify scripts); see {@link ScriptRunner}. */
    public void credentials(Function<Script, Optional<RunAs>> credentials) {
        scripts.credentials(credentials);
    }

    @Override
    public Cancellable smtp(ConnectSpec spec, String heloName, Consumer<SmtpOutcome> done) {
        SmtpAttempt a = new SmtpAttempt(loop, heloName, spec.connectTimeoutMicros(), done);
        a.start(connect(spec, a.handler()));
        return a;
    }

    @Override
    public Cancellable dns(ConnectSpec spec, byte[] query, Consumer<DnsOutcome> done) {
        DnsAttempt a = new DnsAttempt(loop, query, spec.connectTimeoutMicros(), done);
        a.start(connect(udpBase, spec, a.handler()));
        return a;
    }

    @Override
    public Cancellable udp(ConnectSpec spec, byte[] payload, int replyLimit, Consumer<UdpOutcome> done) {
        UdpAttempt a = new UdpAttempt(loop, payload, replyLimit, spec.connectTimeoutMicros(), done);
        Bootstrap b = udpBase;
        if (epoll) {
            // udp_bind_connect(): ICMP errors (host/network unreachable too) reach the socket
            boolean v6 = spec.destination().getAddress() instanceof java.net.Inet6Address;
            b = udpBase.clone().option(v6 ? IPV6_RECVERR : IP_RECVERR, 1);
        }
        a.start(connect(b, spec, a.handler()));
        return a;
    }

    @Override
    public Cancellable ping(ConnectSpec spec, Consumer<PingOutcome> done) {
        boolean v6 = spec.destination().getAddress() instanceof java.net.Inet6Address;
        PingAttempt a = new PingAttempt(loop, v6, done);
        int fd;
        try {
            if (!epoll) {
                throw new NativeException("socket", 97, "ping sockets need the epoll transport");
            }
            pingGroupRange.widen(line -> LOG.info(line));
            fd = LinuxPingSocket.open(v6);
        } catch (NativeException | LinkageError e) {
            LOG.debug("PING_CHECK: no ping socket: {}", e.toString());
            loop.execute(() -> a.finish(new PingOutcome.NoSocket(v6)));
            return a;
        }
        a.start(loop, fd, spec.destination(), IcmpEcho.request(v6, pingSequence++ & 0xffff),
                spec.connectTimeoutMicros());
        return a;
    }

    @Override
    public FileValue readTrackFile(String path) {
        return TrackFileWatcher.read(path);
    }

    @Override
    public Cancellable watchTrackFile(String path, Consumer<FileValue> changed) {
        return trackFiles.watch(path, changed);
    }

    private ChannelFuture connect(ConnectSpec spec, ChannelHandler handler) {
        return connect(base, spec, handler);
    }

    private ChannelFuture connect(Bootstrap from, ConnectSpec spec, ChannelHandler handler) {
        boolean plain = spec.fwmark() == 0 && spec.bindIf().isEmpty();
        Bootstrap b = plain && handler == IDLE ? tcpBase : from.clone().handler(handler);
        if (!plain) {
            if (epoll) {
                if (spec.fwmark() != 0) {
                    b.option(MARK, (int) spec.fwmark());
                }
                spec.bindIf().ifPresent(name -> {
                    byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
                    b.option(new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE, n.length),
                            ByteBuffer.wrap(n));
                });
            } else if (!warnedOptions) {
                warnedOptions = true;
                LOG.warn("Health checkers on NIO: fwmark and bind_if are ignored");
            }
        }
        return spec.bindTo().isPresent() ? b.connect(spec.destination(), spec.bindTo().get())
                : b.connect(spec.destination());
    }

    private SslContext sslContext() throws SSLException {
        if (ssl == null) {
            // keepalived's SSL_GET verifies nothing unless global ssl { ca ... } is configured
            ssl = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        }
        return ssl;
    }

    /** Stops the loop; running scripts are killed by the scheduler's stop() beforehand. */
    @Override
    public void close() {
        scripts.close();
        trackFiles.close();
        // on the loop thread: it opened the sysctl in its network namespace
        if (loop.inEventLoop()) {
            pingGroupRange.restore(line -> LOG.info(line));
        } else if (!loop.isShuttingDown()) {
            loop.submit(() -> pingGroupRange.restore(line -> LOG.info(line))).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

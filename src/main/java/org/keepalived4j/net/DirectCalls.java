package org.keepalived4j.net;

import com.kenai.jffi.ArrayFlags;
import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.HeapInvocationBuffer;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.Type;

/**
 * The calls on a failover's path (an advert, an address change, a gratuitous ARP: sendto and
 * recv) made through jffi directly, the layer under jnr-ffi: jnr-ffi's reflection invoker (a
 * proxy, an invoker lookup, boxed arguments, parameter strategies) took 50-300 µs per call
 * while that code is cold, as it is in a takeover. errno is saved per call as jnr-ffi does
 * ({@link #errno()}). Bound at class initialisation, on the start-up warm-up thread.
 */
final class DirectCalls {
    private static final Invoker INVOKER = Invoker.getInstance();
    private static final long SENDTO = symbol("sendto");
    private static final long RECV = symbol("recv");
    /** ssize_t sendto(int, const void *, size_t, int, const struct sockaddr *, socklen_t) */
    private static final CallContext SENDTO_CALL = CallContext.getCallContext(Type.SINT64,
            new Type[] {Type.SINT32, Type.POINTER, Type.UINT64, Type.SINT32, Type.POINTER, Type.UINT32},
            CallingConvention.DEFAULT, true);
    /** ssize_t recv(int, void *, size_t, int) */
    private static final CallContext RECV_CALL = CallContext.getCallContext(Type.SINT64,
            new Type[] {Type.SINT32, Type.POINTER, Type.UINT64, Type.SINT32}, CallingConvention.DEFAULT, true);

    private DirectCalls() {
    }

    /** Bind now (class initialisation: the symbols and call contexts). */
    static void bind() {
    }

    private static long symbol(String name) {
        long a = Library.getDefault().getSymbolAddress(name);
        if (a == 0) {
            throw new UnsatisfiedLinkError("libc symbol " + name + " not found: " + Library.getLastError());
        }
        return a;
    }

    /** sendto(2); -1 with {@link #errno()} on failure. */
    static long sendto(int fd, byte[] buf, int len, byte[] addr) {
        HeapInvocationBuffer b = new HeapInvocationBuffer(SENDTO_CALL);
        b.putInt(fd);
        b.putArray(buf, 0, len, ArrayFlags.IN);
        b.putLong(len);
        b.putInt(0);
        if (addr == null) {
            b.putAddress(0);
            b.putInt(0);
        } else {
            b.putArray(addr, 0, addr.length, ArrayFlags.IN);
            b.putInt(addr.length);
        }
        return INVOKER.invokeLong(SENDTO_CALL, SENDTO, b);
    }

    /** recv(2) into {@code buf}; -1 with {@link #errno()} on failure. */
    static long recv(int fd, byte[] buf) {
        HeapInvocationBuffer b = new HeapInvocationBuffer(RECV_CALL);
        b.putInt(fd);
        b.putArray(buf, 0, buf.length, ArrayFlags.OUT);
        b.putLong(buf.length);
        b.putInt(0);
        return INVOKER.invokeLong(RECV_CALL, RECV, b);
    }

    /** errno of this thread's last call here (saved by jffi right after the call). */
    static int errno() {
        return LastError.getInstance().get();
    }
}

package org.keepalived4j.lvs;

/** One change to the kernel's IPVS table; applied in list order. */
public sealed interface LvsOp {
    record AddService(Service service) implements LvsOp {
    }

    record EditService(Service service) implements LvsOp {
    }

    record DeleteService(ServiceKey key) implements LvsOp {
    }

    record AddDest(ServiceKey service, Destination dest) implements LvsOp {
    }

    record EditDest(ServiceKey service, Destination dest) implements LvsOp {
    }

    record DeleteDest(ServiceKey service, Destination dest) implements LvsOp {
    }
}

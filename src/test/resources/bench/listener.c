/*
 * Benchmark listener (LvsDaemonBench): listens on many TCP ports and accepts and closes every
 * connection at once, so health checkers' connects always succeed, at little CPU cost.
 * usage: bench-listener IP FIRST_PORT COUNT [IP FIRST_PORT COUNT ...]
 * Prints "<epoch ms> <connections accepted so far>" once a second on stdout.
 * Built by the benchmark with the host's gcc; runs inside a network namespace of the test VM.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int main(int argc, char **argv) {
    if (argc < 4 || (argc - 1) % 3 != 0) {
        fprintf(stderr, "usage: %s IP FIRST_PORT COUNT ...\n", argv[0]);
        return 2;
    }
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int one = 1;
    for (int a = 1; a < argc; a += 3) {
        int first = atoi(argv[a + 1]), count = atoi(argv[a + 2]);
        for (int p = first; p < first + count; p++) {
            struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((unsigned short)p) };
            int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0 || inet_pton(AF_INET, argv[a], &sa.sin_addr) != 1) {
                perror("socket/address");
                return 1;
            }
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
            if (bind(fd, (struct sockaddr *)&sa, sizeof sa) || listen(fd, 4096)) {
                fprintf(stderr, "%s:%d: %s\n", argv[a], p, strerror(errno));
                return 1;
            }
            struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };
            epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
        }
    }
    long long accepted = 0, next = now_ms() + 1000;
    struct epoll_event evs[256];
    for (;;) {
        int n = epoll_wait(ep, evs, 256, 200);
        for (int i = 0; i < n; i++) {
            int c;
            while ((c = accept4(evs[i].data.fd, NULL, NULL, SOCK_CLOEXEC)) >= 0) {
                close(c);
                accepted++;
            }
        }
        long long t = now_ms();
        if (t >= next) {
            printf("%lld %lld\n", t, accepted);
            fflush(stdout);
            next = t + 1000;
        }
    }
}

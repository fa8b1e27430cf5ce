/*
 * Raw byte-counting reader: the "physical limit" row of the benchmarks.
 *
 * Speaks just enough of the protocol to start the flood (a WebSocket upgrade
 * request, or an SSE GET), then reads the rest with 1 MiB read() calls and
 * only counts bytes, parsing nothing. Exits 0 when the byte count is exactly
 * what the flood server sends for COUNT and SIZE, so it also verifies the
 * server. 127.0.0.1 only.
 *
 *   raw_reader ws|sse PORT COUNT SIZE
 *
 * Build: cc -O2 -o raw_reader raw_reader.c
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char buffer[1 << 20];

static int send_all(int fd, const char *data, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, data, length);
        if (n <= 0) return -1;
        data += n;
        length -= (size_t)n;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 5 || (strcmp(argv[1], "ws") != 0 && strcmp(argv[1], "sse") != 0)) {
        fprintf(stderr, "usage: raw_reader ws|sse PORT COUNT SIZE\n");
        return 2;
    }
    int ws = strcmp(argv[1], "ws") == 0;
    int port = atoi(argv[2]);
    long long count = atoll(argv[3]), size = atoll(argv[4]);
    long long expected;
    if (ws) {
        long long header = size < 126 ? 2 : size < 65536 ? 4 : 10;
        expected = count * (header + size) + 4; /* + the close frame, code 1000 */
    } else {
        expected = count * (size + 8); /* "data: " + data + "\n\n" */
    }

    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_port = htons((unsigned short)port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        perror("raw_reader: connect");
        return 1;
    }
    char request[512];
    int length = ws ? snprintf(request, sizeof request,
                               "GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
                               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                               "Sec-WebSocket-Version: 13\r\n\r\n", port)
                    : snprintf(request, sizeof request,
                               "GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAccept: text/event-stream\r\n\r\n", port);
    if (send_all(fd, request, (size_t)length) != 0) {
        perror("raw_reader: write");
        return 1;
    }

    /* The response head: read until the blank line, keep what follows. */
    size_t have = 0;
    char *end = NULL;
    while (!end) {
        ssize_t n = read(fd, buffer + have, sizeof buffer - have - 1);
        if (n <= 0) {
            fprintf(stderr, "raw_reader: the connection ended in the response head\n");
            return 1;
        }
        have += (size_t)n;
        buffer[have] = 0;
        end = strstr(buffer, "\r\n\r\n");
    }
    int status_ok = strncmp(buffer, ws ? "HTTP/1.1 101" : "HTTP/1.1 200", 12) == 0;
    long long total = (long long)(buffer + have - (end + 4));

    int closed = 0;
    for (;;) {
        if (ws && !closed && total >= expected) {
            /* A masked close frame (code 1000, zero mask) back to the server. */
            send_all(fd, "\x88\x82\x00\x00\x00\x00\x03\xe8", 8);
            closed = 1;
        }
        ssize_t n = read(fd, buffer, sizeof buffer);
        if (n <= 0) break;
        total += n;
    }
    close(fd);
    int ok = status_ok && total == expected;
    fprintf(stderr, "raw_reader: bytes=%lld expected=%lld %s\n", total, expected, ok ? "ok" : "MISMATCH");
    return ok ? 0 : 1;
}

/*
 * Raw WebSocket echo client: the "physical limit" row of the round-trip
 * benchmark. Sends the upgrade request (without checking the answer's
 * Sec-WebSocket-Accept), then answers every text or binary frame with the
 * same payload in one masked frame, until the server's close frame, which
 * it answers with a close frame of its own. 127.0.0.1 only.
 *
 *   raw_echo_client PORT
 *
 * Build: cc -O2 -o raw_echo_client raw_echo_client.c
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int send_all(int fd, const void *data, size_t length) {
    const char *bytes = data;
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n <= 0) return -1;
        bytes += n;
        length -= (size_t)n;
    }
    return 0;
}

static int read_exactly(int fd, unsigned char *out, size_t length) {
    while (length > 0) {
        ssize_t n = read(fd, out, length);
        if (n <= 0) return -1;
        out += n;
        length -= (size_t)n;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: raw_echo_client PORT\n");
        return 2;
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_port = htons((unsigned short)atoi(argv[1]));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        perror("raw_echo_client: connect");
        return 1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char request[256];
    int length = snprintf(request, sizeof request,
                          "GET / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                          argv[1]);
    if (send_all(fd, request, (size_t)length) != 0) return 1;
    /* Skip the response head byte by byte, so no frame byte is consumed. */
    unsigned char last4[4] = {0, 0, 0, 0};
    while (memcmp(last4, "\r\n\r\n", 4) != 0) {
        unsigned char byte;
        if (read_exactly(fd, &byte, 1) != 0) return 1;
        memmove(last4, last4 + 1, 3);
        last4[3] = byte;
    }
    static unsigned char in[65536], out[14 + 65536];
    for (;;) {
        unsigned char head[10];
        if (read_exactly(fd, head, 2) != 0) return 1;
        uint64_t n = head[1] & 0x7F;
        if (n == 126) {
            if (read_exactly(fd, head + 2, 2) != 0) return 1;
            n = (uint64_t)head[2] << 8 | head[3];
        } else if (n == 127 || (head[1] & 0x80)) {
            return 1; /* the timing server sends neither */
        }
        if (read_exactly(fd, in, (size_t)n) != 0) return 1;
        int opcode = head[0] & 0x0F;
        size_t header = n < 126 ? 2 : 4;
        out[0] = (unsigned char)(0x80 | opcode);
        if (n < 126) {
            out[1] = (unsigned char)(0x80 | n);
        } else {
            out[1] = 0x80 | 126;
            out[2] = (unsigned char)(n >> 8);
            out[3] = (unsigned char)n;
        }
        static const unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};
        memcpy(out + header, mask, 4);
        for (uint64_t i = 0; i < n; i++) out[header + 4 + i] = in[i] ^ mask[i & 3];
        if (send_all(fd, out, header + 4 + (size_t)n) != 0) return 1;
        if (opcode == 0x8) break;
    }
    close(fd);
    return 0;
}

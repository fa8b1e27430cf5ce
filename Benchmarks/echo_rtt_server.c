/*
 * WebSocket round-trip timer: the server side of the echo benchmark.
 *
 * Accepts one WebSocket client on 127.0.0.1 (the opening handshake done
 * here, SHA-1 and Base64 included, no extensions), then WARMUP + COUNT
 * times sends one unmasked text frame of SIZE bytes and waits for the
 * client to echo it back as one masked text frame of the same length,
 * timing each round trip with CLOCK_MONOTONIC. Then it sends a close frame
 * (1000) and prints one line:
 *
 *   rtt_us count=N p50=.. p90=.. p99=.. max=.. mean=..
 *
 * The free port is printed on the first line of stdout. Rounds go one at a
 * time (sequential), so this is latency, not throughput. Exits 1 if the
 * client echoes something else, closes early, or does not answer a round
 * within 10 s.
 *
 *   echo_rtt_server COUNT SIZE [WARMUP]
 *
 * Build: cc -O2 -o echo_rtt_server echo_rtt_server.c
 */
#define _GNU_SOURCE /* strcasestr */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* SHA-1 (FIPS 180-4), only for Sec-WebSocket-Accept. */
static uint32_t rol(uint32_t value, int bits) { return (value << bits) | (value >> (32 - bits)); }

static void sha1(const unsigned char *data, size_t length, unsigned char digest[20]) {
    uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    size_t padded = ((length + 8) / 64 + 1) * 64;
    unsigned char *message = calloc(padded, 1);
    memcpy(message, data, length);
    message[length] = 0x80;
    uint64_t bits = (uint64_t)length * 8;
    for (int i = 0; i < 8; i++) message[padded - 1 - i] = (unsigned char)(bits >> (8 * i));
    for (size_t chunk = 0; chunk < padded; chunk += 64) {
        uint32_t w[80];
        for (int i = 0; i < 16; i++) {
            const unsigned char *p = message + chunk + 4 * i;
            w[i] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        }
        for (int i = 16; i < 80; i++) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; i++) {
            uint32_t f, k;
            if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
            else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
            else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
            else { f = b ^ c ^ d; k = 0xCA62C1D6; }
            uint32_t t = rol(a, 5) + f + e + k + w[i];
            e = d; d = c; c = rol(b, 30); b = a; a = t;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
    }
    free(message);
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 4; j++) digest[4 * i + j] = (unsigned char)(h[i] >> (24 - 8 * j));
}

static void base64(const unsigned char *data, size_t length, char *out) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < length; i += 3) {
        uint32_t v = (uint32_t)data[i] << 16 | (i + 1 < length ? (uint32_t)data[i + 1] << 8 : 0) |
                     (i + 2 < length ? data[i + 2] : 0);
        out[o++] = alphabet[v >> 18 & 63];
        out[o++] = alphabet[v >> 12 & 63];
        out[o++] = i + 1 < length ? alphabet[v >> 6 & 63] : '=';
        out[o++] = i + 2 < length ? alphabet[v & 63] : '=';
    }
    out[o] = 0;
}

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

/* Reads exactly `length` bytes, waiting at most 10 s for each read. */
static int read_exactly(int fd, unsigned char *out, size_t length) {
    while (length > 0) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 10000) != 1) return -1;
        ssize_t n = read(fd, out, length);
        if (n <= 0) return -1;
        out += n;
        length -= (size_t)n;
    }
    return 0;
}

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int handshake(int fd) {
    char request[8192];
    size_t used = 0;
    while (used < sizeof request - 1) {
        ssize_t n = read(fd, request + used, sizeof request - 1 - used);
        if (n <= 0) return -1;
        used += (size_t)n;
        request[used] = 0;
        if (strstr(request, "\r\n\r\n")) break;
    }
    const char *key = strcasestr(request, "\nSec-WebSocket-Key:");
    if (!key) return -1;
    key += strlen("\nSec-WebSocket-Key:");
    while (*key == ' ') key++;
    char joined[128];
    size_t keyLength = strcspn(key, "\r\n ");
    if (keyLength > 64) return -1;
    snprintf(joined, sizeof joined, "%.*s258EAFA5-E914-47DA-95CA-C5AB0DC85B11", (int)keyLength, key);
    unsigned char digest[20];
    sha1((const unsigned char *)joined, strlen(joined), digest);
    char accept[32];
    base64(digest, 20, accept);
    char response[256];
    int length = snprintf(response, sizeof response,
                          "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Accept: %s\r\n\r\n",
                          accept);
    return send_all(fd, response, (size_t)length);
}

/* Reads one client frame; returns its opcode and payload length, or -1. */
static int read_frame(int fd, unsigned char *payload, size_t capacity, size_t *length) {
    unsigned char head[14];
    if (read_exactly(fd, head, 2) != 0) return -1;
    uint64_t n = head[1] & 0x7F;
    if (n == 126) {
        if (read_exactly(fd, head + 2, 2) != 0) return -1;
        n = (uint64_t)head[2] << 8 | head[3];
    } else if (n == 127) {
        if (read_exactly(fd, head + 2, 8) != 0) return -1;
        n = 0;
        for (int i = 2; i < 10; i++) n = n << 8 | head[i];
    }
    unsigned char mask[4] = {0, 0, 0, 0};
    if ((head[1] & 0x80) && read_exactly(fd, mask, 4) != 0) return -1;
    if (n > capacity) return -1;
    if (read_exactly(fd, payload, (size_t)n) != 0) return -1;
    for (uint64_t i = 0; i < n; i++) payload[i] ^= mask[i & 3];
    *length = (size_t)n;
    return head[0] & 0x0F;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: echo_rtt_server COUNT SIZE [WARMUP]\n");
        return 2;
    }
    long count = atol(argv[1]), size = atol(argv[2]), warmup = argc == 4 ? atol(argv[3]) : 100;
    if (count <= 0 || size < 0 || size > 65535 || warmup < 0) {
        fprintf(stderr, "echo_rtt_server: COUNT > 0, 0 <= SIZE <= 65535, WARMUP >= 0\n");
        return 2;
    }
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t addressLength = sizeof address;
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) != 0 ||
        listen(listener, 4) != 0 || getsockname(listener, (struct sockaddr *)&address, &addressLength) != 0) {
        perror("echo_rtt_server: listen");
        return 1;
    }
    printf("%d\n", ntohs(address.sin_port));
    fflush(stdout);
    struct pollfd waiting = {listener, POLLIN, 0};
    if (poll(&waiting, 1, 60000) != 1) {
        fprintf(stderr, "echo_rtt_server: no client within 60 s\n");
        return 1;
    }
    int fd = accept(listener, NULL, NULL);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (fd < 0 || handshake(fd) != 0) {
        fprintf(stderr, "echo_rtt_server: bad opening handshake\n");
        return 1;
    }
    unsigned char frame[4 + 65536];
    size_t header = size < 126 ? 2 : 4;
    frame[0] = 0x81;
    if (size < 126) {
        frame[1] = (unsigned char)size;
    } else {
        frame[1] = 126;
        frame[2] = (unsigned char)(size >> 8);
        frame[3] = (unsigned char)size;
    }
    for (long i = 0; i < size; i++) frame[header + i] = (unsigned char)('a' + i % 26);
    unsigned char *echoed = malloc(65536);
    double *samples = malloc(sizeof(double) * (size_t)count);
    for (long round = 0; round < warmup + count; round++) {
        double start = now_us();
        if (send_all(fd, frame, header + (size_t)size) != 0) {
            fprintf(stderr, "echo_rtt_server: the client went away\n");
            return 1;
        }
        size_t length = 0;
        int opcode;
        do {
            opcode = read_frame(fd, echoed, 65536, &length);
        } while (opcode == 0x9 || opcode == 0xA); /* ping and pong do not count */
        double elapsed = now_us() - start;
        if (opcode != 0x1 || length != (size_t)size || memcmp(echoed, frame + header, (size_t)size) != 0) {
            fprintf(stderr, "echo_rtt_server: round %ld: expected the text frame back, got opcode %d\n", round,
                    opcode);
            return 1;
        }
        if (round >= warmup) samples[round - warmup] = elapsed;
    }
    static const unsigned char close_frame[] = {0x88, 0x02, 0x03, 0xE8};
    send_all(fd, close_frame, sizeof close_frame);
    size_t length = 0;
    read_frame(fd, echoed, 65536, &length);
    close(fd);
    double sum = 0;
    for (long i = 0; i < count; i++) sum += samples[i];
    qsort(samples, (size_t)count, sizeof(double), compare);
    printf("rtt_us count=%ld p50=%.1f p90=%.1f p99=%.1f max=%.1f mean=%.1f\n", count, samples[count / 2],
           samples[count * 9 / 10], samples[count * 99 / 100], samples[count - 1], sum / (double)count);
    return 0;
}

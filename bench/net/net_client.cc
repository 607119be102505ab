// net_client.cc: the host side of the network benchmark: UDP echo round trips and packets per second against a guest, and the echo server the reference runs.
//
// Usage: net_client rtt|pps|serve ADDRESS [--port=N] [--count=N] [--window=N]
//                   [--seconds=N] [--size=N] [--idle=N] [--think=N]
//   rtt    sends --count requests (default 5000) one at a time, each waiting
//          for its echo, after 100 unmeasured ones; prints min, median, p99
//          and max round trip. With --think, it spins that many microseconds
//          after each echo before the next request, as a client doing some
//          work between requests would (the pause is not measured).
//   pps    keeps up to --window requests (default 32) in flight for
//          --seconds (default 3) and counts the echoes.
//   serve  echoes every datagram sent to ADDRESS:port until --idle seconds
//          (default 5) pass without one; the reference for the two above.
// Datagrams carry --size bytes (default 64) of payload, starting with a
// sequence number. Results are one line each, "result: NAME key value...",
// for bench/net/run.sh. It runs inside the benchmark's network namespace,
// and sends only to ADDRESS.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench/common/clock.h"
#include "common/fd.h"
#include "common/format.h"
#include "stats.h"

namespace tenor::bench {

namespace {

constexpr unsigned kWarmUp = 100;
// A request unanswered this long counts as lost.
constexpr int kReplyTimeoutMs = 200;
// This many lost in a row mean nothing answers: give up rather than wait.
constexpr unsigned kMaxLostInARow = 10;
// Datagrams per sendmmsg/recvmmsg call.
constexpr unsigned kBatch = 64;
constexpr int kSocketBuffer = 4 << 20;

Result<sockaddr_in> socket_address(const std::string& address, uint16_t port) {
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (inet_pton(AF_INET, address.c_str(), &sa.sin_addr) != 1)
        return fail("'", address, "' is not an IPv4 address: give one such as 10.0.0.2");
    return sa;
}

Result<UniqueFd> udp_socket() {
    UniqueFd fd(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!fd.valid())
        return fail("cannot create a UDP socket: ", errno_text());
    // Large buffers, so that a window of requests never overflows them.
    setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &kSocketBuffer, sizeof kSocketBuffer);
    setsockopt(fd.get(), SOL_SOCKET, SO_SNDBUF, &kSocketBuffer, sizeof kSocketBuffer);
    return fd;
}

Result<UniqueFd> connected_socket(const NetOptions& options) {
    sockaddr_in target = TRY(socket_address(options.address, options.port));
    UniqueFd fd = TRY(udp_socket());
    if (connect(fd.get(), reinterpret_cast<sockaddr*>(&target), sizeof target) < 0)
        return fail("cannot address ", options.address, ":", options.port, ": ", errno_text(),
                    ": is the benchmark running inside the namespace that reaches it?");
    return fd;
}

bool readable(int fd, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    return poll(&p, 1, timeout_ms) > 0;
}

// One request and its echo; returns the round trip in ns, or 0 if it was lost.
Result<uint64_t> round_trip(int fd, std::vector<uint8_t>& buffer, std::vector<uint8_t>& reply,
                            uint64_t sequence) {
    std::memcpy(buffer.data(), &sequence, sizeof sequence);
    uint64_t start = now_ns();
    if (send(fd, buffer.data(), buffer.size(), 0) < 0)
        return fail("sending a request failed: ", errno_text());
    uint64_t deadline = start + kReplyTimeoutMs * 1000000ULL;
    for (;;) {
        uint64_t now = now_ns();
        if (now >= deadline || !readable(fd, static_cast<int>((deadline - now) / 1000000 + 1)))
            return uint64_t{0};
        ssize_t n = recv(fd, reply.data(), reply.size(), MSG_DONTWAIT);
        uint64_t end = now_ns();
        // A late echo of an earlier, lost request is not this one's.
        if (n == static_cast<ssize_t>(reply.size()) &&
            std::memcmp(reply.data(), buffer.data(), buffer.size()) == 0)
            return end - start;
    }
}

Result<int> run_rtt(const NetOptions& options) {
    UniqueFd fd = TRY(connected_socket(options));
    std::vector<uint8_t> buffer(options.size, 0x5a), reply(options.size);
    std::vector<uint64_t> samples;
    unsigned lost = 0, lost_in_a_row = 0;
    for (uint64_t i = 0; i < kWarmUp + options.count; i++) {
        // Spinning rather than sleeping: a sleep would add its own wake-up latency.
        for (uint64_t until = now_ns() + options.think * 1000ULL; now_ns() < until;)
            ;
        uint64_t rtt = TRY(round_trip(fd.get(), buffer, reply, i));
        lost_in_a_row = rtt == 0 ? lost_in_a_row + 1 : 0;
        if (lost_in_a_row == kMaxLostInARow)
            return fail(kMaxLostInARow, " requests in a row to ", options.address, ":", options.port,
                        " went unanswered: is the guest (or the echo server) running and "
                        "answering UDP echo?");
        if (i < kWarmUp)
            continue;
        if (rtt == 0)
            lost++;
        else
            samples.push_back(rtt);
    }
    if (samples.empty())
        return fail("no echo came back from ", options.address, ":", options.port,
                    ": is the guest (or the echo server) running and answering UDP echo?");
    Latency latency = summarize_latency(samples);
    printf("result: udp_rtt target %s think_us %u requests %u lost %u min_us %.1f median_us %.1f "
           "p99_us %.1f max_us %.1f\n",
           options.address.c_str(), options.think, options.count, lost, latency.min / 1e3,
           latency.median / 1e3, latency.p99 / 1e3, latency.max / 1e3);
    return 0;
}

// Up to kBatch datagrams of one buffer each, for sendmmsg and recvmmsg.
struct Batch {
    std::vector<std::vector<uint8_t>> buffers;
    std::vector<iovec> iov;
    std::vector<mmsghdr> headers;

    explicit Batch(unsigned size) : buffers(kBatch, std::vector<uint8_t>(size, 0x5a)), iov(kBatch),
                                    headers(kBatch) {
        for (unsigned i = 0; i < kBatch; i++) {
            iov[i] = {buffers[i].data(), buffers[i].size()};
            headers[i].msg_hdr = {};
            headers[i].msg_hdr.msg_iov = &iov[i];
            headers[i].msg_hdr.msg_iovlen = 1;
        }
    }
};

// Sends count requests numbered from *sequence; returns how many went out.
unsigned send_requests(int fd, Batch& batch, unsigned count, uint64_t* sequence) {
    count = std::min(count, kBatch);
    for (unsigned i = 0; i < count; i++) {
        uint64_t number = (*sequence)++;
        std::memcpy(batch.buffers[i].data(), &number, sizeof number);
    }
    int sent = sendmmsg(fd, batch.headers.data(), count, 0);
    return sent < 0 ? 0 : static_cast<unsigned>(sent);
}

Result<int> run_pps(const NetOptions& options) {
    UniqueFd fd = TRY(connected_socket(options));
    Batch out(options.size), in(options.size);
    uint64_t sequence = 0, sent = 0, received = 0, lost = 0;
    unsigned in_flight = 0;
    uint64_t start = now_ns();
    uint64_t end = start + options.seconds * 1000000000ULL;
    while (now_ns() < end) {
        while (in_flight < options.window) {
            unsigned n = send_requests(fd.get(), out, options.window - in_flight, &sequence);
            if (n == 0)
                break;
            in_flight += n;
            sent += n;
        }
        if (!readable(fd.get(), kReplyTimeoutMs)) {
            // The whole window is gone: count it lost and start a new one.
            lost += in_flight;
            in_flight = 0;
            continue;
        }
        int n = recvmmsg(fd.get(), in.headers.data(), kBatch, MSG_DONTWAIT, nullptr);
        if (n <= 0)
            continue;
        received += static_cast<unsigned>(n);
        in_flight -= std::min(in_flight, static_cast<unsigned>(n));
    }
    double seconds = static_cast<double>(now_ns() - start) / 1e9;
    printf("result: udp_pps target %s window %u seconds %.2f sent %lu received %lu lost %lu pps %.0f\n",
           options.address.c_str(), options.window, seconds, sent, received, lost,
           static_cast<double>(received) / seconds);
    if (received == 0)
        return fail("no echo came back from ", options.address, ":", options.port,
                    ": is the guest (or the echo server) running and answering UDP echo?");
    return 0;
}

// Echoes whatever arrives, batch by batch, back to its sender.
Result<int> run_serve(const NetOptions& options) {
    sockaddr_in local = TRY(socket_address(options.address, options.port));
    UniqueFd fd = TRY(udp_socket());
    if (bind(fd.get(), reinterpret_cast<sockaddr*>(&local), sizeof local) < 0)
        return fail("cannot bind ", options.address, ":", options.port, ": ", errno_text(),
                    ": the address must be one of this namespace's");
    Batch batch(kMaxSize);
    std::vector<sockaddr_in> peers(kBatch);
    for (unsigned i = 0; i < kBatch; i++) {
        batch.headers[i].msg_hdr.msg_name = &peers[i];
        batch.headers[i].msg_hdr.msg_namelen = sizeof peers[i];
    }
    uint64_t echoed = 0;
    while (readable(fd.get(), static_cast<int>(options.idle * 1000))) {
        int n = recvmmsg(fd.get(), batch.headers.data(), kBatch, MSG_DONTWAIT, nullptr);
        if (n <= 0)
            continue;
        for (int i = 0; i < n; i++)
            batch.iov[i].iov_len = batch.headers[i].msg_len;
        int sent = sendmmsg(fd.get(), batch.headers.data(), static_cast<unsigned>(n), 0);
        echoed += sent < 0 ? 0 : static_cast<unsigned>(sent);
        for (int i = 0; i < n; i++) {
            batch.iov[i].iov_len = kMaxSize;
            batch.headers[i].msg_hdr.msg_namelen = sizeof peers[i];
        }
    }
    printf("result: serve address %s echoed %lu\n", options.address.c_str(), echoed);
    return 0;
}

}  // namespace

}  // namespace tenor::bench

int main(int argc, char** argv) {
    using namespace tenor::bench;
    auto options = parse_net_options(std::vector<std::string>(argv + 1, argv + argc));
    if (!options) {
        fprintf(stderr, "net_client: %s\n", options.error().message.c_str());
        return 2;
    }
    tenor::Result<int> status = options->mode == NetMode::rtt   ? run_rtt(*options)
                                : options->mode == NetMode::pps ? run_pps(*options)
                                                                : run_serve(*options);
    if (!status) {
        fprintf(stderr, "net_client: %s\n", status.error().message.c_str());
        return 1;
    }
    return *status;
}

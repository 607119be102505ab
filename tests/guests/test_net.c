/*
 * test_net.c: an IPv4 responder for the network tests: on each NIC it answers
 * ARP requests, ICMP echo requests and UDP datagrams to port 7 (echo) sent to
 * its address, and exits by itself.
 *
 * Command line: NAME ADDRESS [NAME ADDRESS]... [limit=N] [idle=SECONDS] [mtu=N]
 *   NAME ADDRESS   acquire the net device NAME and answer as ADDRESS
 *                  (dotted IPv4) on it; at most MAX_NICS devices
 *   limit=N        exit 0 after answering N echo requests (ICMP and UDP
 *                  together); without a limit the guest serves until idle
 *   idle=SECONDS   exit once no request was answered for this long (default
 *                  10); with a limit not reached yet, that is a failure
 *   mtu=N          fail unless every device reports an MTU of N
 *
 * It prints one line per device once acquired, then "ready"; at the end one
 * line of counts per device, the total, and SUCCESS or FAILURE. A frame with
 * a wrong IPv4, ICMP or UDP checksum is dropped and counted, and any such
 * frame makes the run a failure: the rings must not corrupt data.
 */

#include "util.h"

#define MAX_NICS 4
/* Device names have at most 67 characters, as in the manifest. */
#define NAME_SIZE 68
#define NSEC_PER_SEC 1000000000ULL
#define DEFAULT_IDLE_SECONDS 10
/* The largest frame any tap can deliver: an MTU of 65535 plus the header. */
#define FRAME_MAX (65535 + SOLO5_NET_HLEN)

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_ARP 0x0806
#define ARP_REQUEST 1
#define ARP_REPLY 2
#define ARP_SIZE 28
#define IP_PROTO_ICMP 1
#define IP_PROTO_UDP 17
#define IP_HEADER_MIN 20
#define IP_FLAG_MF 0x2000
#define IP_OFFSET_MASK 0x1fff
#define ICMP_ECHO_REPLY 0
#define ICMP_ECHO_REQUEST 8
#define ICMP_HEADER 8
#define UDP_HEADER 8
#define UDP_ECHO_PORT 7
#define REPLY_TTL 64

struct nic {
    const char *name;
    solo5_handle_t handle;
    struct solo5_net_info info;
    uint8_t address[4];
    uint64_t arp_replies;
    uint64_t icmp_replies;
    uint64_t udp_replies;
    uint64_t ignored;
    uint64_t bad_checksums;
};

static struct nic nics[MAX_NICS];
static size_t nic_count;
static uint64_t limit;
static uint64_t idle_seconds = DEFAULT_IDLE_SECONDS;
static uint64_t expected_mtu;
static uint64_t answered;
static solo5_time_t last_answer;
/* One frame at a time: requests are answered in place. */
static uint8_t frame[FRAME_MAX];

static const uint8_t broadcast[SOLO5_NET_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* --- Byte access in network order: headers are not naturally aligned. */

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t value)
{
    p[0] = (uint8_t)(value >> 8);
    p[1] = (uint8_t)value;
}

/* Adds bytes to a one's complement sum (RFC 1071) kept unfolded in 32+ bits. */
static uint64_t sum_bytes(uint64_t sum, const uint8_t *p, size_t len)
{
    size_t i = 0;

    for (; i + 1 < len; i += 2)
        sum += get16(p + i);
    if (i < len)
        sum += (uint64_t)p[i] << 8;
    return sum;
}

/* Folds a sum to 16 bits and complements it: the Internet checksum. */
static uint16_t fold(uint64_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static uint16_t checksum(const uint8_t *p, size_t len)
{
    return fold(sum_bytes(0, p, len));
}

/* --- Console output. */

static void put_byte_hex(uint8_t byte)
{
    static const char digits[] = "0123456789abcdef";
    char text[3] = { digits[byte >> 4], digits[byte & 0xf], '\0' };

    puts(text);
}

static void put_mac(const uint8_t *mac)
{
    for (size_t i = 0; i < SOLO5_NET_ALEN; i++) {
        if (i > 0)
            puts(":");
        put_byte_hex(mac[i]);
    }
}

static void put_ipv4(const uint8_t *address)
{
    for (size_t i = 0; i < 4; i++) {
        if (i > 0)
            puts(".");
        put_u64(address[i]);
    }
}

/* --- Command line. */

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Copies the next space-separated word of *text into word; false at the end. */
static bool next_word(const char **text, char *word, size_t size)
{
    const char *p = *text;
    size_t n = 0;

    while (is_space(*p))
        p++;
    if (*p == '\0')
        return false;
    while (*p != '\0' && !is_space(*p)) {
        check(n + 1 < size, "a command line word is too long");
        word[n++] = *p++;
    }
    word[n] = '\0';
    *text = p;
    return true;
}

static bool contains(const char *s, char c)
{
    for (; *s != '\0'; s++) {
        if (*s == c)
            return true;
    }
    return false;
}

static bool starts_with(const char *s, const char *prefix)
{
    while (*prefix != '\0') {
        if (*s++ != *prefix++)
            return false;
    }
    return true;
}

/* Parses a decimal number of up to max; false unless all of text is one. */
static bool parse_u64(const char *text, uint64_t max, uint64_t *value)
{
    uint64_t v = 0;

    if (*text == '\0')
        return false;
    for (; *text != '\0'; text++) {
        if (*text < '0' || *text > '9')
            return false;
        uint64_t digit = (uint64_t)(*text - '0');
        /* Checked before it is computed, so that no value wraps around. */
        if (v > (max - digit) / 10)
            return false;
        v = v * 10 + digit;
    }
    *value = v;
    return true;
}

static bool parse_ipv4(const char *text, uint8_t address[4])
{
    char part[4];

    for (size_t i = 0; i < 4; i++) {
        size_t n = 0;
        uint64_t value;

        while (*text >= '0' && *text <= '9' && n < 3)
            part[n++] = *text++;
        part[n] = '\0';
        if (!parse_u64(part, 255, &value))
            return false;
        address[i] = (uint8_t)value;
        if (*text != (i < 3 ? '.' : '\0'))
            return false;
        text++;
    }
    return true;
}

/* Names must outlive parsing: they are kept in a static pool. */
static const char *keep_name(const char *word)
{
    static char pool[MAX_NICS][NAME_SIZE];
    char *name = pool[nic_count];
    size_t len = strlen(word);

    check(len > 0 && len < NAME_SIZE, "a device name must have 1 to 67 characters");
    memcpy(name, word, len + 1);
    return name;
}

static void parse_option(const char *word)
{
    if (starts_with(word, "limit=")) {
        check(parse_u64(word + 6, UINT64_MAX, &limit) && limit > 0,
                "limit=N needs a positive number");
    } else if (starts_with(word, "idle=")) {
        check(parse_u64(word + 5, 3600, &idle_seconds) && idle_seconds > 0,
                "idle=SECONDS needs a number from 1 to 3600");
    } else if (starts_with(word, "mtu=")) {
        check(parse_u64(word + 4, 65535, &expected_mtu) && expected_mtu > 0,
                "mtu=N needs a number from 1 to 65535");
    } else {
        puts("unknown option: ");
        puts(word);
        puts("\n");
        fail("usage: NAME ADDRESS [NAME ADDRESS]... [limit=N] [idle=SECONDS] [mtu=N]");
    }
}

static void parse_cmdline(const char *cmdline)
{
    char word[128];

    while (next_word(&cmdline, word, sizeof word)) {
        if (contains(word, '=')) {
            parse_option(word);
            continue;
        }
        check(nic_count < MAX_NICS, "too many devices on the command line");
        struct nic *nic = &nics[nic_count];
        nic->name = keep_name(word);
        check(next_word(&cmdline, word, sizeof word), "a device name must be followed by its address");
        check(parse_ipv4(word, nic->address), "a device address must be a dotted IPv4 address");
        nic_count++;
    }
    check(nic_count > 0, "usage: NAME ADDRESS [NAME ADDRESS]... [limit=N] [idle=SECONDS] [mtu=N]");
}

/* --- Answering requests, in place in `frame`. */

enum verdict { IGNORED, BAD_CHECKSUM, ANSWER };

static void count(struct nic *nic, enum verdict verdict)
{
    if (verdict == IGNORED)
        nic->ignored++;
    else if (verdict == BAD_CHECKSUM)
        nic->bad_checksums++;
}

static void send_reply(struct nic *nic, size_t len)
{
    /* The reply goes back to the sender of the request. */
    memcpy(frame, frame + SOLO5_NET_ALEN, SOLO5_NET_ALEN);
    memcpy(frame + SOLO5_NET_ALEN, nic->info.mac_address, SOLO5_NET_ALEN);
    check(solo5_net_write(nic->handle, frame, len) == SOLO5_R_OK, "solo5_net_write failed");
    last_answer = solo5_clock_monotonic();
}

/* ARP for IPv4 over Ethernet (RFC 826): answer requests for our address. */
static void handle_arp(struct nic *nic, size_t len)
{
    uint8_t *arp = frame + SOLO5_NET_HLEN;

    if (len < SOLO5_NET_HLEN + ARP_SIZE || get16(arp) != 1 || get16(arp + 2) != ETHERTYPE_IPV4 ||
            arp[4] != SOLO5_NET_ALEN || arp[5] != 4 || get16(arp + 6) != ARP_REQUEST ||
            memcmp(arp + 24, nic->address, 4) != 0) {
        nic->ignored++;
        return;
    }
    put16(arp + 6, ARP_REPLY);
    /* The sender's hardware and protocol addresses become the target's. */
    memcpy(arp + 18, arp + 8, SOLO5_NET_ALEN + 4);
    memcpy(arp + 8, nic->info.mac_address, SOLO5_NET_ALEN);
    memcpy(arp + 14, nic->address, 4);
    send_reply(nic, SOLO5_NET_HLEN + ARP_SIZE);
    nic->arp_replies++;
}

static enum verdict icmp_echo(uint8_t *icmp, size_t len)
{
    if (len < ICMP_HEADER || icmp[0] != ICMP_ECHO_REQUEST || icmp[1] != 0)
        return IGNORED;
    if (checksum(icmp, len) != 0)
        return BAD_CHECKSUM;
    /* The identifier, sequence number and data go back unchanged. */
    icmp[0] = ICMP_ECHO_REPLY;
    put16(icmp + 2, 0);
    put16(icmp + 2, checksum(icmp, len));
    return ANSWER;
}

static enum verdict udp_echo(const uint8_t *ip, uint8_t *udp, size_t len)
{
    if (len < UDP_HEADER)
        return IGNORED;
    size_t udp_len = get16(udp + 4);
    if (udp_len < UDP_HEADER || udp_len > len || get16(udp + 2) != UDP_ECHO_PORT)
        return IGNORED;
    if (get16(udp + 6) != 0) {
        /* The pseudo-header (RFC 768): addresses, protocol and length. */
        uint64_t sum = sum_bytes(0, ip + 12, 8) + IP_PROTO_UDP + udp_len;
        if (fold(sum_bytes(sum, udp, udp_len)) != 0)
            return BAD_CHECKSUM;
    }
    /*
     * Swapping the ports here and the addresses in the IPv4 header leaves
     * the one's complement sum, and so the checksum, unchanged.
     */
    uint8_t port[2] = { udp[0], udp[1] };
    memcpy(udp, udp + 2, 2);
    memcpy(udp + 2, port, 2);
    return ANSWER;
}

static enum verdict ipv4_request(struct nic *nic, uint8_t *ip, size_t len)
{
    if (len < IP_HEADER_MIN || ip[0] >> 4 != 4)
        return IGNORED;
    size_t header = (size_t)(ip[0] & 0xf) * 4;
    size_t total = get16(ip + 2);
    if (header < IP_HEADER_MIN || total < header || total > len ||
            memcmp(ip + 16, nic->address, 4) != 0)
        return IGNORED;
    if (checksum(ip, header) != 0)
        return BAD_CHECKSUM;
    if (get16(ip + 6) & (IP_FLAG_MF | IP_OFFSET_MASK))
        return IGNORED;  /* fragments: the tests never send any */
    if (ip[9] == IP_PROTO_ICMP)
        return icmp_echo(ip + header, total - header);
    if (ip[9] == IP_PROTO_UDP)
        return udp_echo(ip, ip + header, total - header);
    return IGNORED;
}

static void handle_ipv4(struct nic *nic, size_t len)
{
    uint8_t *ip = frame + SOLO5_NET_HLEN;
    enum verdict verdict = ipv4_request(nic, ip, len - SOLO5_NET_HLEN);
    uint8_t source[4];

    if (verdict != ANSWER) {
        count(nic, verdict);
        return;
    }
    memcpy(source, ip + 12, 4);
    memcpy(ip + 12, ip + 16, 4);
    memcpy(ip + 16, source, 4);
    ip[8] = REPLY_TTL;
    put16(ip + 10, 0);
    put16(ip + 10, checksum(ip, (size_t)(ip[0] & 0xf) * 4));
    if (ip[9] == IP_PROTO_ICMP)
        nic->icmp_replies++;
    else
        nic->udp_replies++;
    answered++;
    /* Ethernet padding of short requests is not echoed. */
    send_reply(nic, SOLO5_NET_HLEN + get16(ip + 2));
}

static void handle_frame(struct nic *nic, size_t len)
{
    if (len < SOLO5_NET_HLEN || (memcmp(frame, nic->info.mac_address, SOLO5_NET_ALEN) != 0 &&
                                 memcmp(frame, broadcast, SOLO5_NET_ALEN) != 0)) {
        nic->ignored++;
        return;
    }
    uint16_t type = get16(frame + 2 * SOLO5_NET_ALEN);
    if (type == ETHERTYPE_ARP)
        handle_arp(nic, len);
    else if (type == ETHERTYPE_IPV4)
        handle_ipv4(nic, len);
    else
        nic->ignored++;
}

/* --- Main loop. */

static bool limit_reached(void)
{
    return limit != 0 && answered >= limit;
}

/* Reads and answers frames until the ring is empty or the limit is reached. */
static void drain(struct nic *nic)
{
    while (!limit_reached()) {
        size_t len = 0;
        solo5_result_t result = solo5_net_read(nic->handle, frame, sizeof frame, &len);
        if (result == SOLO5_R_AGAIN)
            return;
        check(result == SOLO5_R_OK, "solo5_net_read failed");
        handle_frame(nic, len);
    }
}

static void serve(void)
{
    last_answer = solo5_clock_monotonic();
    while (!limit_reached()) {
        solo5_time_t now = solo5_clock_monotonic();
        solo5_handle_set_t ready = 0;

        if (now - last_answer >= idle_seconds * NSEC_PER_SEC)
            return;
        solo5_yield(now + NSEC_PER_SEC, &ready);
        for (size_t i = 0; i < nic_count; i++) {
            if (ready & (1ULL << nics[i].handle))
                drain(&nics[i]);
        }
    }
}

static void acquire(struct nic *nic)
{
    if (solo5_net_acquire(nic->name, &nic->handle, &nic->info) != SOLO5_R_OK) {
        puts("cannot acquire net device '");
        puts(nic->name);
        puts("'\n");
        fail("solo5_net_acquire failed: is the device declared and attached?");
    }
    puts(nic->name);
    puts(": handle ");
    put_u64(nic->handle);
    puts(" mac ");
    put_mac(nic->info.mac_address);
    puts(" mtu ");
    put_u64(nic->info.mtu);
    puts(" address ");
    put_ipv4(nic->address);
    puts("\n");
    if (expected_mtu != 0)
        check_eq(nic->info.mtu, expected_mtu, "the MTU solo5_net_acquire reports");
}

static void report(const struct nic *nic)
{
    puts(nic->name);
    puts(": answered ");
    put_u64(nic->arp_replies);
    puts(" ARP, ");
    put_u64(nic->icmp_replies);
    puts(" ICMP echo, ");
    put_u64(nic->udp_replies);
    puts(" UDP echo requests, ignored ");
    put_u64(nic->ignored);
    puts(" frames, ");
    put_u64(nic->bad_checksums);
    puts(" bad checksums\n");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    uint64_t bad_checksums = 0;

    parse_cmdline(si->cmdline);
    for (size_t i = 0; i < nic_count; i++)
        acquire(&nics[i]);
    puts("ready\n");
    serve();
    for (size_t i = 0; i < nic_count; i++) {
        report(&nics[i]);
        bad_checksums += nics[i].bad_checksums;
    }
    puts("answered ");
    put_u64(answered);
    puts(" echo requests in all\n");
    check(bad_checksums == 0, "frames with bad checksums arrived");
    if (limit != 0 && !limit_reached()) {
        puts("idle for ");
        put_u64(idle_seconds);
        puts(" s with ");
        put_u64(answered);
        puts(" of limit=");
        put_u64(limit);
        puts(" echo requests answered\n");
        fail("the echo requests stopped before the limit");
    }
    success();
    return SOLO5_EXIT_SUCCESS;
}

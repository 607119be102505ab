// tap.cc: tap devices via /dev/net/tun (Linux Documentation/networking/tuntap.rst).
#include "tap.h"

#include <fcntl.h>
#include <net/if.h>
#include <linux/if_tun.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <cstring>

#include "format.h"

namespace tenor {

namespace {

std::string create_hint(const std::string& ifname) {
    return "create it with 'ip tuntap add dev " + ifname + " mode tap' and 'ip link set dev " +
           ifname + " up'";
}

// Reads the interface's flags and MTU through a throw-away socket.
Result<void> query_interface(const std::string& device, const std::string& ifname, uint64_t* mtu) {
    UniqueFd sock(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!sock.valid())
        return fail("net device '", device, "': cannot open a socket to query ", ifname, ": ", errno_text());
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, ifname.c_str(), IFNAMSIZ - 1);
    if (ioctl(sock.get(), SIOCGIFFLAGS, &ifr) < 0)
        return fail("net device '", device, "': cannot read the flags of ", ifname, ": ", errno_text());
    if (!(ifr.ifr_flags & IFF_UP))
        return fail("net device '", device, "': tap interface '", ifname,
                    "' is down: bring it up with 'ip link set dev ", ifname, " up'");
    if (ioctl(sock.get(), SIOCGIFMTU, &ifr) < 0)
        return fail("net device '", device, "': cannot read the MTU of ", ifname, ": ", errno_text());
    if (ifr.ifr_mtu < 68 || ifr.ifr_mtu > 65521)
        return fail("net device '", device, "': ", ifname, " has MTU ", ifr.ifr_mtu,
                    ", outside 68..65521: set a usable MTU with 'ip link set dev ", ifname, " mtu 1500'");
    *mtu = static_cast<uint64_t>(ifr.ifr_mtu);
    return Ok{};
}

Result<Tap> open_by_name(const std::string& device, const std::string& ifname) {
    if (ifname.size() >= IFNAMSIZ)
        return fail("net device '", device, "': interface name '", ifname, "' is longer than ",
                    IFNAMSIZ - 1, " characters");
    // TUNSETIFF would create a missing interface: insist that it exists.
    if (if_nametoindex(ifname.c_str()) == 0)
        return fail("net device '", device, "': tap interface '", ifname, "' does not exist: ",
                    create_hint(ifname));
    UniqueFd fd(open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid()) {
        if (errno == ENOENT)
            return fail("net device '", device, "': /dev/net/tun does not exist: load the tun module "
                        "(modprobe tun)");
        return fail("net device '", device, "': cannot open /dev/net/tun: ", errno_text(),
                    ": run as root or give the user access to /dev/net/tun");
    }
    ifreq ifr{};
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    std::strncpy(ifr.ifr_name, ifname.c_str(), IFNAMSIZ - 1);
    if (ioctl(fd.get(), TUNSETIFF, &ifr) < 0) {
        int err = errno;
        if (err == EPERM)
            return fail("net device '", device, "': no permission to attach to ", ifname,
                        ": run as root, or create the tap for this user with 'ip tuntap add dev ",
                        ifname, " mode tap user $USER'");
        if (err == EBUSY)
            return fail("net device '", device, "': ", ifname, " is already in use by another "
                        "process (or is a tun, not a tap, interface)");
        return fail("net device '", device, "': cannot attach to ", ifname, " (", errno_text(err),
                    "): is it a tap interface? ", create_hint(ifname));
    }
    uint64_t mtu = 0;
    TRY_VOID(query_interface(device, ifname, &mtu));
    return Tap{std::move(fd), ifname, mtu};
}

Result<Tap> open_by_fd(const std::string& device, const std::string& spec) {
    int number = -1;
    auto [end, ec] = std::from_chars(spec.data() + 1, spec.data() + spec.size(), number);
    if (ec != std::errc() || end != spec.data() + spec.size() || number < 0)
        return fail("net device '", device, "': '", spec, "' is not a file descriptor: use @N");
    ifreq ifr{};
    if (ioctl(number, TUNGETIFF, &ifr) < 0)
        return fail("net device '", device, "': descriptor ", number, " is not an open tap device (",
                    errno_text(), ")");
    if (!(ifr.ifr_flags & IFF_TAP) || !(ifr.ifr_flags & IFF_NO_PI))
        return fail("net device '", device, "': descriptor ", number,
                    " must be a tap opened with IFF_TAP | IFF_NO_PI");
    int flags = fcntl(number, F_GETFL);
    if (flags < 0 || fcntl(number, F_SETFL, flags | O_NONBLOCK) < 0)
        return fail("net device '", device, "': cannot make descriptor ", number, " non-blocking: ",
                    errno_text());
    fcntl(number, F_SETFD, FD_CLOEXEC);
    std::string ifname(ifr.ifr_name);
    uint64_t mtu = 0;
    TRY_VOID(query_interface(device, ifname, &mtu));
    return Tap{UniqueFd(number), ifname, mtu};
}

}  // namespace

Result<Tap> open_tap(const std::string& device, const std::string& spec) {
    if (spec.empty())
        return fail("net device '", device, "': no interface given: use --net:", device, "=TAP");
    if (spec[0] == '@')
        return open_by_fd(device, spec);
    return open_by_name(device, spec);
}

std::array<uint8_t, 6> random_mac() {
    std::array<uint8_t, 6> mac{};
    if (getrandom(mac.data(), mac.size(), 0) != static_cast<ssize_t>(mac.size())) {
        // getrandom cannot fail for 6 bytes once the pool is ready; fall back to the pid.
        pid_t pid = getpid();
        std::memcpy(mac.data() + 2, &pid, sizeof pid);
    }
    mac[0] = static_cast<uint8_t>((mac[0] & 0xfc) | 0x02);  // unicast, locally administered
    return mac;
}

}  // namespace tenor

#include "brokers/angelone/net_identity.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace strike::brokers::angelone {
namespace {

std::string mac_of(const char* interface_name) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return {};
  ifreq req{};
  std::strncpy(req.ifr_name, interface_name, IFNAMSIZ - 1);
  std::string out;
  if (::ioctl(fd, SIOCGIFHWADDR, &req) == 0) {
    const auto* b = reinterpret_cast<const unsigned char*>(req.ifr_hwaddr.sa_data);
    char buf[18];
    std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]);
    out = buf;
  }
  ::close(fd);
  return out;
}

}  // namespace

net_identity detect_net_identity() {
  net_identity id{"127.0.0.1", "00:00:00:00:00:00"};
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return id;
  for (ifaddrs* a = list; a; a = a->ifa_next) {
    if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
    if (!(a->ifa_flags & IFF_UP) || (a->ifa_flags & IFF_LOOPBACK)) continue;
    char buf[INET_ADDRSTRLEN];
    const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
    if (!::inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf)) continue;
    id.local_ip = buf;
    if (auto mac = mac_of(a->ifa_name); !mac.empty()) id.mac = mac;
    break;
  }
  ::freeifaddrs(list);
  return id;
}

}  // namespace strike::brokers::angelone

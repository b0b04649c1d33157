// The local IP and MAC address Angel One wants in X-ClientLocalIP and X-MACAddress, read from
// the network interfaces (getifaddrs and SIOCGIFHWADDR). The public IP cannot be detected
// without asking an outside service, so it always comes from configuration.
#pragma once

#include <string>

namespace strike::brokers::angelone {

struct net_identity {
  std::string local_ip;  // e.g. "192.168.1.10"; "127.0.0.1" when only loopback is up
  std::string mac;       // e.g. "02:42:ac:11:00:02"; "00:00:00:00:00:00" when none is found
};

// The first interface that is up, not loopback, and has an IPv4 address.
net_identity detect_net_identity();

}  // namespace strike::brokers::angelone

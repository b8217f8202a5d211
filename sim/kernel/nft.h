// nftables commands in one namespace, through libnftables (the library of the `nft`
// command, not the command): each call is one transaction. The context and its netlink
// socket are made inside the namespace, so the commands act there.
#pragma once

#include <cstdint>
#include <string>

namespace sim::kernel {

// Runs `commands` (nft syntax, one per line) in namespace `ns`; throws std::runtime_error
// with nft's message when they fail.
void nft(int ns, const std::string& commands);
// The same; false (and `error` set) instead of throwing.
bool tryNft(int ns, const std::string& commands, std::string* error = nullptr);
// Appends to `chain` of table `ip TABLE` in namespace `ns` (both made if absent: the chain a
// filter on prerouting at priority -200, after the fault drops at -300) a rule that sends
// what arrives on interface `ifname` to NFQUEUE `queue`. This kernel has no nft queue
// expression (CONFIG_NFT_QUEUE); the rule is the xtables NFQUEUE target through nft_compat,
// as iptables-nft writes it (libnftnl). With `family` 6 the same in table `ip6 TABLE`, for
// IPv6 packets (nft_compat has no targets in `inet` tables). Throws std::runtime_error.
void nftQueue(int ns, const std::string& table, const std::string& chain, const std::string& ifname,
              std::uint16_t queue, int family = 4);
// What `nft list ruleset` prints in namespace `ns`.
std::string nftRuleset(int ns);

} // namespace sim::kernel

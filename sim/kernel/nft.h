// nftables commands in one namespace, through libnftables (the library of the `nft`
// command, not the command): each call is one transaction. The context and its netlink
// socket are made inside the namespace, so the commands act there.
#pragma once

#include <string>

namespace netbed::kernel {

// Runs `commands` (nft syntax, one per line) in namespace `ns`; throws std::runtime_error
// with nft's message when they fail.
void nft(int ns, const std::string& commands);
// The same; false (and `error` set) instead of throwing.
bool tryNft(int ns, const std::string& commands, std::string* error = nullptr);
// What `nft list ruleset` prints in namespace `ns`.
std::string nftRuleset(int ns);

} // namespace netbed::kernel

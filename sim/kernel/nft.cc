// libnftables inside a namespace.
#include "sim/kernel/nft.h"

#include <libmnl/libmnl.h>
#include <libnftnl/chain.h>
#include <libnftnl/common.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <libnftnl/table.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/xt_NFQUEUE.h>
#include <net/if.h>
#include <nftables/libnftables.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

#include "sim/kernel/netns.h"

namespace sim::kernel {

namespace {

struct Ctx {
  Ctx() : ctx(nft_ctx_new(NFT_CTX_DEFAULT)) {
    if (!ctx)
      throw std::runtime_error("nftables: no context");
    nft_ctx_buffer_output(ctx);
    nft_ctx_buffer_error(ctx);
  }
  ~Ctx() { nft_ctx_free(ctx); }
  Ctx(const Ctx&) = delete;
  Ctx& operator=(const Ctx&) = delete;
  nft_ctx* ctx;
};

} // namespace

bool tryNft(int ns, const std::string& commands, std::string* error) {
  InNamespace in(ns);
  Ctx c;
  if (nft_run_cmd_from_buffer(c.ctx, commands.c_str()) == 0)
    return true;
  if (error)
    *error = nft_ctx_get_error_buffer(c.ctx);
  return false;
}

void nft(int ns, const std::string& commands) {
  std::string error;
  if (!tryNft(ns, commands, &error))
    throw std::runtime_error("nftables: " + error + "(in: " + commands.substr(0, 200) + ")");
}

void nftQueue(int ns, const std::string& table, const std::string& chain, const std::string& ifname,
              std::uint16_t queue, int family) {
  const std::uint32_t proto = family == 6 ? NFPROTO_IPV6 : NFPROTO_IPV4;
  InNamespace in(ns);
  // The table and chain in the same batch, through libnftnl too: libnftables would read the
  // namespace's rules first and, without libxtables' NFQUEUE module, print "XT target
  // NFQUEUE not found" for a rule already there (the other family's, another interface's).
  std::unique_ptr<nftnl_table, decltype(&nftnl_table_free)> t(nftnl_table_alloc(), nftnl_table_free);
  nftnl_table_set_u32(t.get(), NFTNL_TABLE_FAMILY, proto);
  nftnl_table_set_str(t.get(), NFTNL_TABLE_NAME, table.c_str());
  std::unique_ptr<nftnl_chain, decltype(&nftnl_chain_free)> c(nftnl_chain_alloc(), nftnl_chain_free);
  nftnl_chain_set_u32(c.get(), NFTNL_CHAIN_FAMILY, proto);
  nftnl_chain_set_str(c.get(), NFTNL_CHAIN_TABLE, table.c_str());
  nftnl_chain_set_str(c.get(), NFTNL_CHAIN_NAME, chain.c_str());
  nftnl_chain_set_str(c.get(), NFTNL_CHAIN_TYPE, "filter");
  nftnl_chain_set_u32(c.get(), NFTNL_CHAIN_HOOKNUM, NF_INET_PRE_ROUTING);
  nftnl_chain_set_s32(c.get(), NFTNL_CHAIN_PRIO, -200);
  nftnl_chain_set_u32(c.get(), NFTNL_CHAIN_POLICY, NF_ACCEPT);
  std::unique_ptr<nftnl_rule, decltype(&nftnl_rule_free)> rule(nftnl_rule_alloc(), nftnl_rule_free);
  nftnl_rule_set_u32(rule.get(), NFTNL_RULE_FAMILY, proto);
  nftnl_rule_set_str(rule.get(), NFTNL_RULE_TABLE, table.c_str());
  nftnl_rule_set_str(rule.get(), NFTNL_RULE_CHAIN, chain.c_str());
  nftnl_expr* meta = nftnl_expr_alloc("meta");
  nftnl_expr_set_u32(meta, NFTNL_EXPR_META_KEY, NFT_META_IIFNAME);
  nftnl_expr_set_u32(meta, NFTNL_EXPR_META_DREG, NFT_REG_1);
  nftnl_rule_add_expr(rule.get(), meta);
  char name[IFNAMSIZ] = {};
  std::strncpy(name, ifname.c_str(), IFNAMSIZ - 1);
  nftnl_expr* cmp = nftnl_expr_alloc("cmp");
  nftnl_expr_set_u32(cmp, NFTNL_EXPR_CMP_SREG, NFT_REG_1);
  nftnl_expr_set_u32(cmp, NFTNL_EXPR_CMP_OP, NFT_CMP_EQ);
  nftnl_expr_set(cmp, NFTNL_EXPR_CMP_DATA, name, IFNAMSIZ);
  nftnl_rule_add_expr(rule.get(), cmp);
  // The target's info, its size rounded up as xtables has it; the expression frees it.
  constexpr std::size_t kInfo = (sizeof(xt_NFQ_info_v3) + 7) / 8 * 8;
  auto* info = static_cast<xt_NFQ_info_v3*>(std::calloc(1, kInfo));
  info->queuenum = queue;
  info->queues_total = 1;
  nftnl_expr* target = nftnl_expr_alloc("target");
  nftnl_expr_set_str(target, NFTNL_EXPR_TG_NAME, "NFQUEUE");
  nftnl_expr_set_u32(target, NFTNL_EXPR_TG_REV, 3);
  nftnl_expr_set(target, NFTNL_EXPR_TG_INFO, info, kInfo);
  nftnl_rule_add_expr(rule.get(), target);

  std::unique_ptr<mnl_socket, decltype(&mnl_socket_close)> nl(mnl_socket_open(NETLINK_NETFILTER), mnl_socket_close);
  if (!nl || mnl_socket_bind(nl.get(), 0, MNL_SOCKET_AUTOPID) < 0)
    throw std::runtime_error(std::string("nftables: netlink socket: ") + std::strerror(errno));
  std::vector<char> buf(16384);
  mnl_nlmsg_batch* batch = mnl_nlmsg_batch_start(buf.data(), buf.size());
  std::uint32_t seq = 1;
  nftnl_batch_begin(static_cast<char*>(mnl_nlmsg_batch_current(batch)), seq++);
  mnl_nlmsg_batch_next(batch);
  const auto family16 = static_cast<std::uint16_t>(proto);
  // Made if absent, left as they are if present (no NLM_F_EXCL); a failure is answered
  // without NLM_F_ACK too, and ends the batch.
  nftnl_table_nlmsg_build_payload(nftnl_table_nlmsg_build_hdr(static_cast<char*>(mnl_nlmsg_batch_current(batch)),
                                                              NFT_MSG_NEWTABLE, family16, NLM_F_CREATE, seq++),
                                  t.get());
  mnl_nlmsg_batch_next(batch);
  nftnl_chain_nlmsg_build_payload(nftnl_chain_nlmsg_build_hdr(static_cast<char*>(mnl_nlmsg_batch_current(batch)),
                                                              NFT_MSG_NEWCHAIN, family16, NLM_F_CREATE, seq++),
                                  c.get());
  mnl_nlmsg_batch_next(batch);
  nlmsghdr* nlh = nftnl_rule_nlmsg_build_hdr(static_cast<char*>(mnl_nlmsg_batch_current(batch)), NFT_MSG_NEWRULE,
                                             family16, NLM_F_APPEND | NLM_F_CREATE | NLM_F_ACK, seq++);
  nftnl_rule_nlmsg_build_payload(nlh, rule.get());
  mnl_nlmsg_batch_next(batch);
  nftnl_batch_end(static_cast<char*>(mnl_nlmsg_batch_current(batch)), seq++);
  mnl_nlmsg_batch_next(batch);
  ssize_t n = mnl_socket_sendto(nl.get(), mnl_nlmsg_batch_head(batch), mnl_nlmsg_batch_size(batch));
  mnl_nlmsg_batch_stop(batch);
  if (n < 0)
    throw std::runtime_error(std::string("nftables: sending the NFQUEUE rule: ") + std::strerror(errno));
  std::vector<char> answer(8192);
  n = mnl_socket_recvfrom(nl.get(), answer.data(), answer.size());
  if (n < 0 ||
      mnl_cb_run(answer.data(), static_cast<std::size_t>(n), 0, mnl_socket_get_portid(nl.get()), nullptr, nullptr) < 0)
    throw std::runtime_error("nftables: the NFQUEUE rule for " + ifname + ": " + std::strerror(errno) +
                             " (this kernel needs nft_compat and xt_NFQUEUE)");
}

std::string nftRuleset(int ns) {
  InNamespace in(ns);
  Ctx c;
  if (nft_run_cmd_from_buffer(c.ctx, "list ruleset") != 0)
    return std::string("error: ") + nft_ctx_get_error_buffer(c.ctx);
  return nft_ctx_get_output_buffer(c.ctx);
}

} // namespace sim::kernel

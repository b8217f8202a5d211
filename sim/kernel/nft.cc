// libnftables inside a namespace.
#include "sim/kernel/nft.h"

#include <nftables/libnftables.h>

#include <memory>
#include <stdexcept>

#include "sim/kernel/netns.h"

namespace netbed::kernel {

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

std::string nftRuleset(int ns) {
  InNamespace in(ns);
  Ctx c;
  if (nft_run_cmd_from_buffer(c.ctx, "list ruleset") != 0)
    return std::string("error: ") + nft_ctx_get_error_buffer(c.ctx);
  return nft_ctx_get_output_buffer(c.ctx);
}

} // namespace netbed::kernel

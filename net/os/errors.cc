// libuv status codes and addresses, in the net layer's terms.
#include <cstring>

#include "net/os/internal.h"

namespace net::os {

Error uvError(int status, const std::string& op) {
  Errc code;
  switch (status) {
  case UV_ECONNREFUSED: code = Errc::ConnectionRefused; break;
  case UV_ECONNRESET: code = Errc::ConnectionReset; break;
  case UV_ECONNABORTED: code = Errc::ConnectionAborted; break;
  case UV_ETIMEDOUT: code = Errc::TimedOut; break;
  case UV_EHOSTUNREACH: code = Errc::HostUnreachable; break;
  case UV_ENETUNREACH: code = Errc::NetworkUnreachable; break;
  case UV_EADDRINUSE: code = Errc::AddressInUse; break;
  case UV_EADDRNOTAVAIL: code = Errc::AddressNotAvailable; break;
  case UV_EACCES: code = Errc::AccessDenied; break;
  case UV_EPIPE: code = Errc::BrokenPipe; break;
  case UV_EINVAL: code = Errc::InvalidArgument; break;
  case UV_EMFILE: code = Errc::TooManyFiles; break;
  case UV_EAI_NONAME:
  case UV_EAI_NODATA:
  case UV_EAI_AGAIN:
  case UV_EAI_FAIL: code = Errc::NotFound; break;
  default: code = Errc::Io; break;
  }
  // Node's form: "connect ECONNREFUSED 127.0.0.1:80"; a listen error also says what it means
  // ("listen EADDRINUSE: address already in use 0.0.0.0:80"), as Node's does.
  auto space = op.find(' ');
  std::string call = op.substr(0, space), where = space == std::string::npos ? "" : op.substr(space);
  // A name that does not resolve is ENOTFOUND, as Node names it (libuv: EAI_NONAME...).
  std::string msg = call + " " + (code == Errc::NotFound ? std::string(codeName(code)) : uv_err_name(status));
  if (call == "listen")
    msg += std::string(": ") + uv_strerror(status);
  return Error{code, msg + where};
}

MaybeError uvResult(int status, const std::string& op) {
  if (status < 0)
    return uvError(status, op);
  return std::nullopt;
}

Address sockaddrToAddress(const sockaddr* sa) {
  char name[INET6_ADDRSTRLEN] = {};
  Address a;
  if (sa->sa_family == AF_INET6) {
    const auto* s6 = reinterpret_cast<const sockaddr_in6*>(sa);
    uv_ip6_name(s6, name, sizeof name);
    a.family = 6;
    a.port = ntohs(s6->sin6_port);
  } else if (sa->sa_family == AF_INET) {
    const auto* s4 = reinterpret_cast<const sockaddr_in*>(sa);
    uv_ip4_name(s4, name, sizeof name);
    a.family = 4;
    a.port = ntohs(s4->sin_port);
  }
  a.address = name;
  return a;
}

bool addressToSockaddr(const Address& a, sockaddr_storage& out) {
  std::memset(&out, 0, sizeof out);
  if (a.family != 6 && uv_ip4_addr(a.address.c_str(), a.port, reinterpret_cast<sockaddr_in*>(&out)) == 0)
    return true;
  return a.family != 4 && uv_ip6_addr(a.address.c_str(), a.port, reinterpret_cast<sockaddr_in6*>(&out)) == 0;
}

} // namespace net::os

#include "net/net.h"

namespace net {

std::string_view codeName(Errc code) {
  switch (code) {
  case Errc::ConnectionRefused: return "ECONNREFUSED";
  case Errc::ConnectionReset: return "ECONNRESET";
  case Errc::ConnectionAborted: return "ECONNABORTED";
  case Errc::TimedOut: return "ETIMEDOUT";
  case Errc::HostUnreachable: return "EHOSTUNREACH";
  case Errc::NetworkUnreachable: return "ENETUNREACH";
  case Errc::AddressInUse: return "EADDRINUSE";
  case Errc::AddressNotAvailable: return "EADDRNOTAVAIL";
  case Errc::AccessDenied: return "EACCES";
  case Errc::NotFound: return "ENOTFOUND";
  case Errc::BrokenPipe: return "EPIPE";
  case Errc::InvalidArgument: return "EINVAL";
  case Errc::TooManyFiles: return "EMFILE";
  case Errc::WriteAfterEnd: return "ERR_STREAM_WRITE_AFTER_END";
  case Errc::StreamDestroyed: return "ERR_STREAM_DESTROYED";
  case Errc::StreamAlreadyFinished: return "ERR_STREAM_ALREADY_FINISHED";
  case Errc::ServerNotRunning: return "ERR_SERVER_NOT_RUNNING";
  case Errc::ServerAlreadyListening: return "ERR_SERVER_ALREADY_LISTEN";
  case Errc::BadPort: return "ERR_SOCKET_BAD_PORT";
  case Errc::InvalidArgValue: return "ERR_INVALID_ARG_VALUE";
  case Errc::Io: return "EIO";
  }
  return "EIO";
}

std::string Error::what() const {
  std::string s(code());
  if (!message.empty()) {
    s += ": ";
    s += message;
  }
  return s;
}

ArgumentError::ArgumentError(Error e) : std::invalid_argument(e.what()), error_(std::move(e)) {}

} // namespace net

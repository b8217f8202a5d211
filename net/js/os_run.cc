// `netbed js FILE`: a script on real sockets, run until nothing is left to do (iotjs FILE).
#include "net/js/js.h"
#include "net/os.h"
#include "net/runtime.h"

namespace net::js {

int runOnOs(const std::string& path, ScriptOptions options) {
  net::os::Loop loop;
  auto ctx = loop.context();
  int code = 0;
  {
    Script script(*ctx, std::move(options));
    script.start(path);
    loop.run();
    code = script.finish();
  }
  net::Runtime::reset(*ctx);
  loop.run(); // lets the reset's handles close
  return code;
}

} // namespace net::js

#include "tests/visualize/browser.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <unistd.h>
#include <zlib.h>

#include "tests/visualize/command.h"

namespace browser {

namespace fs = std::filesystem;

namespace {

const char* kFlags = " --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
                     " --disable-dev-shm-usage --hide-scrollbars --mute-audio";

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A profile of its own per call: two tests at once must not share Chromium's lock.
std::string profile() {
  static int n = 0;
  fs::path p =
      fs::temp_directory_path() / ("netbed-chromium-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
  fs::create_directories(p);
  return p.string();
}

std::string run(const std::string& command) {
  report_test::CommandResult r = report_test::runCommand(command);
  if (r.status != 0)
    throw std::runtime_error("exit status " + std::to_string(r.status) + " from " + command);
  return r.output;
}

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

} // namespace

std::string chromium() {
  for (const char* name : {"chromium", "chromium-browser"}) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
      if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0)
        return dir + "/" + name;
  }
  throw std::runtime_error("chromium not found on PATH: install it (apt-get install chromium); CI does");
}

std::string dumpDom(const std::string& file, double* seconds) {
  std::string dir = profile();
  std::string command = quote(chromium()) + kFlags + " --user-data-dir=" + quote(dir) +
                        " --virtual-time-budget=10000 --dump-dom " + quote("file://" + file) + " 2>/dev/null";
  auto start = std::chrono::steady_clock::now();
  std::string dom = run(command);
  if (seconds)
    *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fs::remove_all(dir);
  return dom;
}

void screenshot(const std::string& file, const std::string& png, int width, int height) {
  std::string dir = profile();
  fs::remove(png);
  run(quote(chromium()) + kFlags + " --user-data-dir=" + quote(dir) +
      " --virtual-time-budget=10000 --window-size=" + std::to_string(width) + "," + std::to_string(height) +
      " --screenshot=" + quote(png) + " " + quote("file://" + file) + " 2>/dev/null");
  fs::remove_all(dir);
  if (!fs::exists(png))
    throw std::runtime_error("chromium wrote no screenshot " + png);
}

std::size_t nonBackgroundPixels(const std::string& png, int* widthOut, int* heightOut) {
  std::ifstream in(png, std::ios::binary);
  std::vector<unsigned char> f((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (f.size() < 33 || f[1] != 'P' || f[2] != 'N' || f[3] != 'G')
    throw std::runtime_error(png + ": not a PNG");
  std::uint32_t width = 0, height = 0;
  int channels = 0;
  std::vector<unsigned char> idat;
  for (std::size_t at = 8; at + 12 <= f.size();) {
    std::uint32_t len = be32(&f[at]);
    std::string type(reinterpret_cast<const char*>(&f[at + 4]), 4);
    const unsigned char* data = &f[at + 8];
    if (type == "IHDR") {
      width = be32(data);
      height = be32(data + 4);
      if (data[8] != 8 || data[12] != 0 || (data[9] != 2 && data[9] != 6))
        throw std::runtime_error(png + ": only 8-bit RGB or RGBA, not interlaced");
      channels = data[9] == 2 ? 3 : 4;
    } else if (type == "IDAT") {
      idat.insert(idat.end(), data, data + len);
    }
    at += 12 + len;
  }
  std::size_t stride = width * static_cast<std::size_t>(channels);
  std::vector<unsigned char> raw((stride + 1) * height);
  uLongf rawSize = raw.size();
  if (::uncompress(raw.data(), &rawSize, idat.data(), idat.size()) != Z_OK || rawSize != raw.size())
    throw std::runtime_error(png + ": cannot inflate");
  // Undo the per-row filters (PNG spec 9.2) in place.
  std::vector<unsigned char> img(stride * height), zero(stride, 0);
  for (std::size_t y = 0; y < height; ++y) {
    unsigned char filter = raw[y * (stride + 1)];
    const unsigned char* src = &raw[y * (stride + 1) + 1];
    unsigned char* row = &img[y * stride];
    const unsigned char* up = y ? &img[(y - 1) * stride] : zero.data();
    for (std::size_t x = 0; x < stride; ++x) {
      int a = x >= static_cast<std::size_t>(channels) ? row[x - static_cast<std::size_t>(channels)] : 0;
      int b = up[x];
      int c = x >= static_cast<std::size_t>(channels) ? up[x - static_cast<std::size_t>(channels)] : 0;
      int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
      int predictor = filter == 1   ? a
                      : filter == 2 ? b
                      : filter == 3 ? (a + b) / 2
                      : filter == 4 ? (pa <= pb && pa <= pc ? a
                                       : pb <= pc           ? b
                                                            : c)
                                    : 0;
      row[x] = static_cast<unsigned char>(src[x] + predictor);
    }
  }
  std::size_t differing = 0;
  for (std::size_t i = 0; i < img.size(); i += static_cast<std::size_t>(channels))
    if (img[i] != img[0] || img[i + 1] != img[1] || img[i + 2] != img[2])
      ++differing;
  if (widthOut)
    *widthOut = static_cast<int>(width);
  if (heightOut)
    *heightOut = static_cast<int>(height);
  return differing;
}

std::string bodyAttribute(const std::string& dom, const std::string& name) {
  std::size_t body = dom.find("<body");
  if (body == std::string::npos)
    return "";
  std::size_t end = dom.find('>', body);
  std::string tag = dom.substr(body, end - body);
  std::size_t at = tag.find(" " + name + "=\"");
  if (at == std::string::npos)
    return "";
  at += name.size() + 3;
  return tag.substr(at, tag.find('"', at) - at);
}

} // namespace browser

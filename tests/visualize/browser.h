// Opens a report in headless Chromium (Debian's `chromium`): the DOM after the page's scripts ran,
// and a screenshot. Throws when Chromium is missing: CI installs it, so a missing browser is a
// failure, not a reason to skip.
#pragma once

#include <string>

namespace browser {

// The path of the chromium binary; throws std::runtime_error when there is none.
std::string chromium();

// The serialized DOM of `file` after load (--dump-dom), and the wall time it took in seconds.
std::string dumpDom(const std::string& file, double* seconds = nullptr);

// Writes a PNG screenshot of `file` at width x height.
void screenshot(const std::string& file, const std::string& png, int width, int height);

// The number of pixels of an 8-bit RGB(A) PNG that differ from its top-left pixel (the background).
std::size_t nonBackgroundPixels(const std::string& png, int* width = nullptr, int* height = nullptr);

// The value of attribute `name` of the first <body> tag in `dom`, or "" when absent.
std::string bodyAttribute(const std::string& dom, const std::string& name);

} // namespace browser

// A sweep plot as a standalone SVG file (for papers: no browser, no script): mean per parameter
// value, error bars of one standard deviation, one line per combination of the other parameters.
#pragma once

#include <string>

#include "visualize/sweep_table.h"

namespace visualize {

// The colours of series, shared with the page (web/report.css).
const char* seriesColour(std::size_t i);

// Escapes &, <, >, " for XML text and attributes.
std::string xmlEscape(const std::string& s);

std::string renderSweepSvg(const SweepPlot& plot);

} // namespace visualize

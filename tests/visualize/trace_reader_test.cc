// trace.jsonl parsing: every field of the contract, faults and NIC drops, and bad lines refused
// with the file, the line and what was expected.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <tuple>
#include <utility>

#include "visualize/input_error.h"
#include "visualize/trace_reader.h"

namespace {

using ::testing::HasSubstr;
using visualize::Ev;

visualize::Trace parse(const std::string& text, visualize::TraceParser with = visualize::TraceParser::simdjson) {
  std::istringstream in(text);
  return visualize::parseTrace(in, "run/trace.jsonl", with);
}

std::string errorOf(const std::string& text) {
  try {
    parse(text);
  } catch (const visualize::InputError& e) {
    return e.what();
  }
  return "no error";
}

// The error for a trace of the one line `line`.
std::string errorOfLine(const std::string& line) { return errorOf(line + "\n"); }

TEST(TraceReader, ReadsEveryFieldOfTheContract) {
  visualize::Trace t = parse(
      R"({"t":1000000,"node":"sensor-1","obj":3,"kind":"socket","ev":"connect","peer":"10.0.0.1:80","local":"10.0.0.2:49153"})"
      "\n"
      R"({"t":1500000,"node":"gateway","obj":1,"kind":"server","ev":"connection","socket":4,"peer":"10.0.0.2:49153","local":"10.0.0.1:80"})"
      "\n"
      R"({"t":2000000,"node":"sensor-1","obj":3,"kind":"socket","ev":"data","bytes":64})"
      "\n"
      R"({"t":3000000,"node":"sensor-1","obj":3,"kind":"socket","ev":"error","code":"ECONNRESET","message":"read \"x\" ECONNRESET"})"
      "\n"
      R"({"t":4000000,"ev":"fault","fault":"crash","target":"gateway"})"
      "\n"
      R"({"t":5000000,"node":"sensor-1","ev":"nic","device":0,"cause":"rx-overflow","bytes":1514})"
      "\n");
  ASSERT_EQ(t.events.size(), 6u);
  EXPECT_EQ(t.lines, 6u);
  EXPECT_TRUE(t.anyLocal);
  EXPECT_FALSE(t.reordered);
  EXPECT_EQ(t.lastT, 5'000'000);
  EXPECT_EQ(t.nodes, (std::vector<std::string>{"sensor-1", "gateway"}));

  const auto& connect = t.events[0];
  EXPECT_EQ(connect.t, 1'000'000);
  EXPECT_EQ(connect.ev, Ev::connect);
  EXPECT_FALSE(connect.server);
  EXPECT_EQ(connect.obj, 3u);
  EXPECT_EQ(t.str(connect.peer), "10.0.0.1:80");
  EXPECT_EQ(t.str(connect.local), "10.0.0.2:49153");
  EXPECT_EQ(connect.line, 1u);

  const auto& accepted = t.events[1];
  EXPECT_TRUE(accepted.server);
  EXPECT_TRUE(accepted.hasSocket);
  EXPECT_EQ(accepted.socket, 4u);

  EXPECT_EQ(t.events[2].bytes, 64u);
  EXPECT_EQ(t.str(t.events[3].code), "ECONNRESET");
  EXPECT_EQ(t.str(t.events[3].detail), "read \"x\" ECONNRESET");

  const auto& fault = t.events[4];
  EXPECT_EQ(fault.ev, Ev::fault);
  EXPECT_EQ(fault.node, -1);
  EXPECT_EQ(t.str(fault.code), "crash");
  EXPECT_EQ(t.str(fault.detail), "gateway");

  const auto& nic = t.events[5];
  EXPECT_EQ(nic.ev, Ev::nic);
  EXPECT_EQ(nic.device, 0);
  EXPECT_EQ(t.str(nic.code), "rx-overflow");
  EXPECT_EQ(nic.bytes, 1514u);
}

TEST(TraceReader, MapsTheSimulatorsFaultSpellingsToTheContractsNames) {
  visualize::Trace t = parse(R"({"t":1,"ev":"fault","fault":"link-down","target":"a-b"})"
                             "\n"
                             R"({"t":2,"ev":"fault","fault":"loss=0.200000","target":"a-b"})"
                             "\n"
                             R"({"t":3,"ev":"fault","fault":"delay=5000000ns","target":"a-b"})"
                             "\n"
                             R"({"t":4,"ev":"fault","fault":"heal","target":""})"
                             "\n");
  ASSERT_EQ(t.events.size(), 4u);
  EXPECT_EQ(t.str(t.events[0].code), "linkDown");
  EXPECT_EQ(t.str(t.events[1].code), "setLoss");
  EXPECT_EQ(t.str(t.events[1].extra), "loss=0.200000");
  EXPECT_EQ(t.str(t.events[2].code), "setDelay");
  EXPECT_EQ(t.str(t.events[3].code), "heal");
}

TEST(TraceReader, SkipsBlankLinesButCountsThemForLineNumbers) {
  visualize::Trace t = parse("\n"
                             R"({"t":5,"node":"a","obj":1,"kind":"socket","ev":"close"})"
                             "\n\n");
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(t.events[0].line, 2u);
}

TEST(TraceReader, SortsLinesThatAreOutOfTimeOrderAndSaysSo) {
  visualize::Trace t = parse(R"({"t":20,"node":"a","obj":1,"kind":"socket","ev":"close"})"
                             "\n"
                             R"({"t":10,"node":"a","obj":1,"kind":"socket","ev":"data","bytes":1})"
                             "\n");
  EXPECT_TRUE(t.reordered);
  EXPECT_EQ(t.events[0].t, 10);
  EXPECT_EQ(t.events[0].line, 2u);
  EXPECT_EQ(t.events[1].t, 20);
}

TEST(TraceReader, DecodesStringEscapes) {
  visualize::Trace t = parse(R"({"t":1,"node":"caf\u00e9\t\\","obj":1,"kind":"socket","ev":"close"})"
                             "\n");
  EXPECT_EQ(t.nodes[0], "caf\xC3\xA9\t\\");
}

TEST(TraceReader, IgnoresUnknownKeysEvenNestedOnes) {
  visualize::Trace t = parse(R"({"t":1,"node":"a","obj":1,"kind":"socket","ev":"close","extra":{"x":[1,{"y":"}"}]}})"
                             "\n");
  EXPECT_EQ(t.events.size(), 1u);
}

TEST(TraceReader, SyntaxErrorNamesFileLineAndColumn) {
  std::string good = R"({"t":1,"node":"a","obj":1,"kind":"socket","ev":"close"})"
                     "\n";
  EXPECT_EQ(errorOf(good + good +
                    R"({"t":1,"node" "a"})"
                    "\n"),
            "run/trace.jsonl:3: column 15: expected ':' after a key, found '\"'");
  EXPECT_EQ(errorOf(good + R"({"t":1,"node":"a)"
                           "\n"),
            "run/trace.jsonl:2: column 17: unterminated string");
  EXPECT_EQ(errorOf("[1,2]\n"), "run/trace.jsonl:1: column 1: expected '{' (each line is one JSON object), found '['");
  EXPECT_EQ(errorOf(R"({"t":1} x)"
                    "\n"),
            "run/trace.jsonl:1: column 9: unexpected text after the object");
}

TEST(TraceReader, MissingOrMistypedKeysAreNamed) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"node":"a","obj":1,"kind":"socket","ev":"close"})",
       "run/trace.jsonl:1: missing key \"t\" (expected a non-negative integer (nanoseconds))"},
      {R"({"t":-5,"node":"a","obj":1,"kind":"socket","ev":"close"})",
       "run/trace.jsonl:1: key \"t\": expected a non-negative integer (nanoseconds), found -5"},
      {R"({"t":"5","node":"a","obj":1,"kind":"socket","ev":"close"})",
       "run/trace.jsonl:1: key \"t\": expected a non-negative integer (nanoseconds), found \"5\""},
      {R"({"t":5,"node":"a","obj":1,"kind":"socket","ev":"data"})",
       "run/trace.jsonl:1: missing key \"bytes\" (expected the chunk's size, a non-negative integer)"},
      {R"({"t":5,"node":"a","obj":1,"kind":"pipe","ev":"close"})",
       "run/trace.jsonl:1: key \"kind\": expected \"socket\" or \"server\", found \"pipe\""},
      {R"({"t":5,"node":"a","obj":1,"kind":"socket","ev":"error"})",
       "run/trace.jsonl:1: missing key \"code\" (expected an error code such as \"ECONNRESET\")"},
      {R"({"t":5,"ev":"fault","target":"a"})", "run/trace.jsonl:1: missing key \"fault\" (expected a fault name)"},
  };
  for (const auto& [line, error] : cases)
    EXPECT_EQ(errorOfLine(line), error) << line;
  EXPECT_THAT(errorOfLine(R"({"t":5,"node":"a","obj":1,"kind":"socket","ev":"explode"})"),
              HasSubstr("run/trace.jsonl:1: key \"ev\": unknown event \"explode\" (expected one of listening"));
}

auto fields(const visualize::TraceEvent& e) {
  return std::make_tuple(e.t, e.node, static_cast<int>(e.ev), e.server, e.hasSocket, e.obj, e.socket, e.bytes, e.peer,
                         e.local, e.code, e.detail, e.device, e.extra, e.line);
}
auto fields(const visualize::ConsoleLine& c) { return std::make_tuple(c.t, c.node, c.stream, c.text); }

// simdjson reads the lines, the scanner those simdjson refuses: both must read every line alike.
void expectSameAsScanner(const std::string& text) {
  SCOPED_TRACE(text.size() < 400 ? text : text.substr(0, 400) + "...");
  visualize::Trace a = parse(text);
  visualize::Trace b = parse(text, visualize::TraceParser::scanner);
  EXPECT_EQ(std::tie(a.nodes, a.strings, a.lines, a.reordered, a.anyLocal, a.lastT),
            std::tie(b.nodes, b.strings, b.lines, b.reordered, b.anyLocal, b.lastT));
  ASSERT_EQ(a.events.size(), b.events.size());
  for (std::size_t i = 0; i < a.events.size(); ++i)
    EXPECT_EQ(fields(a.events[i]), fields(b.events[i])) << "event " << i;
  ASSERT_EQ(a.console.size(), b.console.size());
  for (std::size_t i = 0; i < a.console.size(); ++i)
    EXPECT_EQ(fields(a.console[i]), fields(b.console[i])) << "console line " << i;
}

TEST(TraceReader, ReadsEveryLineAsTheScannerDoes) {
  const std::string close = R"({"t":5,"node":"a","obj":1,"kind":"socket","ev":"close"})";
  const char* lines[] = {
      R"({"t":1000000,"node":"sensor-1","obj":3,"kind":"socket","ev":"connect","peer":"10.0.0.1:80","local":"10.0.0.2:49153"})",
      R"({"t":1500000,"node":"gateway","obj":1,"kind":"server","ev":"connection","socket":4,"peer":"10.0.0.2:49153","local":"10.0.0.1:80"})",
      R"({"t":3000000,"node":"sensor-1","obj":3,"kind":"socket","ev":"error","code":"ECONNRESET","message":"read \"x\" ECONNRESET"})",
      R"({"t":3000001,"node":"sensor-2","obj":1,"kind":"socket","ev":"lookup","code":"ENOTFOUND","message":null})",
      R"({"t":4000000,"ev":"fault","fault":"loss=0.2","target":null})",
      R"({"t":5000000,"node":"sensor-1","ev":"nic","device":0,"cause":"rx-overflow","bytes":1514})",
      R"({"t":5000001,"node":"js-1","ev":"console","stream":"stdout","text":"caf\u00e9 \u0000 \t"})",
      R"({"t":6,"node":"a","obj":1,"obj":2,"kind":"socket","ev":"data","bytes":7,"bytes":8})", // the first counts
      R"({"t":06,"node":"a","obj":1,"kind":"socket","ev":"close"})",           // simdjson refuses, the scanner reads
      R"({"t":7,"node":"\ud83d\ude00","obj":1,"kind":"socket","ev":"close"})", // a surrogate pair
      R"({"t":7,"node":"\\ud83d","obj":1,"kind":"socket","ev":"close"})",
      "{\"t\":8,\"node\":\"\xff\xfe\",\"obj\":1,\"kind\":\"socket\",\"ev\":\"close\"}", // not UTF-8
      R"({"t":9,"node":"a","obj":1,"kind":"socket","ev":"close","x":1.5e3,"y":[1,{"z":null}],"w":true,"v":-9})",
      R"({"t":10,"node":"a","obj":1,"kind":"socket","ev":"close","x":[1,,2]})", // a nested value is not checked
      " \t{ \"t\" : 11 , \"node\":\"a\",\"obj\":1,\"kind\":\"socket\",\"ev\":\"close\"}\r",
      R"({"t":9223372036854775807,"node":"a","obj":1,"kind":"socket","ev":"close"})",
      R"({"t":2,"node":"a","obj":1,"kind":"socket","ev":"close"})", // out of time order
  };
  std::string all;
  for (const char* l : lines) {
    expectSameAsScanner(std::string(l) + "\n");
    all += std::string(l) + "\n\n";
  }
  expectSameAsScanner(all);
  expectSameAsScanner(all + close); // no newline at the end
}

TEST(TraceReader, ReadsLinesAcrossItsReadBuffer) {
  std::string text;
  for (int i = 0; text.size() < (std::size_t(5) << 20); ++i)
    text += R"({"t":)" + std::to_string(i) + R"(,"node":"sensor-)" + std::to_string(i % 997) +
            R"(","obj":1,"kind":"socket","ev":"data","bytes":)" + std::to_string(i % 100 + 1) + "}\n";
  text += R"({"t":1,"node":"big","obj":1,"kind":"socket","ev":"close","pad":")" + std::string(3 << 20, 'x') +
          "\"}\n"; // one line longer than the buffer
  visualize::Trace t = parse(text);
  EXPECT_EQ(t.nodes.size(), 998u);
  EXPECT_TRUE(t.reordered);
  expectSameAsScanner(text);
}

TEST(TraceReader, LinesSimdjsonReadsButTheScannerRefusesAreErrors) {
  EXPECT_EQ(errorOfLine(R"({"t":5,"node":"a","obj":1,"kind":"socket","ev":"close","x":9223372036854775808})"),
            "run/trace.jsonl:1: column 60: integer out of range '9223372036854775808'");
  EXPECT_EQ(errorOfLine(R"({"t":18446744073709551615,"node":"a","obj":1,"kind":"socket","ev":"close"})"),
            "run/trace.jsonl:1: column 6: integer out of range '18446744073709551615'");
}

TEST(TraceReader, MissingFileIsAnError) {
  EXPECT_THROW(visualize::readTrace("/nonexistent/trace.jsonl"), visualize::InputError);
}

} // namespace

// trace.jsonl parsing: every field of the contract, faults and NIC drops, and bad lines refused
// with the file, the line and what was expected.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "visualize/input_error.h"
#include "visualize/trace_reader.h"

namespace {

using report::Ev;
using ::testing::HasSubstr;

report::Trace parse(const std::string& text) {
  std::istringstream in(text);
  return report::parseTrace(in, "run/trace.jsonl");
}

std::string errorOf(const std::string& text) {
  try {
    parse(text);
  } catch (const report::InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(TraceReader, ReadsEveryFieldOfTheContract) {
  report::Trace t = parse(
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
  report::Trace t = parse(R"({"t":1,"ev":"fault","fault":"link-down","target":"a-b"})"
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
  report::Trace t = parse("\n"
                          R"({"t":5,"node":"a","obj":1,"kind":"socket","ev":"close"})"
                          "\n\n");
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(t.events[0].line, 2u);
}

TEST(TraceReader, SortsLinesThatAreOutOfTimeOrderAndSaysSo) {
  report::Trace t = parse(R"({"t":20,"node":"a","obj":1,"kind":"socket","ev":"close"})"
                          "\n"
                          R"({"t":10,"node":"a","obj":1,"kind":"socket","ev":"data","bytes":1})"
                          "\n");
  EXPECT_TRUE(t.reordered);
  EXPECT_EQ(t.events[0].t, 10);
  EXPECT_EQ(t.events[0].line, 2u);
  EXPECT_EQ(t.events[1].t, 20);
}

TEST(TraceReader, DecodesStringEscapes) {
  report::Trace t = parse(R"({"t":1,"node":"caf\u00e9\t\\","obj":1,"kind":"socket","ev":"close"})"
                          "\n");
  EXPECT_EQ(t.nodes[0], "caf\xC3\xA9\t\\");
}

TEST(TraceReader, IgnoresUnknownKeysEvenNestedOnes) {
  report::Trace t = parse(R"({"t":1,"node":"a","obj":1,"kind":"socket","ev":"close","extra":{"x":[1,{"y":"}"}]}})"
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
  EXPECT_EQ(errorOf(R"({"node":"a","obj":1,"kind":"socket","ev":"close"})"
                    "\n"),
            "run/trace.jsonl:1: missing key \"t\" (expected a non-negative integer (nanoseconds))");
  EXPECT_EQ(errorOf(R"({"t":-5,"node":"a","obj":1,"kind":"socket","ev":"close"})"
                    "\n"),
            "run/trace.jsonl:1: key \"t\": expected a non-negative integer (nanoseconds), found -5");
  EXPECT_EQ(errorOf(R"({"t":"5","node":"a","obj":1,"kind":"socket","ev":"close"})"
                    "\n"),
            "run/trace.jsonl:1: key \"t\": expected a non-negative integer (nanoseconds), found \"5\"");
  EXPECT_EQ(errorOf(R"({"t":5,"node":"a","obj":1,"kind":"socket","ev":"data"})"
                    "\n"),
            "run/trace.jsonl:1: missing key \"bytes\" (expected the chunk's size, a non-negative integer)");
  EXPECT_EQ(errorOf(R"({"t":5,"node":"a","obj":1,"kind":"pipe","ev":"close"})"
                    "\n"),
            "run/trace.jsonl:1: key \"kind\": expected \"socket\" or \"server\", found \"pipe\"");
  EXPECT_EQ(errorOf(R"({"t":5,"node":"a","obj":1,"kind":"socket","ev":"error"})"
                    "\n"),
            "run/trace.jsonl:1: missing key \"code\" (expected an error code such as \"ECONNRESET\")");
  EXPECT_THAT(errorOf(R"({"t":5,"node":"a","obj":1,"kind":"socket","ev":"explode"})"
                      "\n"),
              HasSubstr("run/trace.jsonl:1: key \"ev\": unknown event \"explode\" (expected one of listening"));
  EXPECT_EQ(errorOf(R"({"t":5,"ev":"fault","target":"a"})"
                    "\n"),
            "run/trace.jsonl:1: missing key \"fault\" (expected a fault name)");
}

TEST(TraceReader, MissingFileIsAnError) {
  EXPECT_THROW(report::readTrace("/nonexistent/trace.jsonl"), report::InputError);
}

} // namespace

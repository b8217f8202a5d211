// The netbed command. A program that registers its own applications (sim::apps::registerApp)
// and then calls cliMain is a netbed command that knows them:
//
//   int main(int argc, char** argv) {
//     sim::apps::registerApp({"blink", ...});
//     return sim::cli::cliMain(argc, argv);
//   }
//
// Exit status: 0 every expectation held (or the command succeeded), 1 an expectation failed,
// 2 a bad scenario file or bad usage.
#pragma once

namespace sim::cli {

int cliMain(int argc, char** argv);

} // namespace sim::cli

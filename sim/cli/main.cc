// The netbed command with the built-in applications.
#include "sim/cli/cli.h"

int main(int argc, char** argv) { return sim::cli::cliMain(argc, argv); }

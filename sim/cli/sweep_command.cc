// netbed sweep: a scenario over the cartesian product of parameter values, K repeats each,
// J runs at a time (this program run again for each), results merged into results.csv.
// --emit-jobs writes the runs as commands for GNU parallel or a Slurm job array instead;
// --collect DIR merges their results afterwards.
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "sim/cli/commands.h"
#include "sim/scenario/loader.h"

namespace sim::cli {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

struct Param {
  std::string key;
  std::vector<std::string> values;
};

struct Job {
  std::size_t index;
  std::vector<std::string> values; // one per param
  std::uint64_t seed;
  std::size_t repeat;
  std::vector<std::string> argv;
  std::uint64_t memMiB = 0; // what a scheduler should reserve for the run (memoryMiB)
};

// The peak memory of one run, from the per-node costs measured on the 2-core machine
// (tests/perf/README-sim.md, 2026-12-03): 71-75 KiB per node with its link, TCP connection
// and app (ns-3 devices or SystemC NICs), about 260 KiB per node that runs a JavaScript app
// (its own engine heap), plus the process's libraries; a quarter more as margin, in whole
// 64 MiB steps. A request too small gets the run killed by the scheduler; this errs above.
std::uint64_t memoryMiB(const scenario::Scenario& s) {
  std::uint64_t kib = 64 * 1024;
  for (const auto& n : s.nodes) {
    bool js = false;
    for (const auto& a : s.groups[n.group].apps)
      js = js || a.app == "js";
    kib += js ? 260 : 80;
  }
  const std::uint64_t mib = (kib * 5 / 4 + 1023) / 1024;
  return (mib + 63) / 64 * 64;
}

std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> splitValues(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto comma = s.find(',', start);
    out.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos)
      return out;
    start = comma + 1;
  }
}

void flatten(const Json& j, const std::string& prefix, std::vector<std::pair<std::string, std::string>>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
  } else if (j.is_number()) {
    out.emplace_back(prefix, j.dump());
  }
}

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos)
    return s;
  std::string out = "\"";
  for (char c : s)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Merges every run's summary.json into DIR/results.csv. Returns the sweep's exit status.
int collect(const std::string& dir) {
  std::ifstream in(dir + "/jobs.json");
  if (!in)
    return usage("sweep", "no " + dir + "/jobs.json: not a sweep's output directory");
  Json manifest;
  try {
    manifest = Json::parse(in);
  } catch (const std::exception& e) {
    return usage("sweep", dir + "/jobs.json: " + e.what());
  }
  std::vector<std::string> keys;
  for (const auto& k : manifest["params"])
    keys.push_back(k.get<std::string>());
  std::vector<std::string> columns;
  std::set<std::string> known;
  struct Row {
    std::vector<std::string> values;
    std::string seed, repeat, passed;
    std::map<std::string, std::string> numbers;
  };
  std::vector<Row> rows;
  std::size_t passed = 0, failed = 0, broken = 0;
  for (const auto& run : manifest["runs"]) {
    Row row;
    for (const auto& v : run["values"])
      row.values.push_back(v.get<std::string>());
    row.seed = std::to_string(run["seed"].get<std::uint64_t>());
    row.repeat = std::to_string(run["repeat"].get<std::size_t>());
    std::ifstream summaryFile(dir + "/runs/" + std::to_string(run["index"].get<std::size_t>()) + "/summary.json");
    Json summary;
    bool ok = false;
    if (summaryFile) {
      try {
        summary = Json::parse(summaryFile);
        ok = summary.contains("passed");
      } catch (const std::exception&) {
      }
    }
    if (!ok) {
      row.passed = "error";
      ++broken;
    } else {
      bool pass = summary["passed"].get<bool>();
      row.passed = pass ? "true" : "false";
      ++(pass ? passed : failed);
      std::vector<std::pair<std::string, std::string>> numbers;
      flatten(summary, "", numbers);
      for (auto& [k, v] : numbers) {
        if (k == "scenario.seed" || k == "scenario.run")
          continue;
        if (known.insert(k).second)
          columns.push_back(k);
        row.numbers[k] = v;
      }
    }
    rows.push_back(std::move(row));
  }
  std::ofstream out(dir + "/results.csv", std::ios::binary);
  for (const auto& k : keys)
    out << csvField(k) << ',';
  out << "seed,repeat,passed";
  for (const auto& c : columns)
    out << ',' << csvField(c);
  out << '\n';
  for (const auto& r : rows) {
    for (const auto& v : r.values)
      out << csvField(v) << ',';
    out << r.seed << ',' << r.repeat << ',' << r.passed;
    for (const auto& c : columns) {
      auto it = r.numbers.find(c);
      out << ',' << (it == r.numbers.end() ? "" : it->second);
    }
    out << '\n';
  }
  std::printf("%s/results.csv: %zu runs, %zu passed, %zu failed expectations, %zu did not run\n", dir.c_str(),
              rows.size(), passed, failed, broken);
  return broken ? kUsage : failed ? kFailed : kOk;
}

} // namespace

int sweep(const SweepArgs& args) {
  if (!args.collect.empty())
    return collect(args.collect);
  const std::string &file = args.file, &out = args.out;
  std::vector<Param> params;
  for (const auto& p : args.params) {
    auto eq = p.find('=');
    params.push_back({p.substr(0, eq), splitValues(p.substr(eq + 1))});
    for (const auto& other : params)
      if (&other != &params.back() && other.key == params.back().key)
        return usage("sweep", "--param " + other.key + " given twice");
  }
  std::vector<std::string> sets = args.sets;

  // Every combination is checked before anything runs: a bad value is an error, not a failed run.
  if (args.seed != 0)
    sets.push_back("seed=" + std::to_string(args.seed));
  std::uint64_t baseSeed = 1;
  bool seedSwept = false;
  for (const auto& p : params)
    seedSwept = seedSwept || p.key == "seed";
  std::size_t combinations = 1;
  for (const auto& p : params)
    combinations *= p.values.size();
  std::string self = selfPath();
  std::string absFile = fs::absolute(file).string(), absOut = fs::absolute(out).string();
  std::vector<Job> list;
  for (std::size_t c = 0; c < combinations; ++c) {
    std::vector<std::string> values, combo = sets;
    std::size_t rest = c;
    for (std::size_t p = params.size(); p-- > 0;) {
      values.insert(values.begin(), params[p].values[rest % params[p].values.size()]);
      rest /= params[p].values.size();
    }
    for (std::size_t p = 0; p < params.size(); ++p)
      combo.push_back(params[p].key + "=" + values[p]);
    try {
      scenario::Scenario s = scenario::loadScenario(file, combo);
      if (c == 0)
        baseSeed = s.seed;
      for (std::size_t r = 0; r < static_cast<std::size_t>(args.repeat); ++r) {
        Job job{list.size(), values, seedSwept ? s.seed : baseSeed + list.size(), r, {}, memoryMiB(s)};
        job.argv = {self, "run", absFile, "--quiet", "--backend", args.backend};
        for (const auto& set : combo)
          job.argv.insert(job.argv.end(), {"--set", set});
        if (!seedSwept)
          job.argv.insert(job.argv.end(), {"--seed", std::to_string(job.seed)});
        job.argv.insert(job.argv.end(), {"--out", absOut + "/runs/" + std::to_string(job.index)});
        list.push_back(std::move(job));
      }
    } catch (const scenario::ScenarioError& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return kUsage;
    }
  }
  if (!seedSwept && baseSeed + list.size() > 4294967295u)
    return usage("sweep", "the seeds of " + std::to_string(list.size()) + " runs would pass 4294967295");

  fs::create_directories(out + "/runs");
  Json manifest;
  manifest["file"] = absFile;
  manifest["params"] = Json::array();
  for (const auto& p : params)
    manifest["params"].push_back(p.key);
  manifest["runs"] = Json::array();
  for (const auto& j : list)
    manifest["runs"].push_back(
        {{"index", j.index}, {"values", j.values}, {"seed", j.seed}, {"repeat", j.repeat}, {"memMiB", j.memMiB}});
  std::ofstream(out + "/jobs.json") << manifest.dump(2) << '\n';

  if (args.emitJobs) {
    std::uint64_t memMiB = 0;
    for (const auto& j : list)
      memMiB = std::max(memMiB, j.memMiB);
    std::ofstream txt(out + "/jobs.txt");
    for (const auto& j : list) {
      std::string line;
      for (const auto& a : j.argv)
        line += (line.empty() ? "" : " ") + shellQuote(a);
      txt << line << " > " << shellQuote(absOut + "/runs/" + std::to_string(j.index) + ".log") << " 2>&1\n";
    }
    std::ofstream slurm(out + "/slurm.sh");
    slurm << "#!/bin/bash\n"
          << "# One Slurm array task per run of the sweep: sbatch " << shellQuote(absOut + "/slurm.sh") << "\n"
          << "#SBATCH --job-name=netbed-sweep\n"
          << "#SBATCH --array=0-" << list.size() - 1 << "\n"
          << "#SBATCH --output=" << absOut << "/runs/slurm-%a.out\n"
          << "# The largest run's estimate (jobs.json has each run's memMiB): one request per array\n"
          << "#SBATCH --mem=" << memMiB << "M\n"
          << "set -e\n"
          << "line=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" " << shellQuote(absOut + "/jobs.txt") << ")\n"
          << "eval \"$line\" || [ $? -eq 1 ]  # 1: the run's expectations failed, still a result\n"
          << "# afterwards: netbed sweep --collect " << shellQuote(absOut) << "\n";
    fs::permissions(out + "/slurm.sh", fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add);
    std::printf("%zu runs written to %s/jobs.txt (GNU parallel: parallel -j%lld --memfree %lluM < %s/jobs.txt) and "
                "%s/slurm.sh (sbatch, --mem=%lluM); then: netbed sweep --collect %s\n",
                list.size(), out.c_str(), static_cast<long long>(args.jobs), static_cast<unsigned long long>(memMiB),
                out.c_str(), out.c_str(), static_cast<unsigned long long>(memMiB), out.c_str());
    return kOk;
  }

  // J children at a time; each writes its own directory, so order does not matter.
  std::size_t next = 0, finished = 0;
  std::map<pid_t, std::size_t> children;
  while (next < list.size() || !children.empty()) {
    while (children.size() < static_cast<std::size_t>(args.jobs) && next < list.size()) {
      const Job& j = list[next++];
      std::string dir = out + "/runs/" + std::to_string(j.index);
      fs::create_directories(dir);
      pid_t pid = spawn(j.argv, dir + "/log.txt");
      if (pid < 0)
        std::fprintf(stderr, "netbed sweep: cannot start run %zu\n", j.index);
      else
        children[pid] = j.index;
    }
    if (children.empty())
      continue;
    int status = 0;
    pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    auto it = children.find(pid);
    if (it == children.end())
      continue;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::printf("[%zu/%zu] run %zu: %s\n", ++finished, list.size(), it->second,
                code == 0   ? "passed"
                : code == 1 ? "failed expectations"
                            : "did not run (see its log.txt)");
    std::fflush(stdout);
    children.erase(it);
  }
  return collect(out);
}

} // namespace sim::cli

// Preloaded into every bench process by scripts/bench.mjs: on exit, writes the process's peak resident
// memory (KiB, from getrusage) to HAKOBU_BENCH_RSS_FILE, so the table can show each workload's peak memory.
const { writeFileSync } = require('node:fs');

// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by scripts/bench.mjs for its own child, not a turbo task input.
const file = process.env.HAKOBU_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));

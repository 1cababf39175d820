// Preloaded (-r) into a measured process: at exit, writes its peak RSS and bytes read through
// read syscalls (/proc/self/io rchar) as JSON to BENCH_STATS_FILE.
const fs = require('node:fs');
const started = process.hrtime.bigint();
process.on('exit', () => {
  const io = fs.readFileSync('/proc/self/io', 'utf8');
  const rchar = Number(/rchar:\s*(\d+)/.exec(io)?.[1] ?? 0);
  const stats = {
    wallMs: Number(process.hrtime.bigint() - started) / 1e6,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    readBytes: rchar,
  };
  if (process.env.BENCH_STATS_FILE) fs.writeFileSync(process.env.BENCH_STATS_FILE, JSON.stringify(stats));
});

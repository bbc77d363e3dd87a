// Preloaded by bench/run.js (`node -r bench/rss.js ...`): at exit, writes this process's peak RSS
// to $CHEESE_BENCH_RSS_FILE as {"maxRssMB": n}. Portable stand-in for `/usr/bin/time -v`.
'use strict';
const file = process.env.CHEESE_BENCH_RSS_FILE;
if (file) {
  process.once('exit', () => {
    require('fs').writeFileSync(file, JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  });
}

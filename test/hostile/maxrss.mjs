// Preloaded with `node --import` into a process under test: prints its peak memory on exit.
process.on('exit', () => {
  process.stderr.write(`\nDAFU_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});

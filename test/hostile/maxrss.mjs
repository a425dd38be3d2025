// Preloaded with `node --import` into a process under test: prints its peak memory on exit.
// On Linux the peak is VmHWM from /proc/self/status: the high-water mark of this process's own
// memory (worker threads included), whereas getrusage's maxRSS keeps the parent's resident size
// across fork and exec (a process spawned by a 300 MB test runner reported 300 MB for itself).
import { readFileSync } from 'node:fs';

function peakKb() {
  try {
    const hwm = /^VmHWM:\s*(\d+)\s*kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch { /* not Linux */ }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => {
  process.stderr.write(`\nDAFU_MAXRSS_KB=${peakKb()}\n`);
});

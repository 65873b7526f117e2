import * as fs from 'node:fs';

/**
 * Preloaded into each run of `npm run bench:extends` (`node --import`): when the process
 * ends it writes the CPU time it used (user + system, seconds, from resourceUsage; counted
 * across bin/svf.js's restart of itself, which keeps the process) to the file named by
 * SVF_BENCH_CPU_TIME_FILE. On a shared machine CPU time varies less than wall time.
 */
const target = process.env.SVF_BENCH_CPU_TIME_FILE;
if (target) {
    process.on('exit', () => {
        const usage = process.resourceUsage();
        fs.writeFileSync(target, String((usage.userCPUTime + usage.systemCPUTime) / 1e6));
    });
}

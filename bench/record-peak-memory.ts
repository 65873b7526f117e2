import * as fs from 'node:fs';

/**
 * Preloaded into each benchmarked `svf` run (`node --import`): when the process ends it
 * writes its peak resident set size (kilobytes, from the kernel via resourceUsage) to the
 * file named by SVF_BENCH_PEAK_MEMORY_FILE, so the benchmark needs no /usr/bin/time.
 */
const target = process.env.SVF_BENCH_PEAK_MEMORY_FILE;
if (target) {
    process.on('exit', () => {
        fs.writeFileSync(target, String(process.resourceUsage().maxRSS));
    });
}

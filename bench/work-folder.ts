import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A benchmark's scratch folder: made before it runs, removed after it, even when it fails
 * (or kept, with `--keep`, to look at what was generated). The benchmark's result is the
 * process's exit code.
 */
export async function runInWorkFolder(prefix: string, keep: boolean, benchmark: (workFolder: string) => Promise<number>): Promise<void> {
    const workFolder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    try {
        process.exitCode = await benchmark(workFolder);
    } finally {
        if (keep) {
            console.log(`\nGenerated frameworks kept in ${workFolder}`);
        } else {
            fs.rmSync(workFolder, { recursive: true, force: true });
        }
    }
}

import * as fs from 'node:fs';
import * as path from 'node:path';

/** The outputs could not be written; nothing new was left on disk. */
export class OutputWriteError extends Error {
    override readonly name = 'OutputWriteError';
}

/**
 * JSON as we write it: keys sorted at every level, 2-space indent, final newline, so that
 * the same content always gives the same bytes.
 */
export function serializeOutput(value: unknown): string {
    return `${JSON.stringify(value, sortedKeys, 2)}\n`;
}

function sortedKeys(_key: string, value: unknown): unknown {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
        sorted[key] = (value as Record<string, unknown>)[key];
    }
    return sorted;
}

/**
 * Writes every file (name -> content) into outDir, all or nothing: each goes to a temp file
 * first; only when all are written are they renamed into place, and if any step fails
 * the temps are removed, files already replaced get their old content back and a folder
 * created for the purpose is removed. Returns the written paths, in the order given.
 */
export function writeOutputsAtomically(outDir: string, files: Record<string, string>): string[] {
    const names = Object.keys(files);
    for (const name of names) {
        if (name !== path.basename(name) || name === '.' || name === '..' || name === '') {
            throw new OutputWriteError(`Cannot write '${name}': output names must be plain file names.`);
        }
    }
    const existing = fs.statSync(outDir, { throwIfNoEntry: false });
    if (existing && !existing.isDirectory()) {
        throw new OutputWriteError(`Cannot write the outputs to ${outDir}: it is a file, not a folder. Choose another output folder.`);
    }
    let createdDir: string | undefined;
    const temps: string[] = [];
    const backups: Array<{ target: string; backup: string }> = [];
    const placed: string[] = [];
    try {
        createdDir = existing ? undefined : fs.mkdirSync(outDir, { recursive: true });
        names.forEach((name, index) => {
            const target = path.join(outDir, name);
            if (fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) {
                throw new OutputWriteError(`Cannot write ${target}: a folder of that name is in the way.`);
            }
            const temp = path.join(outDir, `.${name}.${process.pid}.${index}.tmp`);
            temps.push(temp);
            fs.writeFileSync(temp, files[name]!);
        });
        names.forEach((name, index) => {
            const target = path.join(outDir, name);
            if (fs.existsSync(target)) {
                const backup = path.join(outDir, `.${name}.${process.pid}.${index}.old`);
                fs.renameSync(target, backup);
                backups.push({ target, backup });
            }
            fs.renameSync(temps[index]!, target);
            placed.push(target);
        });
    } catch (error) {
        rollBack(temps, placed, backups, createdDir);
        if (error instanceof OutputWriteError) throw error;
        throw new OutputWriteError(`Could not write the outputs to ${outDir}: ${(error as Error).message}. Nothing was written.`);
    }
    for (const { backup } of backups) {
        fs.rmSync(backup, { force: true });
    }
    return names.map(name => path.join(outDir, name));
}

function rollBack(temps: string[], placed: string[], backups: Array<{ target: string; backup: string }>, createdDir: string | undefined): void {
    const quietly = (action: () => void) => {
        try { action(); } catch { /* best effort: keep undoing the rest */ }
    };
    for (const file of [...temps, ...placed]) quietly(() => fs.rmSync(file, { force: true }));
    for (const { target, backup } of backups) quietly(() => fs.renameSync(backup, target));
    if (createdDir) quietly(() => fs.rmSync(createdDir, { recursive: true, force: true }));
}

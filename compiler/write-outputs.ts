import * as fs from 'node:fs';
import * as path from 'node:path';

/** The outputs could not be written; nothing new was left on disk. */
export class OutputWriteError extends Error {
    override readonly name = 'OutputWriteError';
}

/**
 * JSON as we write it: keys sorted at every level, 2-space indent, final newline, so that
 * the same content always gives the same bytes.
 *
 * Makes a key-sorted copy and hands it to JSON.stringify without a replacer: a replacer
 * is a JavaScript call for every value, the copy one per object. The bytes are exactly
 * those of `JSON.stringify(value, sortingReplacer, 2)` (test/compiler/serialize-output.test.ts
 * checks that on arbitrary JSON): toJSON is called first, the copy assigns keys in sorted
 * order just as that replacer did (so array-index keys still come first, in numeric order,
 * and a `__proto__` key is still dropped), and values JSON leaves out are left out.
 */
export function serializeOutput(value: unknown): string {
    return `${JSON.stringify(sortedCopy(value, ''), null, 2)}\n`;
}

function sortedCopy(value: unknown, key: string): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
        if (value === null || typeof value !== 'object') return value;
    }
    if (Array.isArray(value)) {
        const copy: unknown[] = new Array(value.length);
        for (let index = 0; index < value.length; index++) copy[index] = sortedCopy(value[index], String(index));
        return copy;
    }
    const copy: Record<string, unknown> = {};
    for (const name of Object.keys(value).sort()) {
        const member = (value as Record<string, unknown>)[name];
        if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
        copy[name] = sortedCopy(member, name);
    }
    return copy;
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

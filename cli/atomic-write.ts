import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Files `svf` writes besides the compiled outputs (a bid template, a checked bid, a
 * conformance kit) appear whole or not at all: written under a hidden temporary name beside
 * their place, then renamed into it, so a kill at any instant leaves the old file (or none),
 * never half of the new one. Renaming replaces the directory entry, so a FIFO or a link left
 * at that name is replaced, never written through.
 */
export function writeFileAtomically(file: string, text: string, mode?: number): void {
    const temporary = temporaryNameBeside(file);
    try {
        fs.writeFileSync(temporary, text, { flag: 'wx' });
        // A file rewritten in place (svf fmt) keeps its permissions.
        if (mode !== undefined) fs.chmodSync(temporary, mode);
        fs.renameSync(temporary, file);
    } catch (error) {
        fs.rmSync(temporary, { force: true });
        throw error;
    }
}

/**
 * A folder of files written as one: filled under a temporary name beside `folder`, then
 * swapped into place (an existing folder is moved aside first and removed after), so a
 * reader never finds a mix of an old and a new set. `fill` writes into the folder it is given.
 */
export function writeFolderAtomically(folder: string, fill: (temporaryFolder: string) => void): void {
    const temporary = temporaryNameBeside(folder);
    const previous = temporaryNameBeside(folder);
    fs.mkdirSync(temporary, { recursive: false });
    try {
        fill(temporary);
        const existed = fs.existsSync(folder);
        if (existed) fs.renameSync(folder, previous);
        fs.renameSync(temporary, folder);
        if (existed) fs.rmSync(previous, { recursive: true, force: true });
    } catch (error) {
        fs.rmSync(temporary, { recursive: true, force: true });
        if (!fs.existsSync(folder) && fs.existsSync(previous)) fs.renameSync(previous, folder);
        throw error;
    }
}

function temporaryNameBeside(target: string): string {
    const absolute = path.resolve(target);
    return path.join(path.dirname(absolute), `.${path.basename(absolute)}.svf-tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
}

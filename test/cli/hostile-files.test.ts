/**
 * Files that are not what they seem never hang, crash or mislead `svf`: FIFOs, devices,
 * sockets, unreadable files and folders, oversized files, symlinks, byte-order marks,
 * files that are not UTF-8, look-alike and invisible characters, and file names that
 * try to forge output. Every fixture is made by the test.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixtures, removeTemporaryFolders, runSvf, temporaryFolder } from './run-svf.js';

afterEach(removeTemporaryFolders);

const UNIT = 'unit FTE "no. people FTE"\n';
const NOBODY = { uid: 65534, gid: 65534 };
const isRoot = process.getuid?.() === 0;

function fifo(file: string): string {
    execFileSync('mkfifo', [file]);
    return file;
}

describe('paths that are not regular files are never read: exit 2 naming the path and what it is', () => {
    test('a FIFO named directly', () => {
        const folder = temporaryFolder();
        fifo(path.join(folder, 'x.svf'));
        const run = runSvf(['check', 'x.svf'], folder);
        expect(run.stderr).toBe('svf: x.svf is a FIFO (named pipe), not a file; svf reads only regular files.\n');
        expect(run.exitCode).toBe(2);
    });

    test('a FIFO imported, and /dev/zero imported through a symlink', () => {
        const folder = temporaryFolder({ 'framework.svf': `import "pipe.svf"\nimport "zero.svf"\n${UNIT}` });
        fifo(path.join(folder, 'pipe.svf'));
        fs.symlinkSync('/dev/zero', path.join(folder, 'zero.svf'));
        const run = runSvf(['check', 'framework.svf'], folder);
        expect(run.stderr.split('\n').filter(Boolean)).toEqual([
            'svf: pipe.svf is a FIFO (named pipe), not a file; svf reads only regular files.',
            'svf: zero.svf is a character device, not a file; svf reads only regular files.',
        ]);
        expect(run.exitCode).toBe(2);
    });

    test('a FIFO through a symlink, and a FIFO in a checked folder, given to compile and check', () => {
        const folder = temporaryFolder({ 'ok.svf': UNIT });
        fifo(path.join(folder, 'pipe.svf'));
        fs.mkdirSync(path.join(folder, 'framework'));
        fs.symlinkSync('../pipe.svf', path.join(folder, 'framework', 'framework.svf'));
        const compile = runSvf(['compile', 'framework'], folder);
        expect(compile.stderr).toBe('svf: framework/framework.svf is a FIFO (named pipe), not a file; svf reads only regular files.\n');
        expect(compile.exitCode).toBe(2);
        const check = runSvf(['check', '.'], folder);
        expect(check.stderr).toContain('svf: pipe.svf is a FIFO (named pipe)');
        expect(check.exitCode).toBe(2);
    });

    test('a unix socket', async () => {
        const folder = temporaryFolder();
        const server = net.createServer();
        await new Promise<void>(resolve => server.listen(path.join(folder, 'socket.svf'), resolve));
        try {
            const run = runSvf(['check', 'socket.svf'], folder);
            expect(run.stderr).toBe('svf: socket.svf is a socket, not a file; svf reads only regular files.\n');
            expect(run.exitCode).toBe(2);
        } finally {
            await new Promise(resolve => server.close(resolve));
        }
    });
});

describe.runIf(isRoot)('unreadable files and folders: exit 2 with the path and "permission denied"', () => {
    test('a file the user cannot read, named and imported', () => {
        const folder = temporaryFolder({ 'secret.svf': UNIT, 'framework.svf': `import "secret.svf"\n` });
        fs.chmodSync(folder, 0o755);
        fs.chmodSync(path.join(folder, 'framework.svf'), 0o644);
        fs.chmodSync(path.join(folder, 'secret.svf'), 0o600);
        const named = runSvf(['check', 'secret.svf'], folder, NOBODY);
        expect(named.stderr).toBe('svf: secret.svf: permission denied.\n');
        expect(named.exitCode).toBe(2);
        const imported = runSvf(['check', 'framework.svf'], folder, NOBODY);
        expect(imported.stderr).toBe('svf: secret.svf: permission denied.\n');
        expect(imported.exitCode).toBe(2);
    });

    test('a folder the user cannot read', () => {
        const folder = temporaryFolder({ 'private/units.svf': UNIT });
        fs.chmodSync(folder, 0o755);
        fs.chmodSync(path.join(folder, 'private'), 0o700);
        const run = runSvf(['check', 'private'], folder, NOBODY);
        expect(run.stderr).toBe('svf: private: permission denied.\n');
        expect(run.exitCode).toBe(2);
    });
});

describe('a size limit per file', () => {
    test('a file over the limit is not read; the message says how to raise the limit', () => {
        const folder = temporaryFolder({ 'units.svf': UNIT + '// padding\n'.repeat(20) });
        const run = runSvf(['check', 'units.svf'], folder, { env: { SVF_MAX_FILE_SIZE: '100' } });
        expect(run.stderr).toMatch(/^svf: units\.svf is 246 bytes, over the 100 bytes limit for one file\. .*--max-file-size or the SVF_MAX_FILE_SIZE environment variable/);
        expect(run.exitCode).toBe(2);
        expect(runSvf(['check', '--max-file-size', '1k', 'units.svf'], folder, { env: { SVF_MAX_FILE_SIZE: '100' } }).exitCode).toBe(0);
        expect(runSvf(['check', '--max-file-size', '100', 'units.svf'], folder).exitCode).toBe(2);
    });

    test('a bad --max-file-size is a usage error', () => {
        const run = runSvf(['check', '--max-file-size', 'lots', 'valid-framework']);
        expect(run.stderr).toBe("svf: --max-file-size: 'lots' is not a size; write e.g. 256MB, 500k or 1048576.\n");
        expect(run.exitCode).toBe(2);
    });
});

describe('symlinks', () => {
    test('a symlinked .svf file in a checked folder is checked like a named one', () => {
        const folder = temporaryFolder({ 'elsewhere/broken.svf': 'unit FTE\n', 'checked/ok.svf': UNIT });
        fs.symlinkSync('../elsewhere/broken.svf', path.join(folder, 'checked', 'linked.svf'));
        const viaFolder = runSvf(['check', 'checked'], folder);
        const named = runSvf(['check', 'checked/linked.svf'], folder);
        expect(viaFolder.exitCode).toBe(1);
        expect(viaFolder.lines.filter(line => line.startsWith('checked/linked.svf:'))).toEqual(named.lines.slice(0, -1));
        expect(named.lines.slice(0, -1)).toHaveLength(1);
    });
});

describe('encodings', () => {
    test('a UTF-8 byte-order mark is ignored: columns on line 1 are right', () => {
        const folder = temporaryFolder();
        fs.writeFileSync(path.join(folder, 'bom.svf'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('unit FTE "FTE" oops\n')]));
        const run = runSvf(['check', 'bom.svf'], folder);
        expect(run.lines[0]).toMatch(/^bom\.svf:1:16 error syntax\/error 'oops'/);
    });

    test('a byte-order mark does not change the sourceHash', () => {
        const plain = temporaryFolder();
        fs.cpSync(path.join(fixtures, 'valid-framework'), plain, { recursive: true });
        const withBom = temporaryFolder();
        fs.cpSync(path.join(fixtures, 'valid-framework'), withBom, { recursive: true });
        const entry = path.join(withBom, 'framework.svf');
        fs.writeFileSync(entry, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(entry)]));
        const hashOf = (folder: string) => {
            const run = runSvf(['compile', '.', '--out', 'out'], folder);
            expect(run.exitCode).toBe(0);
            return JSON.parse(fs.readFileSync(path.join(folder, 'out', 'question-set.json'), 'utf8')).framework.sourceHash;
        };
        expect(hashOf(withBom)).toBe(hashOf(plain));
    });

    test('a file that is not UTF-8 (a Windows-1252 £) gets one error naming the encoding and the line', () => {
        const folder = temporaryFolder();
        fs.writeFileSync(path.join(folder, 'cp1252.svf'), Buffer.concat([Buffer.from(`${UNIT}unit cost "cost in `), Buffer.from([0xa3]), Buffer.from('"\n')]));
        const run = runSvf(['check', 'cp1252.svf'], folder);
        expect(run.lines).toEqual([
            "cp1252.svf:2:20 error file/not-utf8 This file is not UTF-8: byte 0xA3 on line 2 is not valid UTF-8 (it is '£' in Windows-1252, so the file was probably saved in that encoding). Save the file as UTF-8 (in most editors: Save with Encoding, UTF-8).",
            '1 error, 0 warnings in 1 file',
        ]);
        expect(run.exitCode).toBe(1);
    });
});

describe('look-alike and invisible characters are named by code point', () => {
    test('a Cyrillic е in a keyword', () => {
        const folder = temporaryFolder({ 'units.svf': `${UNIT}unit visits "visits"\nm\u0435asure x\n` });
        const run = runSvf(['check', 'units.svf'], folder);
        expect(run.lines[0]).toBe("units.svf:3:2 error syntax/unexpected-character The character 'е' (U+0435 CYRILLIC SMALL LETTER IE, which looks like 'e') cannot be used here. Retype it as 'e'.");
    });

    test('curly quotes', () => {
        const folder = temporaryFolder({ 'units.svf': 'unit FTE \u201cFTE\u201d\n' });
        const run = runSvf(['check', 'units.svf'], folder);
        expect(run.lines[0]).toBe('units.svf:1:10 error syntax/unexpected-character The character \'\u201c\' (U+201C LEFT DOUBLE QUOTATION MARK, which looks like \'"\') cannot be used here. Write texts in straight double quotes ("...").');
    });

    test('a zero-width space: an error outside quotes, a warning inside them', () => {
        const folder = temporaryFolder({ 'units.svf': 'unit F\u200bTE "FTE"\nunit hours "ho\u200burs"\n' });
        const run = runSvf(['check', 'units.svf'], folder);
        expect(run.lines).toEqual([
            'units.svf:1:7 error syntax/unexpected-character The character U+200B ZERO WIDTH SPACE (which cannot be seen) cannot be used here. Delete it (it cannot be seen: delete the characters around it and retype them).',
            'units.svf:2:15 warning text/invisible-character This text contains U+200B ZERO WIDTH SPACE (which cannot be seen). Delete it unless you mean it: it would reach the published questions unseen.',
            '1 error, 1 warning in 2 files'.replace('2 files', '1 file'),
        ]);
    });
});

describe('text output cannot be forged', () => {
    test('a file name with a newline and an escape sequence is escaped', () => {
        const name = 'evil\nx.svf:1:1 error fake/code \u001b[31mforged.svf';
        const folder = temporaryFolder({ [name]: 'unit FTE\n' });
        const run = runSvf(['check', '.'], folder);
        expect(run.lines).toHaveLength(2);
        expect(run.lines[0]).toMatch(/^evil\\nx\.svf:1:1 error fake\/code \\x1b\[31mforged\.svf:1:9 error /);
        expect(run.stdout).not.toContain('\u001b');
    });

    test('an escape sequence in an import path is escaped', () => {
        const folder = temporaryFolder({ 'framework.svf': 'import "\u001b[2J\u202egone.svf"\n' });
        const run = runSvf(['check', 'framework.svf'], folder);
        expect(run.lines[0]).toBe("framework.svf:1:8 error import/missing-file Cannot find imported file '\\x1b[2J\\u202egone.svf'. Check the spelling and the path: it is relative to this file's folder (`../` goes up one folder).");
    });

    test('a control character in a framework title is escaped in the compile summary', () => {
        const folder = temporaryFolder();
        fs.cpSync(path.join(fixtures, 'valid-framework'), folder, { recursive: true });
        const entry = path.join(folder, 'framework.svf');
        fs.writeFileSync(entry, fs.readFileSync(entry, 'utf8').replace('"Riverside Borough Council social value framework"', '"Riverside\u001b[2J framework"'));
        const run = runSvf(['compile', '.', '--out', 'out'], folder);
        expect(run.exitCode).toBe(0);
        expect(run.stdout).not.toContain('\u001b');
        expect(run.stdout).toContain('Riverside\\x1b[2J framework');
    });

    test('JSON output stays JSON', () => {
        const folder = temporaryFolder({ 'framework.svf': 'import "\u001b[2J.svf"\n' });
        const run = runSvf(['check', '--format', 'json', 'framework.svf'], folder);
        expect(JSON.parse(run.stdout).diagnostics[0].message).toContain('\u001b[2J');
    });
});

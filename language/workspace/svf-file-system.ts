import * as fs from 'node:fs';
import { URI, UriUtils, type FileSystemNode, type FileSystemProvider } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';

/**
 * How SVF reads files from disk: the language server, the CLI and the tests all read
 * through SvfNodeFileSystemProvider, so a hostile path behaves the same everywhere:
 * - only regular files are read (symlinks are followed); a FIFO, device, socket or folder
 *   is refused without being opened for a blocking read, so nothing hangs on /dev/zero;
 * - a file over the size limit is refused before it is read;
 * - text is decoded as strict UTF-8 with a byte-order mark dropped (so columns on line 1
 *   and the source hash are those of the same file without it); a file that is not UTF-8
 *   is decoded leniently and its first bad byte recorded, for the validator to report.
 */

/** Enough for a single-file framework of a hundred thousand measures. */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;
/** The environment variable that raises (or lowers) the size limit, e.g. `SVF_MAX_FILE_SIZE=256MB`. */
export const MAX_FILE_SIZE_VARIABLE = 'SVF_MAX_FILE_SIZE';

export type SourceFileProblemKind = 'missing' | 'not-a-file' | 'permission-denied' | 'too-large' | 'unreadable';

/** Why a path cannot be read as an .svf file; `what` completes "<path>: <what>". */
export interface SourceFileProblem {
    readonly kind: SourceFileProblemKind;
    readonly path: string;
    readonly what: string;
}

/** Thrown by the file system provider instead of reading a path it must not read. */
export class SourceFileError extends Error {
    constructor(readonly problem: SourceFileProblem) {
        super(`${problem.path}: ${problem.what}`);
    }
}

/** The first byte of a file that is not UTF-8, where it is, and what it probably meant. */
export interface EncodingProblem {
    /** 0-based position in the decoded text (where the replacement character is). */
    readonly line: number;
    readonly character: number;
    readonly byte: number;
    readonly message: string;
}

/** Implemented by file system providers that remember files that were not UTF-8. */
export interface SourceEncodingProblems {
    /** The problem found when `uri` was read, if `text` is still what was read then. */
    encodingProblemOf(uri: URI, text: string): EncodingProblem | undefined;
}

/** Implemented by file system providers that can tell why a file cannot be read, without reading it. */
export interface SourceFileInspector {
    inspect(uri: URI): SourceFileProblem | undefined;
}

export function isSourceEncodingProblems(provider: unknown): provider is SourceEncodingProblems {
    return typeof (provider as Partial<SourceEncodingProblems>)?.encodingProblemOf === 'function';
}

export function isSourceFileInspector(provider: unknown): provider is SourceFileInspector {
    return typeof (provider as Partial<SourceFileInspector>)?.inspect === 'function';
}

export interface SvfFileSystemOptions {
    /** Largest file read, in bytes; default SVF_MAX_FILE_SIZE or DEFAULT_MAX_FILE_SIZE. */
    maxFileSize?: number;
}

/** `64MB`, `200k`, `1.5 GB`, `1048576` -> bytes; undefined when it is not a size. */
export function parseFileSize(text: string): number | undefined {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/i.exec(text);
    if (!match) return undefined;
    const factor = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
    const bytes = Math.floor(Number(match[1]) * factor);
    return bytes > 0 ? bytes : undefined;
}

/** The size limit from SVF_MAX_FILE_SIZE, or the default when it is unset or not a size. */
export function maxFileSizeFromEnvironment(environment: NodeJS.ProcessEnv = process.env): number {
    const value = environment[MAX_FILE_SIZE_VARIABLE];
    return (value && parseFileSize(value)) || DEFAULT_MAX_FILE_SIZE;
}

export function formatFileSize(bytes: number): string {
    if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
    if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
    return `${bytes} bytes`;
}

/** What a path that is not a regular file is, in words: `a FIFO (named pipe)`, `a folder`. */
export function describeFileType(stats: fs.Stats): string {
    if (stats.isDirectory()) return 'a folder';
    if (stats.isFIFO()) return 'a FIFO (named pipe)';
    if (stats.isCharacterDevice()) return 'a character device';
    if (stats.isBlockDevice()) return 'a block device';
    if (stats.isSocket()) return 'a socket';
    return 'not a regular file';
}

/** Why a path cannot be read as an .svf file (following symlinks), or undefined if it can. */
export function inspectSourceFile(file: string, maxFileSize: number = maxFileSizeFromEnvironment()): SourceFileProblem | undefined {
    let stats: fs.Stats;
    try {
        stats = fs.statSync(file);
    } catch (error) {
        return problemFromError(file, error);
    }
    return problemFromStats(file, stats, maxFileSize);
}

function problemFromStats(file: string, stats: fs.Stats, maxFileSize: number): SourceFileProblem | undefined {
    if (!stats.isFile()) {
        const type = describeFileType(stats);
        return { kind: 'not-a-file', path: file, what: `is ${type}, not a file; svf reads only regular files` };
    }
    if (stats.size > maxFileSize) {
        return {
            kind: 'too-large', path: file,
            what: `is ${formatFileSize(stats.size)}, over the ${formatFileSize(maxFileSize)} limit for one file. Split it into files that import each other, or raise the limit with --max-file-size or the ${MAX_FILE_SIZE_VARIABLE} environment variable (e.g. ${MAX_FILE_SIZE_VARIABLE}=${Math.ceil(stats.size / 1024 ** 2) + 1}MB)`
        };
    }
    return undefined;
}

function problemFromError(file: string, error: unknown): SourceFileProblem {
    const code = (error as NodeJS.ErrnoException)?.code;
    switch (code) {
        case 'ENOENT': return { kind: 'missing', path: file, what: 'no such file or folder' };
        case 'ENOTDIR': return { kind: 'missing', path: file, what: 'no such file or folder (a part of the path is a file, not a folder)' };
        case 'EACCES': case 'EPERM': return { kind: 'permission-denied', path: file, what: 'permission denied' };
        case 'ELOOP': return { kind: 'unreadable', path: file, what: 'cannot be read: too many levels of symbolic links (a symlink loop)' };
        case 'ENXIO': return { kind: 'not-a-file', path: file, what: 'is a socket or device, not a file; svf reads only regular files' };
        case 'ENAMETOOLONG': return { kind: 'missing', path: file, what: 'the path is too long' };
        default: return { kind: 'unreadable', path: file, what: `cannot be read (${code ?? String(error)})` };
    }
}

/**
 * Reads a regular file's bytes without ever blocking on a FIFO or device: the path is
 * opened non-blocking and checked on the open descriptor, so nothing can be swapped in
 * between the check and the read.
 */
export function readSourceBytes(file: string, maxFileSize: number): Uint8Array {
    // A socket cannot be opened at all; stat first so the message says what it is.
    const before = inspectSourceFile(file, maxFileSize);
    if (before) throw new SourceFileError(before);
    let descriptor: number;
    try {
        descriptor = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (error) {
        throw new SourceFileError(problemFromError(file, error));
    }
    try {
        const stats = fs.fstatSync(descriptor);
        const problem = problemFromStats(file, stats, maxFileSize);
        if (problem) throw new SourceFileError(problem);
        const bytes = Buffer.alloc(stats.size);
        let read = 0;
        while (read < bytes.length) {
            const count = fs.readSync(descriptor, bytes, read, bytes.length - read, read);
            if (count === 0) break;
            read += count;
        }
        return bytes.subarray(0, read);
    } catch (error) {
        if (error instanceof SourceFileError) throw error;
        throw new SourceFileError(problemFromError(file, error));
    } finally {
        fs.closeSync(descriptor);
    }
}

/** Decoded text (byte-order mark dropped) and, for a file that is not UTF-8, its first bad byte. */
export function decodeSourceText(bytes: Uint8Array): { text: string; encodingProblem?: EncodingProblem } {
    try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
        const text = new TextDecoder('utf-8').decode(bytes);
        const offset = firstInvalidUtf8Byte(bytes);
        const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
        const lines = before.split('\n');
        const line = lines.length - 1;
        const character = lines[line].length;
        const byte = bytes[offset];
        const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
        const windows1252 = new TextDecoder('windows-1252').decode(bytes.subarray(offset, offset + 1));
        const meant = byte >= 0x80 && windows1252 !== '\ufffd' && !/\p{Cc}/u.test(windows1252)
            ? ` (it is '${windows1252}' in Windows-1252, so the file was probably saved in that encoding)` : '';
        return {
            text,
            encodingProblem: {
                line, character, byte,
                message: `This file is not UTF-8: byte ${hex} on line ${line + 1} is not valid UTF-8${meant}. Save the file as UTF-8 (in most editors: Save with Encoding, UTF-8).`
            }
        };
    }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i];
        const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
        if (length === 0 || i + length > bytes.length) return i;
        for (let k = 1; k < length; k++) {
            if ((bytes[i + k] & 0xc0) !== 0x80) return i;
        }
        // Overlong forms, surrogates and code points above U+10FFFF.
        if ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] > 0x9f)
            || (b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] > 0x8f)) return i;
        i += length;
    }
    return Math.max(0, bytes.length - 1);
}

/** Langium's Node file system, with SVF's rules for what may be read and how it is decoded. */
export class SvfNodeFileSystemProvider extends NodeFileSystemProvider implements SourceEncodingProblems, SourceFileInspector {
    readonly maxFileSize: number;
    private readonly encodingProblems = new Map<string, { text: string; problem: EncodingProblem }>();

    constructor(options: SvfFileSystemOptions = {}) {
        super();
        this.maxFileSize = options.maxFileSize ?? maxFileSizeFromEnvironment();
    }

    inspect(uri: URI): SourceFileProblem | undefined {
        return uri.scheme === 'file' ? inspectSourceFile(uri.fsPath, this.maxFileSize) : undefined;
    }

    encodingProblemOf(uri: URI, text: string): EncodingProblem | undefined {
        const recorded = this.encodingProblems.get(uri.toString());
        return recorded && recorded.text === text ? recorded.problem : undefined;
    }

    override async readFile(uri: URI): Promise<string> {
        return this.readFileSync(uri);
    }

    override readFileSync(uri: URI): string {
        const { text, encodingProblem } = decodeSourceText(this.readBinarySync(uri));
        if (encodingProblem) this.encodingProblems.set(uri.toString(), { text, problem: encodingProblem });
        else this.encodingProblems.delete(uri.toString());
        return text;
    }

    override async readBinary(uri: URI): Promise<Uint8Array> {
        return this.readBinarySync(uri);
    }

    override readBinarySync(uri: URI): Uint8Array {
        return readSourceBytes(uri.fsPath, this.maxFileSize);
    }

    /**
     * A symlinked file is reported as what it points at, so a linked .svf file is loaded
     * like a named one; symlinked folders are not followed (they may loop).
     */
    override async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        return this.readDirectorySync(uri);
    }

    override readDirectorySync(uri: URI): FileSystemNode[] {
        return fs.readdirSync(uri.fsPath, { withFileTypes: true }).map(entry => {
            const entryUri = UriUtils.joinPath(uri, entry.name);
            let isFile = entry.isFile();
            let isDirectory = entry.isDirectory();
            if (entry.isSymbolicLink()) {
                try {
                    const target = fs.statSync(entryUri.fsPath);
                    isFile = target.isFile();
                } catch {
                    // A dangling link is neither.
                }
            }
            return { isFile, isDirectory, uri: entryUri };
        });
    }
}

/** The context for createSvfServices on Node: `createSvfServices(createSvfNodeFileSystem())`. */
export function createSvfNodeFileSystem(options: SvfFileSystemOptions = {}): { fileSystemProvider: () => FileSystemProvider } {
    return { fileSystemProvider: () => new SvfNodeFileSystemProvider(options) };
}

export const SvfNodeFileSystem = createSvfNodeFileSystem();

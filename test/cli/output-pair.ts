import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from './run-svf.js';

/** The driver that writes pairs with the built module (see the file). */
export const outputFolderDriver = path.join(import.meta.dirname, 'output-folder-driver.mjs');

export function requireBuiltOutputFolder(): void {
    if (!fs.existsSync(path.join(repositoryRoot, 'out', 'cli', 'output-folder.js'))) {
        throw new Error('out/cli/output-folder.js is missing: run `npm run build` (or `npm test`, which builds first).');
    }
}

export interface PairFile {
    framework: { sourceHash: string };
    profile: unknown;
}

/** What a reader finds: nothing, or a pair and whether its two halves belong together. */
export type PairState =
    | { kind: 'nothing' }
    | { kind: 'pair'; consistent: boolean; tag: string; questionSet: PairFile; rubric: PairFile };

/** The identity of a pair: what both files of one compile share. */
export const pairTag = (file: PairFile) => `${file.framework.sourceHash} ${JSON.stringify(file.profile)}`;

function pairOf(questionSetText: string, rubricText: string): PairState {
    // JSON.parse throws on a truncated file: a half-written file fails the test.
    const questionSet = JSON.parse(questionSetText) as PairFile;
    const rubric = JSON.parse(rubricText) as PairFile;
    return { kind: 'pair', consistent: pairTag(questionSet) === pairTag(rubric), tag: pairTag(questionSet), questionSet, rubric };
}

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Reads the pair the documented way: resolve OUTDIR/.svf-current once, read both files from
 * there. Nothing when there is no current generation; a half pair throws.
 */
export function readPairByProtocol(outDir: string): PairState {
    let generation: string;
    try {
        generation = fs.realpathSync(path.join(outDir, '.svf-current'));
    } catch (error) {
        if (missing(error)) return { kind: 'nothing' };
        throw error;
    }
    return pairOf(fs.readFileSync(path.join(generation, 'question-set.json'), 'utf8'), fs.readFileSync(path.join(generation, 'rubric.json'), 'utf8'));
}

/** The same, asynchronously, retrying when the generation went away between the steps. */
export async function readPairByProtocolAsync(outDir: string): Promise<PairState | 'retry'> {
    let generation: string;
    try {
        generation = await fs.promises.realpath(path.join(outDir, '.svf-current'));
    } catch (error) {
        if (missing(error)) return { kind: 'nothing' };
        throw error;
    }
    try {
        const [questionSet, rubric] = await Promise.all(['question-set.json', 'rubric.json']
            .map(name => fs.promises.readFile(path.join(generation, name), 'utf8')));
        return pairOf(questionSet!, rubric!);
    } catch (error) {
        if (missing(error)) return 'retry';
        throw error;
    }
}

/**
 * Reads the pair through the visible names, OUTDIR/question-set.json and OUTDIR/rubric.json,
 * as existing integrations do (no writer may be running). Nothing when neither resolves.
 */
export function readVisiblePair(outDir: string): PairState {
    const read = (name: string) => {
        try {
            return fs.readFileSync(path.join(outDir, name), 'utf8');
        } catch (error) {
            if (missing(error)) return undefined;
            throw error;
        }
    };
    const questionSet = read('question-set.json');
    const rubric = read('rubric.json');
    if (questionSet === undefined && rubric === undefined) return { kind: 'nothing' };
    if (questionSet === undefined || rubric === undefined) throw new Error(`half a pair in ${outDir}: ${fs.readdirSync(outDir).join(', ')}`);
    return pairOf(questionSet, rubric);
}

/** The entries svf keeps in OUTDIR besides the visible files. */
export function svfEntries(outDir: string): { current: string | undefined; generations: string[]; tempLinks: string[] } {
    const entries = fs.existsSync(outDir) ? fs.readdirSync(outDir) : [];
    let current: string | undefined;
    try { current = fs.readlinkSync(path.join(outDir, '.svf-current')); } catch { current = undefined; }
    return {
        current,
        generations: entries.filter(entry => entry.startsWith('.svf-gen-')).sort(),
        tempLinks: entries.filter(entry => entry.startsWith('.svf-tmp-')).sort(),
    };
}

/** A pair as the previous svf version left it: two regular files. */
export function writeRegularPair(outDir: string, tag: string): void {
    fs.mkdirSync(outDir, { recursive: true });
    for (const kind of ['question-set', 'rubric']) {
        const temp = path.join(outDir, `.${kind}.old-version.tmp`);
        fs.writeFileSync(temp, `${JSON.stringify({ framework: { sourceHash: tag }, profile: tag, kind })}\n`);
        fs.renameSync(temp, path.join(outDir, `${kind}.json`));
    }
}

/** A small seeded pseudo-random generator (mulberry32): the same seed, the same run. */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6D2B79F5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

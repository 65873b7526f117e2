// Test driver: writes `count` pairs into OUTDIR with the BUILT cli/output-folder module, as a
// compile would, so tests can run many writers at once and kill them at any instant.
// Usage: node output-folder-driver.mjs OUTDIR TAG COUNT SIZE
// Each pair is tagged `${TAG}-${i}` in framework.sourceHash and profile, like a real pair; SIZE
// characters of padding make the write take long enough to be interrupted. It prints
// `writing <i>` just before each write, so a test can aim a kill at the write itself.
import { writeOutputFolder } from '../../out/cli/output-folder.js';

const [outDir, tag, count = '1', size = '0'] = process.argv.slice(2);
const padding = 'x'.repeat(Number(size));
for (let i = 0; i < Number(count); i++) {
    const pairTag = `${tag}-${i}`;
    const questionSet = JSON.stringify({ framework: { sourceHash: pairTag }, profile: pairTag, kind: 'question-set', padding });
    const rubric = JSON.stringify({ framework: { sourceHash: pairTag }, profile: pairTag, kind: 'rubric', padding });
    process.stdout.write(`writing ${i}\n`);
    writeOutputFolder(outDir, { 'question-set.json': `${questionSet}\n`, 'rubric.json': `${rubric}\n` });
}

/**
 * How far apart two words are for a "did you mean ...?": the number of single-character
 * insertions, deletions, substitutions and swaps of two neighbouring characters that turn
 * one into the other (so `unti` is one step from `unit`). Case is ignored.
 * Used by the syntax messages (keywords), the quick fixes (declared names) and the merge
 * of an extending framework (the base names nearest a change that names none).
 */
export function spellingDistance(a: string, b: string): number {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    // rows[i][j]: distance between the first i characters of x and the first j of y.
    const rows: number[][] = Array.from({ length: x.length + 1 }, (_, i) => [i, ...Array<number>(y.length).fill(0)]);
    for (let j = 1; j <= y.length; j++) rows[0]![j] = j;
    for (let i = 1; i <= x.length; i++) {
        for (let j = 1; j <= y.length; j++) {
            const cost = x[i - 1] === y[j - 1] ? 0 : 1;
            let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
            if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
                best = Math.min(best, rows[i - 2]![j - 2]! + 1);
            }
            rows[i]![j] = best;
        }
    }
    return rows[x.length]![y.length]!;
}

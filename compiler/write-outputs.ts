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

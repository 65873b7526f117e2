/**
 * JSON as we write it: keys sorted at every level, 2-space indent, final newline, so that
 * the same content always gives the same bytes.
 *
 * The bytes are exactly those of `JSON.stringify(value, sortingReplacer, 2)`
 * (test/compiler/serialize-output.test.ts checks that on arbitrary JSON): toJSON is called
 * first, keys come in the order a key-sorted copy would give them (array-index keys first,
 * in numeric order, then the rest sorted; a `__proto__` key is dropped), values JSON leaves
 * out are left out (or written as null in arrays), and a cycle throws a TypeError.
 */
export function serializeOutput(value: unknown): string {
    let text = '';
    for (const chunk of serializeOutputChunks(value)) text += chunk;
    return text;
}

/** Chunks of about this many characters: large enough that writing each costs little. */
const CHUNK_CHARACTERS = 1 << 16;

/**
 * The same text as serializeOutput, produced lazily in chunks of about 64K characters, so
 * that a large output can be written to a file without ever being one string in memory
 * (100,000 measures make an 83 MB question set) and without a key-sorted copy of the value.
 */
export function* serializeOutputChunks(value: unknown): Generator<string, void, undefined> {
    const top = jsonValue(value, '');
    if (top === undefined) {
        // What `${JSON.stringify(undefined)}\n` gives.
        yield 'undefined\n';
        return;
    }
    const stack: Frame[] = [];
    const open = new Set<object>();
    let text = begin(top, '', stack, open);
    while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        if (frame.next === frame.length) {
            stack.pop();
            open.delete(frame.source);
            text += `\n${frame.indent}${frame.keys ? '}' : ']'}`;
            continue;
        }
        const index = frame.next++;
        const inner = `${frame.indent}  `;
        let member: unknown;
        if (frame.keys) {
            const key = frame.keys[index];
            text += `${index > 0 ? ',' : ''}\n${inner}${JSON.stringify(key)}: `;
            member = frame.values![index];
        } else {
            text += `${index > 0 ? ',' : ''}\n${inner}`;
            member = jsonValue((frame.source as unknown[])[index], String(index));
            if (member === undefined) {
                text += 'null';
                continue;
            }
        }
        text += begin(member, inner, stack, open);
        if (text.length >= CHUNK_CHARACTERS) {
            yield text;
            text = '';
        }
    }
    yield `${text}\n`;
}

/** An array or object being written: its members (after toJSON, in output order) and how far we are. */
interface Frame {
    source: object;
    indent: string;
    length: number;
    next: number;
    /** Object keys in output order; undefined for an array. */
    keys?: string[];
    values?: unknown[];
}

/**
 * The text of a value up to its first member: all of it for a primitive or an empty
 * container, else the opening bracket (and the container goes on the stack).
 */
function begin(value: unknown, indent: string, stack: Frame[], open: Set<object>): string {
    if (value === null) return 'null';
    switch (typeof value) {
        case 'string': return JSON.stringify(value);
        case 'number': return Number.isFinite(value) ? String(value) : 'null';
        case 'boolean': return value ? 'true' : 'false';
        case 'object': break;
        // bigint: JSON.stringify throws the TypeError JSON gives for it.
        default: return JSON.stringify(value)!;
    }
    const source = value as object;
    if (open.has(source)) throw new TypeError('Converting circular structure to JSON');
    if (Array.isArray(source)) {
        if (source.length === 0) return '[]';
        open.add(source);
        stack.push({ source, indent, length: source.length, next: 0 });
        return '[';
    }
    const keys: string[] = [];
    const values: unknown[] = [];
    for (const key of outputKeyOrder(Object.keys(source))) {
        const member = (source as Record<string, unknown>)[key];
        if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
        const converted = jsonValue(member, key);
        if (converted === undefined) continue;
        keys.push(key);
        values.push(converted);
    }
    if (keys.length === 0) return '{}';
    open.add(source);
    stack.push({ source, indent, length: keys.length, next: 0, keys, values });
    return '{';
}

/** The value after toJSON, or undefined when JSON leaves it out (undefined, a function, a symbol). */
function jsonValue(value: unknown, key: string): unknown {
    if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
    }
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
    return value;
}

/**
 * The order in which an object built by assigning these keys in sorted order lists them:
 * array indexes (0 to 2^32 - 2) first in numeric order, then the other keys sorted.
 * `__proto__` is dropped: assigning it sets the copy's prototype instead of a key.
 */
function outputKeyOrder(keys: string[]): string[] {
    keys.sort();
    let indexes: string[] | undefined;
    let others: string[] | undefined;
    for (let position = 0; position < keys.length; position++) {
        const key = keys[position];
        if (isArrayIndex(key) || key === '__proto__') {
            indexes ??= [];
            others ??= keys.slice(0, position);
            if (key !== '__proto__') indexes.push(key);
        } else if (others) {
            others.push(key);
        }
    }
    if (!indexes) return keys;
    indexes.sort((a, b) => Number(a) - Number(b));
    return [...indexes, ...others!];
}

function isArrayIndex(key: string): boolean {
    const first = key.charCodeAt(0);
    if (!(first >= 48 && first <= 57)) return false;
    if (key === '0') return true;
    return first !== 48 && /^\d+$/.test(key) && Number(key) <= 4294967294;
}

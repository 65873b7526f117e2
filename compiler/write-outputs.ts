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

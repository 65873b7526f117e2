/** Writes whole lines to stdout or stderr; each line ends with a newline. */
export function writeLines(stream: NodeJS.WritableStream, lines: readonly string[]): void {
    if (lines.length > 0) {
        stream.write(lines.join('\n') + '\n');
    }
}

/** `1 error`, `2 errors`: counts as people read them in CLI output. */
export function countOf(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

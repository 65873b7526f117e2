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

let closedOutputHandled = false;

/**
 * `svf check | head`: when the reader closes the pipe, stop quietly (as Unix tools do)
 * instead of crashing with an EPIPE stack trace.
 */
export function exitQuietlyWhenOutputCloses(): void {
    if (closedOutputHandled) return;
    closedOutputHandled = true;
    for (const stream of [process.stdout, process.stderr]) {
        stream.on('error', (error: NodeJS.ErrnoException) => {
            if (error.code !== 'EPIPE') throw error;
            process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
        });
    }
}

/** Writes whole lines to stdout or stderr; each line ends with a newline. */
export function writeLines(stream: NodeJS.WritableStream, lines: readonly string[]): void {
    if (lines.length > 0) {
        stream.write(lines.join('\n') + '\n');
    }
}

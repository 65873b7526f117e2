/** Medians and percentiles of timings, and how the latency benchmarks print them. */

export function median(values: number[]): number {
    return percentile(values, 0.5);
}

/** The value below which `fraction` of the values lie (nearest rank). */
export function percentile(values: number[], fraction: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

/** `7.5 ms`, `1234 ms`. */
export function ms(value: number): string {
    return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

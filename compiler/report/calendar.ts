/**
 * Calendar dates for delivery reports: ISO YYYY-MM-DD strings, compared as days since
 * 1970-01-01 (UTC, so no time zone or daylight saving can shift a day).
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date, or undefined when it is not a real calendar date (2026-02-30). */
export function dayNumber(text: string): number | undefined {
    const match = ISO_DATE.exec(text);
    if (!match) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const time = Date.UTC(year, month - 1, day);
    const date = new Date(time);
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
    return time / 86_400_000;
}

/** The ISO date of a day number. */
export function isoDate(day: number): string {
    return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The day `months` calendar months after `day` (the 31st clamps to the month's last day). */
export function addMonths(day: number, months: number): number {
    const date = new Date(day * 86_400_000);
    const target = date.getUTCMonth() + months;
    const year = date.getUTCFullYear() + Math.floor(target / 12);
    const month = ((target % 12) + 12) % 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) / 86_400_000;
}

/**
 * How many months of a contract that starts on `start` have elapsed by the end of day
 * `asOf`, as a fraction: whole calendar months from the start to the day after `asOf`,
 * plus the days of the part month over that month's length. A contract starting
 * 2026-04-01 has run 3 months by 2026-06-30, and 3 + 15/31 by 2026-07-15. Returned as
 * [whole months, days into the part month, days in the part month].
 */
export function elapsedMonths(start: number, asOf: number): [number, number, number] {
    const dayAfter = asOf + 1;
    if (dayAfter <= start) return [0, 0, 1];
    let months = 0;
    while (addMonths(start, months + 1) <= dayAfter) months++;
    const monthStart = addMonths(start, months);
    const nextMonth = addMonths(start, months + 1);
    return [months, dayAfter - monthStart, nextMonth - monthStart];
}

/** The UK financial-year quarter a day falls in, e.g. "2026-27 Q1" (April to June 2026). */
export function financialQuarter(day: number): string {
    const date = new Date(day * 86_400_000);
    const month = date.getUTCMonth();
    const startYear = month >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
    const quarter = Math.floor(((month + 9) % 12) / 3) + 1;
    return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')} Q${quarter}`;
}

/**
 * Characters that look like others or cannot be seen, named so that a policy officer can
 * find them: "U+0435 CYRILLIC SMALL LETTER IE, which looks like 'e'", "U+200B ZERO WIDTH
 * SPACE". A small table of the usual suspects (text pasted from Word, PDFs and web pages,
 * or typed on a Cyrillic or Greek keyboard); other characters are described by their
 * general Unicode category, as Node carries no table of character names.
 */

interface KnownCharacter {
    readonly name: string;
    /** The ASCII text it is usually mistaken for, if any. */
    readonly looksLike?: string;
    /** Zero-width, a control that reorders text, or otherwise not seen as itself. */
    readonly invisible?: boolean;
}

const KNOWN: Record<string, KnownCharacter> = {
    // Cyrillic letters that look Latin
    '\u0430': { name: 'CYRILLIC SMALL LETTER A', looksLike: 'a' },
    '\u0435': { name: 'CYRILLIC SMALL LETTER IE', looksLike: 'e' },
    '\u043e': { name: 'CYRILLIC SMALL LETTER O', looksLike: 'o' },
    '\u0440': { name: 'CYRILLIC SMALL LETTER ER', looksLike: 'p' },
    '\u0441': { name: 'CYRILLIC SMALL LETTER ES', looksLike: 'c' },
    '\u0443': { name: 'CYRILLIC SMALL LETTER U', looksLike: 'y' },
    '\u0445': { name: 'CYRILLIC SMALL LETTER HA', looksLike: 'x' },
    '\u0455': { name: 'CYRILLIC SMALL LETTER DZE', looksLike: 's' },
    '\u0456': { name: 'CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I', looksLike: 'i' },
    '\u0458': { name: 'CYRILLIC SMALL LETTER JE', looksLike: 'j' },
    '\u0410': { name: 'CYRILLIC CAPITAL LETTER A', looksLike: 'A' },
    '\u0412': { name: 'CYRILLIC CAPITAL LETTER VE', looksLike: 'B' },
    '\u0415': { name: 'CYRILLIC CAPITAL LETTER IE', looksLike: 'E' },
    '\u041a': { name: 'CYRILLIC CAPITAL LETTER KA', looksLike: 'K' },
    '\u041c': { name: 'CYRILLIC CAPITAL LETTER EM', looksLike: 'M' },
    '\u041d': { name: 'CYRILLIC CAPITAL LETTER EN', looksLike: 'H' },
    '\u041e': { name: 'CYRILLIC CAPITAL LETTER O', looksLike: 'O' },
    '\u0420': { name: 'CYRILLIC CAPITAL LETTER ER', looksLike: 'P' },
    '\u0421': { name: 'CYRILLIC CAPITAL LETTER ES', looksLike: 'C' },
    '\u0422': { name: 'CYRILLIC CAPITAL LETTER TE', looksLike: 'T' },
    '\u0425': { name: 'CYRILLIC CAPITAL LETTER HA', looksLike: 'X' },
    // Greek letters that look Latin
    '\u03b1': { name: 'GREEK SMALL LETTER ALPHA', looksLike: 'a' },
    '\u03bf': { name: 'GREEK SMALL LETTER OMICRON', looksLike: 'o' },
    '\u03bd': { name: 'GREEK SMALL LETTER NU', looksLike: 'v' },
    '\u03c1': { name: 'GREEK SMALL LETTER RHO', looksLike: 'p' },
    '\u0391': { name: 'GREEK CAPITAL LETTER ALPHA', looksLike: 'A' },
    '\u0392': { name: 'GREEK CAPITAL LETTER BETA', looksLike: 'B' },
    '\u0395': { name: 'GREEK CAPITAL LETTER EPSILON', looksLike: 'E' },
    '\u0397': { name: 'GREEK CAPITAL LETTER ETA', looksLike: 'H' },
    '\u0399': { name: 'GREEK CAPITAL LETTER IOTA', looksLike: 'I' },
    '\u039a': { name: 'GREEK CAPITAL LETTER KAPPA', looksLike: 'K' },
    '\u039c': { name: 'GREEK CAPITAL LETTER MU', looksLike: 'M' },
    '\u039d': { name: 'GREEK CAPITAL LETTER NU', looksLike: 'N' },
    '\u039f': { name: 'GREEK CAPITAL LETTER OMICRON', looksLike: 'O' },
    '\u03a1': { name: 'GREEK CAPITAL LETTER RHO', looksLike: 'P' },
    '\u03a4': { name: 'GREEK CAPITAL LETTER TAU', looksLike: 'T' },
    '\u03a7': { name: 'GREEK CAPITAL LETTER CHI', looksLike: 'X' },
    // Quotes and dashes from word processors
    '\u2018': { name: 'LEFT SINGLE QUOTATION MARK', looksLike: "'" },
    '\u2019': { name: 'RIGHT SINGLE QUOTATION MARK', looksLike: "'" },
    '\u201c': { name: 'LEFT DOUBLE QUOTATION MARK', looksLike: '"' },
    '\u201d': { name: 'RIGHT DOUBLE QUOTATION MARK', looksLike: '"' },
    '\u201e': { name: 'DOUBLE LOW-9 QUOTATION MARK', looksLike: '"' },
    '\u00ab': { name: 'LEFT-POINTING DOUBLE ANGLE QUOTATION MARK', looksLike: '"' },
    '\u00bb': { name: 'RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK', looksLike: '"' },
    '\u2032': { name: 'PRIME', looksLike: "'" },
    '\u2033': { name: 'DOUBLE PRIME', looksLike: '"' },
    '\u2010': { name: 'HYPHEN', looksLike: '-' },
    '\u2011': { name: 'NON-BREAKING HYPHEN', looksLike: '-' },
    '\u2012': { name: 'FIGURE DASH', looksLike: '-' },
    '\u2013': { name: 'EN DASH', looksLike: '-' },
    '\u2014': { name: 'EM DASH', looksLike: '-' },
    '\u2212': { name: 'MINUS SIGN', looksLike: '-' },
    '\uff05': { name: 'FULLWIDTH PERCENT SIGN', looksLike: '%' },
    '\u00a3': { name: 'POUND SIGN' },
    // Spaces that are not plain spaces
    '\u00a0': { name: 'NO-BREAK SPACE', looksLike: ' ' },
    '\u202f': { name: 'NARROW NO-BREAK SPACE', looksLike: ' ' },
    '\u2007': { name: 'FIGURE SPACE', looksLike: ' ' },
    '\u2009': { name: 'THIN SPACE', looksLike: ' ' },
    '\u3000': { name: 'IDEOGRAPHIC SPACE', looksLike: ' ' },
    // Invisible characters
    '\u00ad': { name: 'SOFT HYPHEN', invisible: true },
    '\u200b': { name: 'ZERO WIDTH SPACE', invisible: true },
    '\u200c': { name: 'ZERO WIDTH NON-JOINER', invisible: true },
    '\u200d': { name: 'ZERO WIDTH JOINER', invisible: true },
    '\u2060': { name: 'WORD JOINER', invisible: true },
    '\ufeff': { name: 'ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)', invisible: true },
    // Bidirectional controls: they reorder how the text around them is displayed
    '\u061c': { name: 'ARABIC LETTER MARK', invisible: true },
    '\u200e': { name: 'LEFT-TO-RIGHT MARK', invisible: true },
    '\u200f': { name: 'RIGHT-TO-LEFT MARK', invisible: true },
    '\u202a': { name: 'LEFT-TO-RIGHT EMBEDDING', invisible: true },
    '\u202b': { name: 'RIGHT-TO-LEFT EMBEDDING', invisible: true },
    '\u202c': { name: 'POP DIRECTIONAL FORMATTING', invisible: true },
    '\u202d': { name: 'LEFT-TO-RIGHT OVERRIDE', invisible: true },
    '\u202e': { name: 'RIGHT-TO-LEFT OVERRIDE', invisible: true },
    '\u2066': { name: 'LEFT-TO-RIGHT ISOLATE', invisible: true },
    '\u2067': { name: 'RIGHT-TO-LEFT ISOLATE', invisible: true },
    '\u2068': { name: 'FIRST STRONG ISOLATE', invisible: true },
    '\u2069': { name: 'POP DIRECTIONAL ISOLATE', invisible: true },
};

/** Invisible and bidirectional-control characters (the `invisible` entries above and format characters). */
export const INVISIBLE_CHARACTER = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

const CATEGORIES: Array<[RegExp, string]> = [
    [/\p{Cc}/u, 'a control character'],
    [/\p{Cf}/u, 'an invisible formatting character'],
    [/\p{Co}|\p{Cn}|\p{Cs}/u, 'not a character (unassigned, private use or a broken surrogate)'],
    [/\p{Zs}|\p{Zl}|\p{Zp}/u, 'a space or line separator'],
    [/\p{L}/u, 'a letter that is not in the A-Z alphabet'],
    [/\p{N}/u, 'a digit that is not 0-9'],
    [/\p{P}/u, 'a punctuation mark'],
    [/\p{Sc}/u, 'a currency symbol'],
    [/\p{S}/u, 'a symbol'],
    [/\p{M}/u, 'a combining mark'],
];

/** `U+0435` */
export function codePointLabel(character: string): string {
    return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The character as a message can show it: itself, or, when it cannot be seen, nothing (its name says it). */
function shown(character: string, known: KnownCharacter | undefined): string {
    const invisible = known?.invisible || /\p{C}|\p{Z}/u.test(character);
    return invisible ? '' : `'${character}' `;
}

/**
 * "'е' (U+0435 CYRILLIC SMALL LETTER IE, which looks like 'e')", or for an unknown
 * character "'ж' (U+0436, a letter that is not in the A-Z alphabet)".
 */
export function describeCharacter(character: string): string {
    const known = KNOWN[character];
    const code = codePointLabel(character);
    if (known?.invisible || (!known && /\p{Cf}/u.test(character))) {
        return `${code} ${known?.name ?? 'an invisible formatting character'} (which cannot be seen)`;
    }
    if (known) {
        const looksLike = known.looksLike === ' ' ? ', which looks like a space' : known.looksLike ? `, which looks like '${known.looksLike}'` : '';
        return `${shown(character, known)}(${code} ${known.name}${looksLike})`;
    }
    const category = CATEGORIES.find(([pattern]) => pattern.test(character))?.[1];
    return `${shown(character, undefined)}(${code}${category ? `, ${category}` : ''})`;
}

/** What to do about a character that cannot be used outside quotes. */
export function fixFor(character: string): string {
    const known = KNOWN[character];
    if (known?.looksLike === '"' || known?.looksLike === "'") {
        return 'Write texts in straight double quotes ("...").';
    }
    if (known?.looksLike === ' ') return 'Retype it as a plain space.';
    if (known?.looksLike) return `Retype it as '${known.looksLike}'.`;
    if (known?.invisible || /\p{Cf}/u.test(character)) return 'Delete it (it cannot be seen: delete the characters around it and retype them).';
    return '';
}

/** The first character in the text that needs explaining (not plain ASCII), if any. */
export function firstNotableCharacter(text: string): string | undefined {
    for (const character of text) {
        if (KNOWN[character] || character.codePointAt(0)! > 0x7e || /\p{Cc}/u.test(character)) return character;
    }
    return undefined;
}

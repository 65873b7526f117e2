/**
 * Readable SVF names for what a spreadsheet only gives a title: themes, outcomes, units and
 * proxies. `Jobs: promote local skills` -> `jobs`; `More local people in employment` ->
 * `moreLocalPeopleEmployment`; `no. people FTE` -> `peopleFte`. Names are camelCase IDs, never
 * a keyword of the language, unique within their kind (a number is added: `jobs2`), and the
 * same for the same titles in the same order.
 */

/**
 * Every keyword of the SVF grammar (language/svf.langium); test/spreadsheet checks the list
 * against the grammar. A derived name is never one of them, even where the grammar would
 * accept it as a name, so the generated file reads unambiguously.
 */
export const SVF_KEYWORDS: ReadonlySet<string> = new Set((
    'absolute acknowledge add after and annualValue annually answer any as ask at attachment attribution award because ' +
    'before cap categories category choice chosen codes contractValue counts covers criterion currency deadweight default ' +
    'description displacement disqualify draft dropOff durationMonths evaluation evidence exclude extends flag for framework ' +
    'from gate gates goods guidance horizon import in include is kpis least level maxProxyAge maximum measure measures method ' +
    'minimum money month monthly months most multi no not numbers of one only or outcome outcomes outlasting override per ' +
    'percentage priceYear profile proxy published publisher qualitative quantitative quantity quarterly question questions ' +
    'ratio record relative require retire retired rule scale select services set source split status tags target text theme ' +
    'themes to unit unmet version week weeks weight weighting when whole words works year years yes zero'
).split(' '));

/** An SVF ID (the grammar's ID terminal). */
export const SVF_ID_PATTERN = /^[_a-zA-Z]\w*$/;

/** Words that carry no meaning in a name. */
const FILLER_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'for', 'to', 'in', 'on', 'with', 'by', 'at', 'from', 'no', 'x', 'per', 'is', 'are', 'be']);
const MAX_WORDS = 4;

/** Hands out names of one kind: each `nameFor` call returns a name not handed out before. */
export class NameAllocator {
    private readonly taken = new Set<string>();

    /** `fallback` says what is named (`unit`, `proxy`): `weeksUnit` for a keyword, `unnamedUnit` for a title without words. */
    constructor(private readonly fallback: string) {}

    /** Marks a name as used (e.g. a code the user wrote). */
    reserve(name: string): void {
        this.taken.add(name);
    }

    nameFor(title: string): string {
        let base = camelCaseName(title) ?? `unnamed${capitalise(this.fallback)}`;
        if (SVF_KEYWORDS.has(base)) base = `${base}${capitalise(this.fallback)}`;
        let name = base;
        for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
        this.taken.add(name);
        return name;
    }
}

/** The camelCase name of a title, or undefined when it has no letters or digits to make one from. */
export function camelCaseName(title: string): string | undefined {
    // A title like `Jobs: promote local skills` is named by its part before the colon.
    const head = title.split(/:|\s[-–—]\s/)[0]!.trim();
    const words = asciiWords(head.length > 0 ? head : title);
    const meaningful = words.filter(word => !FILLER_WORDS.has(word));
    const chosen = (meaningful.length > 0 ? meaningful : words).slice(0, MAX_WORDS);
    if (chosen.length === 0) return undefined;
    const name = chosen.map((word, index) => index === 0 ? word : capitalise(word)).join('');
    // An ID cannot start with a digit.
    return /^\d/.test(name) ? `n${name}` : name;
}

function asciiWords(text: string): string[] {
    return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
        .split(/[^a-z0-9]+/).filter(word => word.length > 0);
}

function capitalise(word: string): string {
    return word.charAt(0).toUpperCase() + word.slice(1);
}

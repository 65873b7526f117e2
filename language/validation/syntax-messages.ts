import { AstUtils as GrammarUtils, GrammarAST, type Grammar, type ParseResult } from 'langium';
import { spellingDistance } from '../spelling.js';
import { describeCharacter, firstNotableCharacter, fixFor } from './confusable-characters.js';

type ParserError = ParseResult['parserErrors'][number];
type Token = ParserError['token'];

/**
 * Turns Chevrotain's parser and lexer errors ("Expecting token of type 'STRING' but found
 * `}`.") into plain English for policy officers ("Expected a text in double quotes after
 * 'ask', but found '}'."). What a block may contain is read from the grammar, so messages
 * stay right when the grammar grows.
 */
export class SyntaxMessages {
    private readonly rules = new Map<string, GrammarAST.ParserRule>();
    private readonly blockContents = new Map<string, string[]>();
    /** Keywords that may also be written as names (the grammar's `Name` rule): "a name" covers them. */
    private readonly nameKeywords = new Set<string>();

    constructor(grammar: Grammar) {
        for (const rule of grammar.rules) {
            if (GrammarAST.isParserRule(rule)) this.rules.set(rule.name, rule);
        }
        const name = this.rules.get('Name');
        if (name) GrammarUtils.streamAllContents(name).filter(GrammarAST.isKeyword).forEach(keyword => this.nameKeywords.add(keyword.value));
    }

    /** A plain-English message for one parser error. */
    parserErrorMessage(error: ParserError & { previousToken?: Token }): string {
        const found = describeFound(error.token);
        const after = error.previousToken && isRealToken(error.previousToken) ? ` after '${error.previousToken.image}'` : '';
        const stack = (error.context?.ruleStack ?? []).map((name: string) => name.replace(/\u200b/g, ''));
        const block = this.innermostBlock(stack);
        const expected = this.expectedTokens(error);

        // Text left over at the top level: not the start of any declaration.
        if (expected.length === 0 || (expected.length === 1 && expected[0] === 'EOF')) {
            if (error.token.image === '}') {
                return `Unexpected '}': there is no open block here for it to close. Remove it, or look above for a missing '{'.`;
            }
            return `${found} does not start a declaration. ${this.canContainSentence('Document')}${this.hint(error.token, 'Document')}`;
        }
        if (expected.length === 1 && expected[0] === '}' && block) {
            const noun = BLOCK_NOUNS[block] ?? 'block';
            if (!isRealToken(error.token)) {
                return `The file ends before this ${noun} is closed. Add the missing '}'.`;
            }
            const enclosing = stack.slice(0, stack.lastIndexOf(block)).filter(rule => BLOCK_NOUNS[rule] || rule === 'Document');
            if (enclosing.some(outer => this.contents(outer).includes(error.token.image))) {
                // `measure` inside an unclosed measure: the previous block lacks its '}'.
                return `Expected '}' to close the ${noun} before '${error.token.image}'. Add the missing '}' at the end of the ${noun}.`;
            }
            return `${found} is not something ${article(noun)} ${noun} can contain. ${this.canContainSentence(block)}${this.hint(error.token, block)} If the ${noun} ends here, close it with '}'.`;
        }
        const wanted = joinAlternatives(unique(expected.map(token => describeExpected(this.keywordPhrase(token, stack)))));
        if (!isRealToken(error.token)) {
            return `The file ends too early: expected ${wanted}${after}.`;
        }
        return `Expected ${wanted}${after}, but found ${found}.`;
    }

    /**
     * A keyword written where a name goes (`unit measure "..."`): the grammar takes some
     * keywords as names (its `Name` rule), but not this one here. Undefined for other errors.
     */
    keywordAsNameMessage(error: ParserError): string | undefined {
        const token = error.token;
        if (!isRealToken(token) || token.tokenType?.name === 'ID' || !/^[A-Za-z_]\w*$/.test(token.image)) return undefined;
        if (!this.expectedTokens(error).includes('ID')) return undefined;
        const stack = (error.context?.ruleStack ?? []).map((name: string) => name.replace(/\u200b/g, ''));
        const named = [...stack].reverse().find(rule => NAMED_KINDS[rule]);
        // `rule when ...`: a keyword that may come after the name means the name was left out.
        if (named && this.laterKeywords(named).has(token.image)) return undefined;
        const suffix = named ? NAMED_KINDS[named] : 'Name';
        return `'${token.image}' is a keyword; choose another name such as '${token.image}${suffix}'.`;
    }

    /** The keywords of a declaration's rule after its first one (`when`, `before` in a rule). */
    private laterKeywords(ruleName: string): Set<string> {
        const rule = this.rules.get(ruleName);
        const keywords = rule ? GrammarUtils.streamAllContents(rule.definition).filter(GrammarAST.isKeyword).map(keyword => keyword.value).toArray() : [];
        return new Set(keywords.slice(1));
    }

    /**
     * For a word that does not belong: the keyword it is probably a typo of, or, when it
     * looks like a name, the keywords that declare something by name there.
     */
    private hint(token: Token, rule: string): string {
        const typo = suggestion(token.image, this.contents(rule));
        if (typo || token.tokenType?.name !== 'ID') return typo;
        const declaring = this.namingKeywords(rule);
        if (declaring.length === 1) {
            return ` If '${token.image}' is the name of a new ${declaring[0]}, write \`${declaring[0]} ${token.image}\`.`;
        }
        return declaring.length > 1 ? ` If '${token.image}' is a name, put what it names before it (${joinAlternatives(declaring)}).` : '';
    }

    /** Keywords that start a declaration by name in a block, e.g. `measure` in an outcome. */
    private namingKeywords(ruleName: string): string[] {
        const rule = this.rules.get(ruleName);
        if (!rule) return [];
        const named: string[] = [];
        const visit = (element: GrammarAST.AbstractElement, depth: number): void => {
            if (depth > 4) return;
            if (GrammarAST.isRuleCall(element) && GrammarAST.isParserRule(element.rule.ref)) {
                const body = element.rule.ref.definition;
                if (GrammarAST.isGroup(body)) {
                    const [first, second] = body.elements.filter(e => !GrammarAST.isAction(e));
                    if (GrammarAST.isKeyword(first) && GrammarAST.isAssignment(second) && second.feature === 'name') {
                        named.push(first.value);
                        return;
                    }
                }
                visit(body, depth + 1);
            } else if (GrammarAST.isAssignment(element)) {
                visit(element.terminal, depth + 1);
            } else if (GrammarAST.isAlternatives(element)) {
                element.elements.forEach(e => visit(e, depth + 1));
            }
        };
        blockElements(rule).forEach(element => visit(element, 0));
        return unique(named);
    }

    /** What can be written inside a block (or at the top of a file), as a sentence. */
    private canContainSentence(rule: string): string {
        const contents = this.contents(rule);
        if (contents.length === 0) return '';
        if (rule === 'Document') {
            return `A file can contain: ${contents.join(', ')}.`;
        }
        if (rule === 'Scale') {
            return 'A scale can contain levels, each a score and a label, e.g. 3 "Good".';
        }
        const noun = BLOCK_NOUNS[rule] ?? 'block';
        return `${article(noun) === 'an' ? 'An' : 'A'} ${noun} can contain: ${contents.map(word => TOKEN_DESCRIPTIONS[word] ?? word).join(', ')}.`;
    }

    private innermostBlock(stack: string[]): string | undefined {
        for (let i = stack.length - 1; i >= 0; i--) {
            if (BLOCK_NOUNS[stack[i]]) return stack[i];
        }
        return undefined;
    }

    /** The first words of everything a block may contain, in grammar order. */
    contents(ruleName: string): string[] {
        let cached = this.blockContents.get(ruleName);
        if (!cached) {
            const rule = this.rules.get(ruleName);
            cached = rule ? withoutLongerPhrases(unique(blockElements(rule).flatMap(element => this.firstWords(element, new Set())))) : [];
            this.blockContents.set(ruleName, cached);
        }
        return cached;
    }

    /** The keywords (or token names) an element can start with; keyword-only groups as one phrase. */
    private firstWords(element: GrammarAST.AbstractElement, visiting: Set<string>): string[] {
        if (GrammarAST.isKeyword(element)) return [element.value];
        if (GrammarAST.isAssignment(element)) return this.firstWords(element.terminal, visiting);
        if (GrammarAST.isCrossReference(element)) return element.terminal ? this.firstWords(element.terminal, visiting) : ['ID'];
        if (GrammarAST.isAlternatives(element)) return element.elements.flatMap(e => this.firstWords(e, visiting));
        if (GrammarAST.isRuleCall(element)) {
            const rule = element.rule.ref;
            if (GrammarAST.isTerminalRule(rule)) return [rule.name];
            if (GrammarAST.isParserRule(rule) && rule.name === 'Name') return ['ID'];
            if (!GrammarAST.isParserRule(rule) || visiting.has(rule.name)) return [];
            return this.firstWords(rule.definition, new Set([...visiting, rule.name]));
        }
        if (GrammarAST.isGroup(element)) {
            const parts = element.elements.filter(e => !GrammarAST.isAction(e));
            // `record only`, `after award`: the keywords a property starts with, as one phrase.
            const phrase = leadingKeywords(parts);
            if (phrase.length > 1) return [phrase.join(' ')];
            const words: string[] = [];
            for (const part of parts) {
                words.push(...this.firstWords(part, visiting));
                if (part.cardinality !== '?' && part.cardinality !== '*') break;
            }
            return words;
        }
        return [];
    }

    /**
     * A keyword that only ever starts a phrase in the rule being read, as that phrase: after
     * `weighting`, 'at' is really 'at least'.
     */
    private keywordPhrase(token: string, stack: string[]): string {
        const rule = this.rules.get(stack[stack.length - 1] ?? '');
        if (!rule || !/^[a-z]/i.test(token)) return token;
        const phrases = new Set<string>();
        const visit = (element: GrammarAST.AbstractElement, depth: number): void => {
            if (depth > 6) return;
            if (GrammarAST.isGroup(element)) {
                const parts = element.elements.filter(e => !GrammarAST.isAction(e));
                parts.forEach((part, index) => {
                    if (!GrammarAST.isKeyword(part)) {
                        visit(part, depth + 1);
                    } else if (part.value === token) {
                        phrases.add(part.cardinality ? token : leadingKeywords(parts.slice(index)).join(' '));
                    }
                });
            } else if (GrammarAST.isKeyword(element)) {
                if (element.value === token) phrases.add(token);
            } else if (GrammarAST.isAlternatives(element) || GrammarAST.isUnorderedGroup(element)) {
                element.elements.forEach(e => visit(e, depth + 1));
            } else if (GrammarAST.isAssignment(element)) {
                visit(element.terminal, depth + 1);
            } else if (GrammarAST.isRuleCall(element) && GrammarAST.isParserRule(element.rule.ref) && element.rule.ref.fragment) {
                visit(element.rule.ref.definition, depth + 1);
            }
        };
        visit(rule.definition, 0);
        return phrases.size === 1 ? [...phrases][0] : token;
    }

    /** The token types a parser error says were expected (keywords by their text). */
    private expectedTokens(error: ParserError): string[] {
        const message = error.message;
        const mismatch = /^Expecting (?:token of type '(.+?)'|keyword '(.+?)'|`(.+?)`) but found/s.exec(message);
        if (mismatch) return [mismatch[1] ?? mismatch[2] ?? mismatch[3]];
        if (/^Expecting end of file/.test(message) || /expecting EOF/.test(message)) return [];
        // NoViableAlt: "1. [ID]\n 2. [MONEY]"; EarlyExit: "<[ID] ,[MONEY]>". Take each path's first token.
        const paths = [...message.matchAll(/\[([^\]]*)\]/g)].map(match => match[1].split(/,\s*/)[0].trim()).filter(Boolean);
        return this.withoutNameKeywords(unique(paths));
    }

    /** Where a name may be written, the keywords that are also names are not listed besides "a name". */
    private withoutNameKeywords(tokens: string[]): string[] {
        return tokens.includes('ID') ? tokens.filter(token => !this.nameKeywords.has(token)) : tokens;
    }

    /** A plain-English message for one lexer error. */
    lexerErrorMessage(text: string): string {
        text = text.trim() || text;
        const shown = text.length > 20 ? `${text.slice(0, 20)}...` : text;
        if (text.startsWith('"') || text.startsWith("'")) {
            return `This ${text[0]} starts a text that is never closed. Add the closing ${text[0]} where the text ends.`;
        }
        const notable = firstNotableCharacter(text);
        if (notable) {
            // Name the character by code point: a look-alike or an invisible one cannot be found by eye.
            const fix = fixFor(notable) || 'Write names with letters, digits and _; put any other text in double quotes.';
            return `The character ${describeCharacter(notable)} cannot be used here. ${fix}`;
        }
        if (text.length === 1) {
            return `The character '${shown}' cannot be used here. Write names with letters, digits and _; put any other text in double quotes.`;
        }
        return `The characters '${shown}' cannot be used here. Write names with letters, digits and _; put any other text in double quotes.`;
    }
}

/** Rules written as `NAME { ... }` blocks, and what officers call them. */
const BLOCK_NOUNS: Record<string, string> = {
    FrameworkHeader: 'framework header',
    ProxyDeclaration: 'proxy',
    InlineProxy: 'proxy',
    Scale: 'scale',
    Theme: 'theme',
    Outcome: 'outcome',
    Measure: 'measure',
    MethodQuestion: 'question',
    Gate: 'gate',
    Evaluation: 'evaluation block',
    Rule: 'rule'
};

/** What a declaration's name names, as the end of a suggested name (`measureUnit`). */
const NAMED_KINDS: Record<string, string> = {
    FrameworkHeader: 'Framework', Unit: 'Unit', ProxyDeclaration: 'Proxy', Scale: 'Scale', Theme: 'Theme', Outcome: 'Outcome',
    Measure: 'Measure', MethodQuestion: 'Question', Gate: 'Gate', Rule: 'Rule', FlagFact: 'Flag', ChoiceFact: 'Choice',
    SetFact: 'Set', CriterionProperty: 'Criterion'
};

const TOKEN_DESCRIPTIONS: Record<string, string> = {
    STRING: 'a text in double quotes',
    ID: 'a name',
    NUMBER: 'a number',
    MONEY: 'an amount of money such as £1,250',
    PERCENT: 'a percentage such as 10%',
    VERSION: 'a version such as 1.0.0',
    EOF: 'the end of the file'
};

function describeExpected(token: string): string {
    return TOKEN_DESCRIPTIONS[token] ?? `'${token}'`;
}

function describeFound(token: Token): string {
    if (!isRealToken(token)) return 'the end of the file';
    const image = token.image.length > 30 ? `${token.image.slice(0, 30)}...` : token.image;
    return `'${image}'`;
}

/** Tokens Chevrotain invents during recovery, or the end of input, have no position. */
function isRealToken(token: Token): boolean {
    return token.image !== '' && Number.isFinite(token.startOffset) && token.startOffset >= 0 && token.tokenType?.name !== 'EOF';
}

/** The elements between a rule's `{` and `}`, or the whole body of a rule without braces. */
function blockElements(rule: GrammarAST.ParserRule): GrammarAST.AbstractElement[] {
    const body = rule.definition;
    if (!GrammarAST.isGroup(body)) return [body];
    const open = body.elements.findIndex(e => GrammarAST.isKeyword(e) && e.value === '{');
    const close = body.elements.findIndex(e => GrammarAST.isKeyword(e) && e.value === '}');
    return open >= 0 && close > open ? body.elements.slice(open + 1, close) : body.elements;
}

function article(noun: string): string {
    return /^[aeiou]/.test(noun) ? 'an' : 'a';
}

function joinAlternatives(items: string[]): string {
    if (items.length <= 1) return items[0] ?? 'something else';
    return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The keywords a group starts with, each written exactly once (`after award`, `record only`). */
function leadingKeywords(parts: GrammarAST.AbstractElement[]): string[] {
    const words: string[] = [];
    for (const part of parts) {
        if (!GrammarAST.isKeyword(part) || part.cardinality || !/^[a-z]/i.test(part.value)) break;
        words.push(part.value);
    }
    return words;
}

/**
 * Phrases sharing a first word with another entry are listed by that word alone (`include`
 * for `include` and `include chosen`, `override` for its seven kinds), unless they are a pair
 * of two words each (`unmet minimum`, `unmet ratio`).
 */
function withoutLongerPhrases(words: string[]): string[] {
    const first = (word: string) => word.split(' ')[0];
    const byFirst = new Map<string, string[]>();
    for (const word of words) byFirst.set(first(word), [...byFirst.get(first(word)) ?? [], word]);
    return unique(words.map(word => {
        const same = byFirst.get(first(word))!;
        const collapse = same.length > 2 || (same.length === 2 && !same.every(phrase => phrase.split(' ').length === 2));
        return collapse ? first(word) : word;
    }));
}

function unique<T>(items: T[]): T[] {
    return [...new Set(items)];
}

/** " Did you mean 'unit'?" when a word is one or two typos away from one that fits. */
function suggestion(word: string, candidates: string[]): string {
    if (!/^[A-Za-z_]\w*$/.test(word)) return '';
    let best: { candidate: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const first = candidate.split(' ')[0];
        if (!/^[a-z]/i.test(first) || TOKEN_DESCRIPTIONS[first]) continue;
        const distance = spellingDistance(word, first);
        if (distance <= Math.min(2, Math.floor(first.length / 3)) && (!best || distance < best.distance)) {
            best = { candidate: first, distance };
        }
    }
    return best ? ` Did you mean '${best.candidate}'?` : '';
}


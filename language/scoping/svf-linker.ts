import { DECLARATION_KINDS, type DeclarationType } from '../declaration-kinds.js';
import { AstUtils, CstUtils, DefaultLinker, isLeafCstNode, type AstNodeDescription, type CstNode, type LangiumCoreServices, type LinkingError, type ReferenceInfo } from 'langium';
import { isElementSelection, isOutcome } from '../generated/ast.js';
import type { SvfScopeProvider } from './svf-scope-provider.js';

/** References that take more than one kind of declaration, and how messages speak of them. */
const UNION_KINDS: Record<string, { noun: string; plural: string; declare: string }> = {
    RequireSource: { noun: 'theme or outcome', plural: 'themes or outcomes', declare: 'theme NAME "title" { ... }` or `outcome NAME "title" { ... }' }
};

/** What an `include`/`exclude`/`covers` selection calls each kind it can take. */
const SELECTION_WORDS: Partial<Record<DeclarationType, string>> = {
    Theme: 'themes', Measure: 'measures', MethodQuestion: 'questions', Gate: 'gates'
};

/** How many names of the right kind a message lists. */
const NAMES_LISTED = 5;

/** A linking error whose name is declared, but as a declaration of another kind. */
export interface WrongKindLinkingError extends LinkingError {
    wrongKind: true;
}

export function isWrongKindLinkingError(error: LinkingError | undefined): error is WrongKindLinkingError {
    return !!error && (error as Partial<WrongKindLinkingError>).wrongKind === true;
}

export class SvfLinker extends DefaultLinker {
    private readonly svfScopeProvider: SvfScopeProvider;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.svfScopeProvider = services.references.ScopeProvider as SvfScopeProvider;
    }

    override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const type = this.reflection.getReferenceType(refInfo);
        const kind = UNION_KINDS[type] ?? DECLARATION_KINDS[type as DeclarationType] ?? { noun: type, declare: type };
        const name = refInfo.reference.$refText;
        const other = this.declaredAsOtherKind(refInfo, type, name);
        if (other) {
            return { ...error, wrongKind: true, message: this.wrongKindMessage(refInfo, type, name, other) } as WrongKindLinkingError;
        }
        return {
            ...error,
            message: `Unknown ${kind.noun} '${name}'. Check the spelling, declare it with \`${kind.declare}\`, or import the file that declares it.`
        };
    }

    /** The visible declaration of another kind with this name, if there is one. */
    private declaredAsOtherKind(refInfo: ReferenceInfo, type: string, name: string): AstNodeDescription | undefined {
        if (!name) return undefined;
        for (const other of Object.keys(DECLARATION_KINDS)) {
            if (other === type || this.reflection.isSubtype(other, type)) continue;
            const found = this.svfScopeProvider.visibleDeclaration(refInfo, other, name);
            if (found) return found;
        }
        return undefined;
    }

    /**
     * "'o1' is an outcome, not a theme; `include themes` takes themes. Write `include measures
     * NT1, NT2` for its measures, or name a theme: jobs, growth."
     */
    private wrongKindMessage(refInfo: ReferenceInfo, type: string, name: string, other: AstNodeDescription): string {
        const expected = UNION_KINDS[type] ?? { ...DECLARATION_KINDS[type as DeclarationType], plural: plural(DECLARATION_KINDS[type as DeclarationType].noun) };
        const found = DECLARATION_KINDS[other.type as DeclarationType];
        const phrase = statementPhrase(refInfo);
        const takes = phrase ? ` \`${phrase}\` takes ${expected.plural}.` : '';
        const hints: string[] = [];
        const selection = refInfo.container;
        if (isElementSelection(selection)) {
            const verb = phrase.split(' ').slice(0, -1).join(' ') || phrase;
            const word = SELECTION_WORDS[other.type as DeclarationType];
            if (word) {
                hints.push(`Write \`${verb} ${word} ${name}\` for that ${found.noun}`);
            } else if (other.type === 'Outcome') {
                const outcome = this.loadAstNode(other);
                const measures = isOutcome(outcome) ? outcome.measures.map(measure => measure.name) : [];
                hints.push(`Write \`${verb} measures ${measures.length > 0 ? listed(measures) : '...'}\` for its measures`);
            }
        }
        const candidates = this.svfScopeProvider.getScope(refInfo).getAllElements().map(description => description.name)
            .filter(candidate => !candidate.includes('.')).distinct().toArray().sort();
        if (candidates.length > 0) hints.push(`name ${article(expected.noun)} ${expected.noun}: ${listed(candidates)}`);
        const advice = hints.length > 0 ? ` ${capitalise(hints.join(', or '))}.` : '';
        return `'${name}' is ${article(found.noun)} ${found.noun}, not ${article(expected.noun)} ${expected.noun};${takes}${advice}`;
    }
}

/**
 * The words of the statement before the reference (`include themes`, `covers themes`,
 * `require 1 from`, `minimum`): its keywords and figures up to the first name.
 */
function statementPhrase(refInfo: ReferenceInfo): string {
    const container = refInfo.container;
    if (isElementSelection(container)) {
        const node = container.$cstNode;
        const previous = node ? CstUtils.getPreviousNode(node, false) : undefined;
        return [previous?.text, container.kind].filter(Boolean).join(' ');
    }
    const firstReference = Math.min(...AstUtils.streamReferences(container).toArray().map(ref => ref.reference.$refNode?.offset ?? Infinity));
    const words: string[] = [];
    for (const leaf of CstUtils.streamCst(container.$cstNode as CstNode)) {
        if (!isLeafCstNode(leaf) || leaf.hidden) continue;
        if (leaf.offset >= firstReference || leaf.tokenType.name === 'STRING') break;
        words.push(leaf.text);
    }
    return words.join(' ');
}

function plural(noun: string): string {
    return noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

/** 'an outcome', 'a unit', 'a theme'. */
function article(noun: string): string {
    return /^([aeio]|u(?!ni))/.test(noun) ? 'an' : 'a';
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function listed(names: string[]): string {
    return names.length > NAMES_LISTED ? `${names.slice(0, NAMES_LISTED).join(', ')}, ...` : names.join(', ');
}

import { DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';

/** What each kind of declaration is called in messages, and how to declare one. */
const REFERENCE_KINDS: Record<string, { noun: string; declare: string }> = {
    Unit: { noun: 'unit', declare: 'unit NAME "label"' },
    ProxyDeclaration: { noun: 'financial proxy', declare: 'proxy NAME = £VALUE per UNIT' },
    Scale: { noun: 'scoring scale', declare: 'scale NAME "title" { ... }' },
    Theme: { noun: 'theme', declare: 'theme NAME "title" { ... }' },
    Outcome: { noun: 'outcome', declare: 'outcome NAME "title" { ... } inside a theme' },
    Measure: { noun: 'measure', declare: 'measure CODE "title" { ... } inside an outcome' },
    MethodQuestion: { noun: 'method-statement question', declare: 'question NAME "title" { ... }' },
    Gate: { noun: 'pass/fail gate', declare: 'gate NAME "title" { ... }' }
};

export class SvfLinker extends DefaultLinker {
    override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const type = this.reflection.getReferenceType(refInfo);
        const kind = REFERENCE_KINDS[type] ?? { noun: type, declare: type };
        const name = refInfo.reference.$refText;
        return {
            ...error,
            message: `Unknown ${kind.noun} '${name}'. Check the spelling, declare it with \`${kind.declare}\`, or import the file that declares it.`
        };
    }
}

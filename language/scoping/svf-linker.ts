import { DECLARATION_KINDS } from '../declaration-kinds.js';
import { DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';

export class SvfLinker extends DefaultLinker {
    override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const type = this.reflection.getReferenceType(refInfo);
        const kind = DECLARATION_KINDS[type as keyof typeof DECLARATION_KINDS] ?? { noun: type, declare: type };
        const name = refInfo.reference.$refText;
        return {
            ...error,
            message: `Unknown ${kind.noun} '${name}'. Check the spelling, declare it with \`${kind.declare}\`, or import the file that declares it.`
        };
    }
}

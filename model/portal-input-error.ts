/**
 * Input to the portal API (applyContractProfile, parseContractProfile, evaluateCondition)
 * that it cannot use. `path` is a JSON Pointer (RFC 6901) to the offending value, from the
 * arguments: `/questionSet/rules/3/condition/all/0/op`, `/rubric/framework`,
 * `/profile/contractValue` ('' for an argument itself). The message says what is wrong and
 * how to fix it, in plain English, and starts with the path.
 */
export class PortalInputError extends Error {
    override readonly name: string = 'PortalInputError';

    constructor(readonly path: string, message: string) {
        super(message);
    }
}

/** A JSON Pointer with one more step. */
export function pointer(path: string, key: string | number): string {
    return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

import { pointer, PortalInputError } from '../model/portal-input-error.js';

/** Rule conditions may nest all/any/not at most this deep. */
export const MAX_CONDITION_DEPTH = 64;
/** No question set, rubric or profile nests deeper than this (conditions included). */
export const MAX_JSON_DEPTH = 2 * MAX_CONDITION_DEPTH + 32;

interface Frame {
    value: unknown;
    path: string;
    depth: number;
    /** How deep in a rule's condition this value is: 0 outside conditions. */
    conditionDepth: number;
    /** The value's key in its parent and whether the parent is a rule (for spotting conditions). */
    key: string;
    parentIsRule: boolean;
    exit?: true;
}

const ADVICE = 'Pass plain JSON data, e.g. the result of JSON.parse.';

/**
 * Checks, without recursion, that a value is plain JSON data before a schema validator
 * (which recurses) sees it: no cycles, no NaN or Infinity, no functions, undefined array
 * entries, bigints or symbols, only plain objects and arrays (no Date, Map or class
 * instances), rule conditions nested at most MAX_CONDITION_DEPTH levels and everything at
 * most MAX_JSON_DEPTH. Undefined object properties are allowed: they count as absent, as
 * in JSON.stringify. Throws PortalInputError at the first problem.
 */
export function checkJsonStructure(value: unknown, path: string): void {
    const onPath = new Map<object, string>();
    const stack: Frame[] = [{ value, path, depth: 0, conditionDepth: 0, key: '', parentIsRule: false }];
    while (stack.length > 0) {
        const frame = stack.pop()!;
        const current = frame.value;
        if (frame.exit) {
            onPath.delete(current as object);
            continue;
        }
        checkScalar(current, frame.path);
        if (typeof current !== 'object' || current === null) continue;
        const seen = onPath.get(current);
        if (seen !== undefined) {
            throw new PortalInputError(frame.path, `${frame.path} contains itself: it is the same object as ${seen || 'the argument'}, so the data has a cycle and is not JSON. ${ADVICE}`);
        }
        if (frame.conditionDepth > MAX_CONDITION_DEPTH) {
            throw new PortalInputError(frame.path, `${frame.path}: this rule's condition nests all/any/not more than ${MAX_CONDITION_DEPTH} levels deep. Simplify the condition; no framework needs that many levels.`);
        }
        if (frame.depth > MAX_JSON_DEPTH) {
            throw new PortalInputError(frame.path, `${frame.path}: the data nests more than ${MAX_JSON_DEPTH} levels deep, deeper than any question set, rubric or contract profile. Pass the outputs of svf compile and a contract profile.`);
        }
        if (Array.isArray(current)) {
            onPath.set(current, frame.path);
            stack.push({ ...frame, exit: true });
            // In reverse, so that the first problem in document order is the one reported.
            for (let index = current.length - 1; index >= 0; index--) {
                const item: unknown = current[index];
                const itemPath = pointer(frame.path, index);
                if (item === undefined) {
                    throw new PortalInputError(itemPath, `${itemPath} is ${index in current ? 'undefined' : 'missing (a hole in the array)'}, which JSON cannot hold. ${ADVICE}`);
                }
                const inConditionList = frame.conditionDepth > 0 && (frame.key === 'all' || frame.key === 'any');
                const isRule = frame.key === 'rules' && !inConditionList;
                stack.push({
                    value: item, path: itemPath, depth: frame.depth + 1,
                    conditionDepth: inConditionList ? frame.conditionDepth + 1 : 0,
                    key: String(index), parentIsRule: isRule
                });
            }
            continue;
        }
        const prototype = Object.getPrototypeOf(current) as unknown;
        if (prototype !== Object.prototype && prototype !== null) {
            const kind = (current as { constructor?: { name?: string } }).constructor?.name || 'object with a prototype';
            throw new PortalInputError(frame.path, `${frame.path || 'the argument'} is a ${kind}, not a plain JSON object. ${ADVICE}`);
        }
        onPath.set(current, frame.path);
        stack.push({ ...frame, exit: true });
        const entries = Object.entries(current);
        for (let index = entries.length - 1; index >= 0; index--) {
            const [key, item] = entries[index]!;
            if (item === undefined) continue;
            const conditionDepth = frame.parentIsRule && key === 'condition' ? 1
                : frame.conditionDepth > 0 && key === 'not' ? frame.conditionDepth + 1
                : frame.conditionDepth > 0 && (key === 'all' || key === 'any') ? frame.conditionDepth
                : 0;
            stack.push({ value: item, path: pointer(frame.path, key), depth: frame.depth + 1, conditionDepth, key, parentIsRule: false });
        }
    }
}

function checkScalar(value: unknown, path: string): void {
    const where = path || 'the argument';
    switch (typeof value) {
        case 'number':
            if (!Number.isFinite(value)) {
                throw new PortalInputError(path, `${where} is ${value}, which is not a JSON number. Give a finite number.`);
            }
            return;
        case 'string': case 'boolean': case 'object':
            return;
        case 'undefined':
            throw new PortalInputError(path, `${where} is undefined. ${ADVICE}`);
        default:
            throw new PortalInputError(path, `${where} is a ${typeof value}, which JSON cannot hold. ${ADVICE}`);
    }
}

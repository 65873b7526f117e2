import { pointer, PortalInputError } from '../model/portal-input-error.js';

/** Rule conditions may nest all/any/not at most this deep. */
export const MAX_CONDITION_DEPTH = 64;
/** No question set, rubric or profile nests deeper than this (conditions included). */
export const MAX_JSON_DEPTH = 2 * MAX_CONDITION_DEPTH + 32;

interface Frame {
    value: unknown;
    /** The frame of the containing object or array; paths are worked out only for errors. */
    parent: Frame | undefined;
    key: string;
    depth: number;
    /** How deep in a rule's condition this value is: 0 outside conditions. */
    conditionDepth: number;
    /** Whether the value is a rule (an item of a rules array), whose `condition` starts a condition. */
    isRule: boolean;
}

const ADVICE = 'Pass plain JSON data, e.g. the result of JSON.parse.';

function pathOf(frame: Frame, root: string): string {
    const keys: string[] = [];
    for (let current: Frame | undefined = frame; current?.parent; current = current.parent) keys.push(current.key);
    return keys.reverse().reduce(pointer, root);
}

/**
 * Checks, without recursion, that a value is plain JSON data before a schema validator
 * (which recurses) sees it: no cycles, no NaN or Infinity, no functions, undefined array
 * entries, bigints or symbols, only plain objects and arrays (no Date, Map or class
 * instances), rule conditions nested at most MAX_CONDITION_DEPTH levels and everything at
 * most MAX_JSON_DEPTH. Undefined object properties are allowed: they count as absent, as
 * in JSON.stringify. Throws PortalInputError at the first problem (`path` is the JSON
 * Pointer of the value itself).
 */
export function checkJsonStructure(value: unknown, path: string): void {
    const visited = new Set<object>();
    const stack: Frame[] = [{ value, parent: undefined, key: '', depth: 0, conditionDepth: 0, isRule: false }];
    while (stack.length > 0) {
        const frame = stack.pop()!;
        const current = frame.value;
        if (typeof current !== 'object' || current === null) {
            checkScalar(current, frame, path);
            continue;
        }
        if (visited.has(current)) {
            // Seen before: a cycle if it is one of its own containers, else data shared by two places (fine).
            for (let ancestor = frame.parent; ancestor; ancestor = ancestor.parent) {
                if (ancestor.value === current) {
                    const at = pathOf(frame, path);
                    throw new PortalInputError(at, `${at} contains itself: it is the same object as ${pathOf(ancestor, path) || 'the argument'}, so the data has a cycle and is not JSON. ${ADVICE}`);
                }
            }
            continue;
        }
        visited.add(current);
        if (frame.conditionDepth > MAX_CONDITION_DEPTH) {
            const at = pathOf(frame, path);
            throw new PortalInputError(at, `${at}: this rule's condition nests all/any/not more than ${MAX_CONDITION_DEPTH} levels deep. Simplify the condition; no framework needs that many levels.`);
        }
        if (frame.depth > MAX_JSON_DEPTH) {
            const at = pathOf(frame, path);
            throw new PortalInputError(at, `${at}: the data nests more than ${MAX_JSON_DEPTH} levels deep, deeper than any question set, rubric or contract profile. Pass the outputs of svf compile and a contract profile.`);
        }
        const depth = frame.depth + 1;
        if (Array.isArray(current)) {
            const inConditionList = frame.conditionDepth > 0 && (frame.key === 'all' || frame.key === 'any');
            const itemConditionDepth = inConditionList ? frame.conditionDepth + 1 : 0;
            const isRule = frame.key === 'rules' && !inConditionList;
            // In reverse, so that the first problem in document order is the one reported.
            for (let index = current.length - 1; index >= 0; index--) {
                const item: unknown = current[index];
                const child: Frame = { value: item, parent: frame, key: String(index), depth, conditionDepth: itemConditionDepth, isRule };
                if (item === undefined) {
                    const at = pathOf(child, path);
                    throw new PortalInputError(at, `${at} is ${index in current ? 'undefined' : 'missing (a hole in the array)'}, which JSON cannot hold. ${ADVICE}`);
                }
                stack.push(child);
            }
            continue;
        }
        const prototype = Object.getPrototypeOf(current) as unknown;
        if (prototype !== Object.prototype && prototype !== null) {
            const kind = (current as { constructor?: { name?: string } }).constructor?.name || 'object with a prototype';
            const at = pathOf(frame, path);
            throw new PortalInputError(at, `${at || 'the argument'} is a ${kind}, not a plain JSON object. ${ADVICE}`);
        }
        const keys = Object.keys(current);
        for (let index = keys.length - 1; index >= 0; index--) {
            const key = keys[index]!;
            const item = (current as Record<string, unknown>)[key];
            if (item === undefined) continue;
            const conditionDepth = frame.isRule && key === 'condition' ? 1
                : frame.conditionDepth > 0 && key === 'not' ? frame.conditionDepth + 1
                : frame.conditionDepth > 0 && (key === 'all' || key === 'any') ? frame.conditionDepth
                : 0;
            if (typeof item !== 'object' || item === null) {
                if (typeof item !== 'string' && typeof item !== 'boolean' && item !== null) checkScalar(item, { value: item, parent: frame, key, depth, conditionDepth, isRule: false }, path);
                continue;
            }
            stack.push({ value: item, parent: frame, key, depth, conditionDepth, isRule: false });
        }
    }
}

function checkScalar(value: unknown, frame: Frame, root: string): void {
    switch (typeof value) {
        case 'number':
            if (Number.isFinite(value)) return;
            break;
        case 'string': case 'boolean': case 'object':
            return;
    }
    const path = pathOf(frame, root);
    const where = path || 'the argument';
    if (typeof value === 'number') {
        throw new PortalInputError(path, `${where} is ${value}, which is not a JSON number. Give a finite number.`);
    }
    if (value === undefined) {
        throw new PortalInputError(path, `${where} is undefined. ${ADVICE}`);
    }
    throw new PortalInputError(path, `${where} is a ${typeof value}, which JSON cannot hold. ${ADVICE}`);
}

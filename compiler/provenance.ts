import { Decimal, decimalOf, moneyString } from '../model/amounts.js';
import type { ChainLink, OverrideRecord, PropertyChange } from '../model/extension.js';
import type { Framework, Overridable } from '../model/framework.js';
import type { FrameworkRef, Origin } from '../model/origin.js';
import type { ChainLinkJson, FrameworkRefJson, JsonValue, OverrideJson, PropertyChangeJson, Provenance } from './compiled-framework.js';
import { CompilerError } from './compiler-error.js';

/**
 * Provenance as the outputs carry it, for emit: where each question, proxy, scale, rule and
 * the evaluation comes from, and the chain of frameworks the outputs were compiled from.
 * Only ids, versions, reasons and values leave the model: never a file path, so the same
 * sources give the same bytes wherever they are checked out.
 */

/** The declaring framework and the overrides applied since (oldest first; empty when none). */
export function provenanceJson(declaration: Overridable & { origin: Origin }): Provenance {
    return {
        framework: frameworkRefJson(declaration.origin.framework),
        overrides: (declaration.overrides ?? []).map(overrideJson)
    };
}

/** The resolved chain, the compiled framework first; one link (from its identity) when the model has none. */
export function chainJson(framework: Framework): ChainLinkJson[] {
    const { identity } = framework;
    const chain: ChainLink[] = framework.chain.length > 0
        ? framework.chain
        : [{ id: identity.id, version: identity.version, package: identity.package ?? null, sourceHash: identity.sourceHash }];
    return chain.map(link => ({
        id: link.id,
        version: versionOf(link),
        package: link.package === null ? null : { name: link.package.name, version: link.package.version },
        sourceHash: link.sourceHash
    }));
}

/** `eastshire.socialValue 1.4.0 extends orbis.base 2.1.0 (from @orbis/social-value 2.1.3)`. */
export function describeChain(chain: ChainLinkJson[]): string {
    return chain
        .map(link => `${link.id} ${link.version}${link.package === null ? '' : ` (from ${link.package.name} ${link.package.version})`}`)
        .join(' extends ');
}

function frameworkRefJson(ref: FrameworkRef): FrameworkRefJson {
    return { id: ref.id, version: versionOf(ref) };
}

/** The validator requires a version in every framework's header; a model without one was not checked. */
function versionOf(ref: { id: string; version: string | null }): string {
    if (ref.version === null) throw new CompilerError(`Framework '${ref.id}' has no version. Add \`version 1.0.0\` to its header.`);
    return ref.version;
}

function overrideJson(record: OverrideRecord): OverrideJson {
    return {
        framework: frameworkRefJson(record.framework),
        reason: record.reason,
        changes: record.changes.filter(change => !SOURCE_POSITION_KEYS.has(change.property)).map(changeJson)
    };
}

/** Where things were written: for the editor and the diagnostics, never for the outputs. */
const SOURCE_POSITION_KEYS = new Set(['origin', 'origins', 'effectOrigins']);

/** Properties (at the top of a change) and keys (inside one) whose decimals are money. */
const MONEY_PROPERTIES = new Set(['value', 'netValuePerUnit']);
const MONEY_KEYS = new Set(['amount']);
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

function changeJson(change: PropertyChange): PropertyChangeJson {
    const money = MONEY_PROPERTIES.has(change.property);
    return { property: change.property, previous: changeValueJson(change.previous, money), value: changeValueJson(change.value, money) };
}

/**
 * A changed value as JSON: money as a string with two decimals (as everywhere in the
 * outputs), other decimals as exact decimal strings, absent values as null.
 */
function changeValueJson(value: unknown, money: boolean): JsonValue {
    if (value === undefined || value === null) return null;
    if (Decimal.isDecimal(value)) return money ? moneyString(value) : (value as Decimal).toString();
    if (typeof value === 'string') return money && DECIMAL_TEXT.test(value) ? moneyString(decimalOf(value)) : value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map(item => changeValueJson(item, money));
    if (typeof value === 'object') {
        const result: { [key: string]: JsonValue } = {};
        for (const [key, item] of Object.entries(value)) {
            if (SOURCE_POSITION_KEYS.has(key) || item === undefined) continue;
            result[key] = changeValueJson(item, MONEY_KEYS.has(key));
        }
        return result;
    }
    return null;
}

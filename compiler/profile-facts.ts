import type { Framework } from '../model/framework.js';
import { flagsTestedBy, nearestNames } from '../model/rules/condition-facts.js';
import { emptySelection, type ContractProfile, type RuleEffects } from '../model/rules/rule-types.js';
import type { ProfileFactsJson, QuestionSet, TailoringWarning } from './compiled-framework.js';
import { ProfileError } from './contract-profile.js';

/**
 * The question set's `profileFacts`: what a contract profile may say, from the framework's
 * `profile` block. A framework without one declares its flags by testing them in rules
 * (deprecated, the checker warns), so those are its flags.
 */
export function profileFactsJson(framework: Framework): ProfileFactsJson {
    const { profile } = framework;
    const flags = profile.declared
        ? profile.flags.map(flag => ({ id: flag.name, title: flag.title }))
        : flagsTestedBy(framework.rules.map(rule => rule.condition)).map(id => ({ id, title: null }));
    return {
        declared: profile.declared,
        flags: unique(flags),
        choices: unique(profile.choices.map(choice => ({ id: choice.name, title: choice.title, values: [...new Set(choice.values)] }))),
        sets: unique(profile.sets.map(set => ({ id: set.name, title: set.title, values: [...new Set(set.values)] }))),
        chosen: [...new Map(profile.chosen.map(chosen => [chosen.kind, { kind: chosen.kind, title: chosen.title }])).values()],
        categories: [...new Set(profile.categories.map(category => category.name))]
    };
}

/** The first declaration of each name (a name declared twice is the checker's error). */
function unique<T extends { id: string }>(list: T[]): T[] {
    const seen = new Set<string>();
    return list.filter(item => !seen.has(item.id) && Boolean(seen.add(item.id)));
}

/** TailoringWarningCodes.UnknownFlag (apply-profile.ts, which imports this module). */
const UNKNOWN_FLAG = 'profile/unknown-flag';

/** A profile's flags, facts and choices checked against the question set's profileFacts. */
type ProfileFactsSource = Pick<QuestionSet, 'profileFacts' | 'sections' | 'questions'>;

/**
 * Checks what a contract profile says against what the framework declares (profileFacts):
 * its category, flags, facts (a value of each declared choice; sets as lists of their
 * values) and chosen outcomes/themes. `path` is the profile's JSON Pointer in the caller's
 * arguments ('' for a profile on its own, '/profile' for applyContractProfile's). Throws
 * ProfileError at the first problem, naming what is declared; returns the warnings a
 * framework without a `profile` block gets instead (a flag none of its rules tests).
 */
export function checkProfileFacts(profile: ContractProfile, questionSet: ProfileFactsSource, path: string): TailoringWarning[] {
    const facts = questionSet.profileFacts;
    const refuse = (at: string, message: string): never => {
        throw new ProfileError(`${path}${at}`, `${path}${at}: ${message}`);
    };
    if (!facts.categories.includes(profile.category)) {
        refuse('/category', `'category' is ${JSON.stringify(profile.category)}, but it must be one of the framework's categories: ${quotedList(facts.categories, 'or')}.${didYouMean(profile.category, facts.categories)} Correct it.`);
    }
    const warnings: TailoringWarning[] = [];
    const flagNames = facts.flags.map(flag => flag.id);
    (profile.flags ?? []).forEach((flag, index) => {
        if (flagNames.includes(flag)) return;
        const hint = didYouMean(flag, flagNames);
        if (facts.declared) {
            const other = kindOf(facts, flag);
            if (other) refuse(`/flags/${index}`, `'${flag}' is a ${other}, not a flag: give it in "facts", e.g. "facts": {${factExample(facts, flag)}}.`);
            refuse(`/flags/${index}`, `'${flag}' is not a flag of this framework; ${flagNames.length === 0 ? 'it declares no flags' : `its flags are ${quotedList(flagNames)}`}.${hint} Correct it, or remove it.`);
        }
        warnings.push({
            code: UNKNOWN_FLAG,
            message: `Flag '${flag}' is not tested by any rule of this framework, so it changes nothing.${hint} ${flagNames.length === 0 ? 'Its rules test no flags.' : `The flags its rules test are ${quotedList(flagNames)}.`}`
        });
    });
    const given = profile.facts ?? {};
    for (const [name, value] of Object.entries(given)) {
        const at = `/facts/${name}`;
        const choice = facts.choices.find(candidate => candidate.id === name);
        const set = facts.sets.find(candidate => candidate.id === name);
        if (choice) {
            if (typeof value !== 'string') refuse(at, `'${name}' is a choice: give one of its values as a string, e.g. "${name}": "${choice.values[0]}".`);
            checkValue(value as string, choice, 'choice', at, refuse);
        } else if (set) {
            if (!Array.isArray(value)) refuse(at, `'${name}' is a set: give a list of its values, e.g. "${name}": ["${set.values[0]}"] (an empty list for none).`);
            (value as string[]).forEach((item, index) => checkValue(item, set, 'set', `${at}/${index}`, refuse));
        } else if (flagNames.includes(name)) {
            refuse(at, `'${name}' is a flag, not a choice or set: list it in "flags", e.g. "flags": ["${name}"].`);
        } else {
            const names = [...facts.choices, ...facts.sets].map(fact => fact.id);
            refuse(at, `'${name}' is not a declared fact of this framework; ${names.length === 0 ? 'it declares no choices or sets' : `its choices and sets are ${quotedList(names)}`}.${didYouMean(name, names)} Correct it, or remove it.`);
        }
    }
    for (const choice of facts.choices) {
        if (given[choice.id] === undefined) {
            refuse(`/facts/${choice.id}`, `the profile gives no value for choice '${choice.id}'${choice.title ? ` (${choice.title})` : ''}. Add one of ${quotedList(choice.values, 'or')}, e.g. "facts": {"${choice.id}": "${choice.values[0]}"}.`);
        }
    }
    for (const kind of ['outcomes', 'themes'] as const) {
        const chosen = profile.chosen?.[kind];
        if (chosen === undefined) continue;
        const noun = kind.slice(0, -1);
        if (!facts.chosen.some(declared => declared.kind === kind)) {
            refuse(`/chosen/${kind}`, `this framework does not let the buyer choose ${kind} (its \`profile\` block has no \`chosen ${kind}\`), so they cannot be given. Remove "${kind}" from "chosen".`);
        }
        const known = kind === 'themes' ? themesOf(questionSet) : outcomesOf(questionSet);
        chosen.forEach((id, index) => {
            if (!known.includes(id)) {
                refuse(`/chosen/${kind}/${index}`, `'${id}' is not ${noun === 'outcome' ? 'an' : 'a'} ${noun} of this framework; its ${kind} are ${quotedList(known)}.${didYouMean(id, known)} Correct it.`);
            }
        });
    }
    return warnings;
}

function checkValue(value: string, fact: { id: string; values: string[] }, kind: 'choice' | 'set', at: string, refuse: (at: string, message: string) => never): void {
    if (fact.values.includes(value)) return;
    refuse(at, `${JSON.stringify(value)} is not a value of ${kind} '${fact.id}'; its values are ${quotedList(fact.values, kind === 'choice' ? 'or' : 'and')}.${didYouMean(value, fact.values)} Correct it.`);
}

function kindOf(facts: ProfileFactsJson, name: string): 'choice' | 'set' | undefined {
    if (facts.choices.some(choice => choice.id === name)) return 'choice';
    if (facts.sets.some(set => set.id === name)) return 'set';
    return undefined;
}

function factExample(facts: ProfileFactsJson, name: string): string {
    const choice = facts.choices.find(candidate => candidate.id === name);
    if (choice) return `"${name}": "${choice.values[0]}"`;
    const set = facts.sets.find(candidate => candidate.id === name);
    return `"${name}": ["${set?.values[0] ?? ''}"]`;
}

/** The framework's outcomes and themes, as the question set's sections name them. */
export function outcomesOf(questionSet: Pick<QuestionSet, 'sections' | 'questions'>): string[] {
    const ids = new Set(questionSet.sections.flatMap(section => section.outcomes.map(outcome => outcome.outcome)));
    for (const question of questionSet.questions) {
        if (question.outcome) ids.add(question.outcome);
        question.outcomes?.forEach(outcome => ids.add(outcome));
    }
    return [...ids];
}

export function themesOf(questionSet: Pick<QuestionSet, 'sections' | 'questions'>): string[] {
    const ids = new Set(questionSet.sections.map(section => section.theme));
    for (const question of questionSet.questions) if (question.theme) ids.add(question.theme);
    return [...ids];
}

/**
 * `include chosen outcomes|themes`: the rule's effects with what the buyer chose added to
 * its `include`: a chosen outcome's measures and the method statements addressing it; a
 * chosen theme (and so its measures) and its method statements. A rule asking what was
 * chosen when the profile chose nothing is refused: the buyer must choose.
 */
export function includeChosen(effects: RuleEffects, ruleId: string, profile: ContractProfile, questionSet: ProfileFactsSource, path: string): RuleEffects {
    const kinds = effects.includeChosen ?? [];
    if (kinds.length === 0 || effects.noAsk) return effects;
    const include = structuredClone(effects.include ?? emptySelection());
    const add = (list: string[], id: string) => { if (!list.includes(id)) list.push(id); };
    for (const kind of kinds) {
        const chosen = profile.chosen?.[kind] ?? [];
        if (chosen.length === 0) {
            const known = kind === 'themes' ? themesOf(questionSet) : outcomesOf(questionSet);
            throw new ProfileError(`${path}/chosen/${kind}`, `${path}/chosen/${kind}: rule '${ruleId}' asks the ${kind} the buyer chose for this contract (\`include chosen ${kind}\`), but the profile chooses none. Choose at least one, e.g. "chosen": {"${kind}": ["${known[0] ?? ''}"]}; the framework's ${kind} are ${quotedList(known)}.`);
        }
        for (const question of questionSet.questions) {
            const addresses = kind === 'themes'
                ? question.theme !== null && chosen.includes(question.theme)
                : (question.outcome !== null && chosen.includes(question.outcome)) || (question.outcomes ?? []).some(outcome => chosen.includes(outcome));
            if (!addresses) continue;
            if (question.kind === 'commitment') add(include.measures, question.id);
            else if (question.kind === 'method-statement') add(include.questions, question.id);
        }
        if (kind === 'themes') chosen.forEach(theme => add(include.themes, theme));
    }
    return { ...effects, include };
}

/** '"a", "b" or "c"' */
function quotedList(items: readonly string[], conjunction = 'and'): string {
    const quoted = items.map(item => `'${item}'`);
    return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}

/** ' Did you mean 'boost'?' for the nearest declared names (case ignored), or ''. */
function didYouMean(written: string, names: readonly string[]): string {
    const near = nearestNames(written, names);
    return near.length === 0 ? '' : ` Did you mean ${quotedList(near, 'or')}?`;
}

import type { ChangeClass } from './diff-types.js';

/** One kind of change and what it means for members and portals. */
export interface ChangeKind {
    class: ChangeClass;
    /** For the README's table and `svf diff --format markdown`: what the kind means, and why it has its class. */
    description: string;
}

/**
 * The one classification table: every kind of change `svf diff` reports, with its class.
 * The diff takes each change's class from here and the README's table is rendered from here
 * (a test checks they agree), so the documented rules and the code cannot drift apart.
 *
 * The principle: breaking is what can make a member framework, a portal or a supplier's
 * answer that was valid against the old version invalid against the new one (a name they
 * refer to is gone, an answer they gave no longer fits, a contract is asked more); minor is
 * what adds or re-values without invalidating anything; patch is wording.
 */
export const CHANGE_KINDS = {
    // ---------------------------------------------------------------- breaking: names gone
    'unit-removed': { class: 'breaking', description: 'A unit is gone: measures and members that use it no longer resolve.' },
    'unit-renamed': { class: 'breaking', description: 'A unit has a new name (same label and kind): references by the old name break.' },
    'unit-kind-changed': { class: 'breaking', description: "A unit's kind changed, so the answer type of every measure in it changes." },
    'proxy-removed': { class: 'breaking', description: 'A financial proxy is gone: members that override or use it break.' },
    'proxy-renamed': { class: 'breaking', description: 'A proxy has a new name (same value and unit): overrides by the old name break.' },
    'proxy-unit-changed': { class: 'breaking', description: "A proxy's unit changed: its value is now per something else." },
    'scale-removed': { class: 'breaking', description: 'A scoring scale is gone.' },
    'scale-renamed': { class: 'breaking', description: 'A scale has a new name (same levels): references by the old name break.' },
    'scale-level-removed': { class: 'breaking', description: "A scale lost a level: answers scored at that level, and the scale's scores, change." },
    'scale-level-renamed': { class: 'breaking', description: "A scale level kept its label but has another score: the scale's scores changed." },
    'scale-level-added': { class: 'breaking', description: "A scale gained a level: the scale's scores changed, so marks out of it change." },
    'theme-removed': { class: 'breaking', description: 'A theme is gone, with what is in it.' },
    'theme-renamed': { class: 'breaking', description: 'A theme has a new name (same title or outcomes): `require ... from`, `add to theme` and portals refer to it by name.' },
    'outcome-removed': { class: 'breaking', description: 'An outcome is gone, with its measures.' },
    'outcome-renamed': { class: 'breaking', description: 'An outcome has a new name (same title or measures): questions and `add to outcome` refer to it by name.' },
    'outcome-theme-changed': { class: 'breaking', description: 'An outcome moved to another theme, and its measures with it: `require ... from` counts them elsewhere.' },
    'measure-removed': { class: 'breaking', description: 'A measure is gone: commitments, members and portals that use its code break.' },
    'measure-renamed': { class: 'breaking', description: 'A measure has a new code (same unit, proxy and ask or title): members and portals refer to codes.' },
    'measure-unit-changed': { class: 'breaking', description: "A measure's unit changed: committed quantities mean something else (and the answer type may change)." },
    'measure-theme-changed': { class: 'breaking', description: 'A measure moved to another theme: `require ... from` counts it elsewhere.' },
    'measure-limits-narrowed': { class: 'breaking', description: "A measure's answer limits narrowed (minimum raised or added, maximum lowered or added, whole numbers added): some valid answers become invalid." },
    'measure-categories-narrowed': { class: 'breaking', description: 'A measure is relevant to fewer contract categories: some contracts lose it.' },
    'question-removed': { class: 'breaking', description: 'A method-statement question is gone.' },
    'question-renamed': { class: 'breaking', description: 'A question has a new name (same scale and ask or title): references by the old name break.' },
    'question-scale-changed': { class: 'breaking', description: 'A question is scored on another scale: its answer type and scores change.' },
    'question-minimum-level-raised': { class: 'breaking', description: 'A question has a higher minimum level (or gained one): answers that passed may now disqualify a bid.' },
    'question-word-limit-narrowed': { class: 'breaking', description: 'A question has a lower word limit (or gained one): some answers become too long.' },
    'gate-removed': { class: 'breaking', description: 'A pass/fail gate is gone.' },
    'gate-renamed': { class: 'breaking', description: 'A gate has a new name (same ask or title): references by the old name break.' },
    'evaluation-scoring-stricter': { class: 'breaking', description: 'Bids are treated more strictly: an unmet minimum commitment or SV ratio now disqualifies instead of scoring zero, or record-only measures now count towards `select` limits, so a bid that was valid may be disqualified or invalid.' },
    'evaluation-removed': { class: 'breaking', description: 'The evaluation block is gone: bids can no longer be scored, and members that override it break.' },
    'rule-removed': { class: 'breaking', description: 'A proportionality rule is gone: members that override it or place rules before or after it break.' },
    'rule-renamed': { class: 'breaking', description: 'A rule has a new name (same condition and effects): overrides and placements by the old name break.' },
    'rule-contracts-lose-element': { class: 'breaking', description: 'Some contracts no longer get a measure, question or gate they used to get (see the rule outcomes).' },
    'measure-answer-changed': { class: 'breaking', description: "What a bidder answers to a measure changed (a number, yes or no, a choice, text or an attachment), or a choice lost options: answers given before may not fit." },
    'measure-stage-changed': { class: 'breaking', description: 'A measure moved between bid time and reporting after award (`after award ...`): bids that committed to it, or portals that ask it at bid time, no longer fit.' },
    'profile-fact-removed': { class: 'breaking', description: 'A contract profile fact (flag, choice, set or chosen outcomes/themes) is gone: profiles that give it are refused.' },
    'profile-fact-narrowed': { class: 'breaking', description: 'A choice or set fact lost values, or changed kind: profiles that give those values are refused.' },
    'profile-categories-narrowed': { class: 'breaking', description: 'Fewer contract categories are declared: profiles in a removed category are refused.' },
    'evaluation-weighting-floor-raised': { class: 'breaking', description: 'A weighting floor (`at least`) was raised or added: a buyer\'s weighting that was allowed may now be refused.' },
    'rule-contracts-stricter-ask': { class: 'breaking', description: 'Some contracts get a stricter ask: asked where they were not, or higher minimum commitments, ratio or KPIs, a narrower selection, more required themes.' },
    // ---------------------------------------------------------------- minor: additions, re-basing, loosening
    'unit-added': { class: 'minor', description: 'A new unit.' },
    'proxy-added': { class: 'minor', description: 'A new financial proxy.' },
    'proxy-value-changed': { class: 'minor', description: "A proxy's value changed (re-basing): social value figures move, no answer becomes invalid." },
    'proxy-price-year-changed': { class: 'minor', description: "A proxy's price year changed (re-basing)." },
    'proxy-adjustments-changed': { class: 'minor', description: "A proxy's deadweight, attribution, displacement or drop-off changed: its net value per unit moves." },
    'scale-added': { class: 'minor', description: 'A new scoring scale.' },
    'theme-added': { class: 'minor', description: 'A new theme.' },
    'outcome-added': { class: 'minor', description: 'A new outcome.' },
    'measure-added': { class: 'minor', description: 'A new measure.' },
    'measure-outcome-changed': { class: 'minor', description: 'A measure moved to another outcome of the same theme.' },
    'measure-limits-widened': { class: 'minor', description: "A measure's answer limits widened (minimum lowered or dropped, maximum raised or dropped, whole numbers dropped): every valid answer stays valid." },
    'measure-categories-widened': { class: 'minor', description: 'A measure is relevant to more contract categories.' },
    'measure-valuation-changed': { class: 'minor', description: 'A measure uses another proxy, became or stopped being record only, or became or stopped being multi year: its social value figures move.' },
    'question-added': { class: 'minor', description: 'A new method-statement question.' },
    'question-minimum-level-lowered': { class: 'minor', description: 'A question has a lower minimum level, or none: no answer that passed now disqualifies.' },
    'question-word-limit-widened': { class: 'minor', description: 'A question has a higher word limit, or none: every answer stays valid.' },
    'question-weight-changed': { class: 'minor', description: "A question's weight changed: marks move between questions." },
    'question-outcomes-changed': { class: 'minor', description: 'A question addresses other outcomes.' },
    'gate-added': { class: 'minor', description: 'A new pass/fail gate.' },
    'evaluation-added': { class: 'minor', description: 'An evaluation block where there was none.' },
    'evaluation-weighting-changed': { class: 'minor', description: 'The share of tender marks for social value changed.' },
    'evaluation-split-changed': { class: 'minor', description: 'The split between quantitative and qualitative marks changed.' },
    'evaluation-method-changed': { class: 'minor', description: 'Quantitative answers are scored by another method or target.' },
    'evaluation-scoring-looser': { class: 'minor', description: 'Bids are treated less strictly: an unmet minimum commitment or SV ratio now scores zero instead of disqualifying, or record-only measures no longer count towards `select` limits.' },
    'measure-answer-widened': { class: 'minor', description: 'A choice measure gained options: every answer stays valid.' },
    'measure-codes-changed': { class: 'minor', description: "A measure's or question's codes or tags changed: mappings onto other measure sets and the SDGs move." },
    'measure-reporting-frequency-changed': { class: 'minor', description: 'A reporting metric is reported after award at another frequency (monthly, quarterly, annually).' },
    'measure-horizon-changed': { class: 'minor', description: "A measure's horizon changed: which contracts it outlasts (and is excluded from or scaled for) changes." },
    'profile-fact-added': { class: 'minor', description: 'A new contract profile fact; rules that test it are classified by the rule-contracts kinds.' },
    'profile-fact-widened': { class: 'minor', description: 'A choice or set fact gained values: every profile stays valid.' },
    'profile-categories-widened': { class: 'minor', description: 'More contract categories are declared.' },
    'evaluation-criteria-changed': { class: 'minor', description: 'The award criteria changed (added, removed, reweighted or covering other themes or questions): marks move between them.' },
    'evaluation-weighting-floor-lowered': { class: 'minor', description: 'A weighting floor (`at least`) was lowered or removed: every weighting allowed before still is.' },
    'evaluation-measure-cap-changed': { class: 'minor', description: 'The cap on the share of quantitative marks one measure can earn changed.' },
    'evaluation-outlasting-changed': { class: 'minor', description: 'What happens to measures that outlast the contract (exclude or scale) changed.' },
    'rule-added': { class: 'minor', description: 'A new proportionality rule (what it does to contracts is classified by the rule-contracts kinds).' },
    'rule-changed': { class: 'minor', description: "A rule's condition or effects changed (what it does to contracts is classified by the rule-contracts kinds)." },
    'rule-order-changed': { class: 'minor', description: 'Rules are tried in another order (first match wins; what it does to contracts is classified by the rule-contracts kinds).' },
    'rule-contracts-looser-ask': { class: 'minor', description: 'Some contracts get another rule or ask that is equal or looser: nothing they were asked becomes stricter or goes.' },
    'framework-price-year-changed': { class: 'minor', description: "The framework's price year changed: proxies without their own price year are re-based." },
    'framework-status-changed': { class: 'minor', description: 'The framework became draft, published or retired.' },
    // ---------------------------------------------------------------- patch: wording
    'framework-wording-changed': { class: 'patch', description: "The framework's title, publisher or description changed." },
    'unit-wording-changed': { class: 'patch', description: "A unit's label changed." },
    'proxy-wording-changed': { class: 'patch', description: "A proxy's title or source changed." },
    'scale-wording-changed': { class: 'patch', description: "A scale's title changed." },
    'scale-level-wording-changed': { class: 'patch', description: "A scale level's label or descriptor changed (same score)." },
    'theme-wording-changed': { class: 'patch', description: "A theme's title or description changed." },
    'outcome-wording-changed': { class: 'patch', description: "An outcome's title or description changed." },
    'measure-wording-changed': { class: 'patch', description: "A measure's title, ask, guidance or evidence changed." },
    'question-wording-changed': { class: 'patch', description: "A question's title, ask, guidance or evidence changed." },
    'gate-wording-changed': { class: 'patch', description: "A gate's title, ask, guidance or evidence changed." },
    'rule-wording-changed': { class: 'patch', description: "A rule's title changed." }
} as const satisfies Record<string, ChangeKind>;

export type ChangeKindName = keyof typeof CHANGE_KINDS;

const CLASS_ORDER: Record<ChangeClass, number> = { breaking: 0, minor: 1, patch: 2 };

/** Breaking first: the order of the report's groups. */
export function classRank(changeClass: ChangeClass): number {
    return CLASS_ORDER[changeClass];
}

/**
 * The table as Markdown (Kind | Class | What it means), breaking, minor, then patch, each
 * group in the table's order: the README includes it verbatim.
 */
export function renderClassificationTable(): string {
    const rows = (Object.entries(CHANGE_KINDS) as Array<[string, ChangeKind]>)
        .map(([kind, entry], index) => ({ kind, entry, index }))
        .sort((a, b) => classRank(a.entry.class) - classRank(b.entry.class) || a.index - b.index)
        .map(({ kind, entry }) => `| \`${kind}\` | ${entry.class} | ${entry.description.replace(/\|/g, '\\|')} |`);
    return ['| Kind | Class | What it means |', '|---|---|---|', ...rows].join('\n') + '\n';
}

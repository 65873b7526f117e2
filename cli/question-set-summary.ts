import { formatPounds, type CompiledFramework, type Question, type QuestionSet, type Rubric } from '../compiler/index.js';
import { countOf } from './output.js';

/** The width of the label column, so the summary reads as a table. */
const LABEL_WIDTH = 14;

/**
 * A readable summary of a compiled question set for the person who ran `svf compile`:
 * which contract and rule it was tailored to, the weighting, how many questions of each
 * kind each section asks, and the selection constraints, minimums and targets.
 */
export function summariseCompiledFramework({ questionSet, rubric }: CompiledFramework): string[] {
    const lines = [
        row('Framework', describeFramework(questionSet)),
        row('Contract', describeContract(questionSet)),
    ];
    if (questionSet.profile) {
        lines.push(row('Rule applied', questionSet.ruleApplied
            ? `${questionSet.ruleApplied.id}${quoted(questionSet.ruleApplied.title)}`
            : 'none matched'));
    }
    if (!questionSet.socialValueAsked) {
        lines.push(row('Social value', 'not asked of this contract'));
        return [...lines, ...warningRows(questionSet)];
    }
    lines.push(row('Weighting', `${questionSet.weighting === null ? 'not set by the framework' : `${questionSet.weighting}% of total tender marks`}; ${describeSplit(rubric)}`));
    lines.push(...questionRows(questionSet));
    if (questionSet.profile) {
        lines.push(row('Selection', describeSelection(questionSet)));
        lines.push(...minimumCommitmentRows(questionSet));
        lines.push(row('Targets', describeTargets(questionSet)));
    }
    return [...lines, ...warningRows(questionSet)];
}

function describeFramework({ framework }: QuestionSet): string {
    return `${framework.id} ${framework.version}${quoted(framework.title)} (${framework.status})`;
}

function describeContract(questionSet: QuestionSet): string {
    const profile = questionSet.profile;
    if (!profile) {
        const rules = questionSet.rules ?? [];
        return rules.length === 0
            ? 'none given: untailored, and the framework has no proportionality rules'
            : `none given: untailored; ${countOf(rules.length, 'proportionality rule')} included for the portal to apply (${rules.map(rule => rule.id).join(', ')})`;
    }
    const parts = [`${formatPounds(profile.contractValue)} ${profile.category} contract`];
    if (profile.durationMonths !== null) parts.push(countOf(profile.durationMonths, 'month'));
    if (profile.flags.length > 0) parts.push(`flags: ${profile.flags.join(', ')}`);
    // Older applied profiles (schemaVersion < 1.4.0) have no facts or chosen outcomes.
    for (const [fact, value] of Object.entries(profile.facts ?? {})) parts.push(`${fact}: ${Array.isArray(value) ? value.join(', ') || 'none' : value}`);
    for (const kind of ['outcomes', 'themes'] as const) {
        const chosen = profile.chosen?.[kind] ?? [];
        if (chosen.length > 0) parts.push(`chosen ${kind}: ${chosen.join(', ')}`);
    }
    return parts.join(', ');
}

function describeSplit({ quantitative, qualitative }: Rubric): string {
    return `social value marks ${quantitative.shareOfSocialValueMarks}% for commitments (${quantitative.method} scoring), ${qualitative.shareOfSocialValueMarks}% for method statements`;
}

function questionRows(questionSet: QuestionSet): string[] {
    const byId = new Map(questionSet.questions.map(question => [question.id, question]));
    const rows = [row('Questions', `${questionSet.questions.length}: ${describeKinds(questionSet.questions)}`)];
    const sections = questionSet.sections.map(section => {
        const ids = new Set(section.outcomes.flatMap(outcome => outcome.questions));
        const questions = [...ids].map(id => byId.get(id)).filter((question): question is Question => question !== undefined);
        return { name: section.title ? `${section.title} (${section.theme})` : section.theme, kinds: describeKinds(questions) };
    });
    if (questionSet.gates.length > 0) {
        sections.push({ name: 'Pass/fail gates', kinds: questionSet.gates.join(', ') });
    }
    const width = Math.max(0, ...sections.map(section => section.name.length));
    rows.push(...sections.map(section => `  ${section.name.padEnd(width)}  ${section.kinds}`));
    return rows;
}

/** `2 commitments (1 record only), 1 method statement, 1 pass/fail gate` */
function describeKinds(questions: readonly Question[]): string {
    const commitments = questions.filter(question => question.kind === 'commitment');
    const recordOnly = commitments.filter(question => question.recordOnly).length;
    const parts: string[] = [];
    if (commitments.length > 0) {
        parts.push(countOf(commitments.length, 'commitment') + (recordOnly > 0 ? ` (${recordOnly} record only)` : ''));
    }
    const methodStatements = questions.filter(question => question.kind === 'method-statement').length;
    if (methodStatements > 0) parts.push(countOf(methodStatements, 'method statement'));
    const gates = questions.filter(question => question.kind === 'pass-fail').length;
    if (gates > 0) parts.push(countOf(gates, 'pass/fail gate'));
    return parts.length > 0 ? parts.join(', ') : 'none';
}

function describeSelection({ selection }: QuestionSet): string {
    const parts: string[] = [];
    const { minMeasures: min, maxMeasures: max } = selection;
    if (min !== null && max !== null) parts.push(`choose ${min} to ${max} measures`);
    else if (max !== null) parts.push(`at most ${countOf(max, 'measure')}`);
    else if (min !== null) parts.push(`at least ${countOf(min, 'measure')}`);
    for (const required of selection.requiredThemes) {
        parts.push(`at least ${required.minMeasures} from ${required.theme}`);
    }
    return parts.length > 0 ? parts.join('; ') : 'any measures';
}

function minimumCommitmentRows(questionSet: QuestionSet): string[] {
    const commitments = questionSet.selection.minimumCommitments;
    if (commitments.length === 0) return [row('Minimums', 'none')];
    return commitments.map((commitment, index) => {
        // Money measures carry their minimum as a money string; other measures as a number.
        const quantity = typeof commitment.quantity === 'string' ? formatPounds(commitment.quantity) : String(commitment.quantity);
        return row(index === 0 ? 'Minimums' : '', `${commitment.measure}: ${quantity} (${commitment.basis})`);
    });
}

function describeTargets({ targets }: QuestionSet): string {
    const parts: string[] = [];
    if (targets.minimumSvRatio !== null) {
        const amount = targets.minimumSocialValue === null ? '' : ` (${formatPounds(targets.minimumSocialValue)})`;
        parts.push(`social value of at least ${targets.minimumSvRatio}% of the contract value${amount}`);
    }
    if (targets.kpis !== null) parts.push(countOf(targets.kpis, 'published KPI'));
    return parts.length > 0 ? parts.join('; ') : 'none';
}

function warningRows({ warnings }: QuestionSet): string[] {
    return warnings.map(warning => row('Warning', `${warning.message} [${warning.code}]`));
}

function row(label: string, text: string): string {
    return `${label.padEnd(LABEL_WIDTH)}${text}`;
}

function quoted(title: string | null): string {
    return title ? ` "${title}"` : '';
}

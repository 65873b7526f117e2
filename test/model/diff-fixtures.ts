/**
 * A small framework and, for every kind of change in CHANGE_KINDS, an edit of its text that
 * makes that change: the fixture pairs of the diff tests, resolved from in-memory sources.
 */
import type { Framework } from '../../model/framework.js';
import { resolveSources } from './merge-fixtures.js';

export const DIFF_ROOT = '/svf-test/diff-base';

const NT3 = `        measure NT3 "Training weeks" {
            unit weeks
            proxy £100
            ask "How many training weeks?"
        }
`;

const SKILLS = `    outcome skills "Better skills" {
${NT3}    }
`;

const LOCAL_JOB = `proxy localJob "A local FTE job" = £30,000 per FTE {
    source "ONS"
    deadweight 10%
    attribution 5%
}
`;

const SMALL = `rule small "Small contracts" when contractValue < £100k {
    no ask
}
`;

const STANDARD = `rule standard "Standard" when contractValue >= £100k {
    ratio 10%
    select at most 6 measures
    require 1 from jobs
    include themes jobs, environment
    include questions MS1
    include gates livingWage
}
`;

const EVALUATION = `evaluation {
    weighting 10%
    split quantitative 60% qualitative 40%
    method relative
}
`;

const MS2 = `question MS2 "Carbon plan" {
    outcomes lowerCarbon
    scale quality
    weight 40%
}
`;

const GATE = `gate livingWage "Real Living Wage" {
    ask "Will you pay the Real Living Wage?"
}
`;

const ENVIRONMENT = `theme environment "Environment" {
    outcome lowerCarbon "Carbon is reduced" {
        measure RE1 "Carbon saved" {
            unit tonnes
            proxy £250
            ask "How many tonnes?"
        }
    }
}
`;

export const BASE_TEXT = `framework diff.base "Diff base" {
    version 1.0.0
    priceYear 2024
    publisher "Orbis"
    status draft
    description "A base to diff"
}

unit FTE "no. people FTE"
unit weeks "no. weeks"
unit tonnes "tonnes CO2e"

${LOCAL_JOB}
scale quality "Quality" {
    0 "None" "No answer"
    3 "Good" "Specific"
    5 "Excellent" "Evidenced"
}

theme jobs "Jobs" {
    description "Jobs for local people"
    outcome localEmployment "More local people in employment" {
        description "Employment"
        measure NT1 "Local FTE jobs" {
            unit FTE
            proxy localJob
            ask "How many local people will you employ (FTE)?"
            guidance "Count FTE"
            evidence "Payroll"
            minimum 1
            maximum 100
            categories services, works
        }
        measure NT2 "Apprenticeship weeks" {
            unit weeks
            proxy £250 {
                source "UCD"
                priceYear 2023
            }
            ask "How many apprenticeship weeks?"
        }
    }
${SKILLS}}

${ENVIRONMENT}
question MS1 "Employment plan" {
    outcomes localEmployment
    scale quality
    words 500
    weight 60%
    ask "Describe how you will recruit locally."
}

${MS2}
${GATE}
${EVALUATION}
${SMALL}${STANDARD}`;

/** An edit of the text: every occurrence of `from` becomes `to` (the fixture fails if there is none). */
export type Edit = [from: string, to: string];

export interface FixturePair {
    /** Edits that make the old side (none: the base). */
    before?: Edit[];
    /** Edits that make the new side, applied to the old side. */
    after: Edit[];
}

const YES_NO = 'scale yesNo "Yes or no" {\n    0 "No"\n    1 "Yes"\n}\n';

/** For each kind of change, a before/after pair that makes it. */
export const CHANGE_FIXTURES: Record<string, FixturePair> = {
    'unit-removed': { after: [['unit tonnes "tonnes CO2e"\n', '']] },
    'unit-renamed': { after: [['unit tonnes "tonnes CO2e"', 'unit tCO2e "tonnes CO2e"'], ['unit tonnes\n', 'unit tCO2e\n']] },
    'unit-kind-changed': { after: [['unit tonnes "tonnes CO2e"', 'unit tonnes "tonnes CO2e" money']] },
    'unit-added': { after: [['unit FTE "no. people FTE"\n', 'unit FTE "no. people FTE"\nunit hours "no. hours"\n']] },
    'unit-wording-changed': { after: [['"no. weeks"', '"number of weeks"']] },
    'proxy-removed': { after: [[LOCAL_JOB, '']] },
    'proxy-renamed': { after: [['proxy localJob "A local', 'proxy localFte "A local'], ['proxy localJob\n', 'proxy localFte\n']] },
    'proxy-unit-changed': { after: [['= £30,000 per FTE', '= £30,000 per weeks']] },
    'proxy-value-changed': { after: [['£30,000', '£31,000']] },
    'proxy-price-year-changed': { after: [['priceYear 2023', 'priceYear 2022']] },
    'proxy-adjustments-changed': { after: [['deadweight 10%', 'deadweight 15%']] },
    'proxy-added': { after: [[LOCAL_JOB, `${LOCAL_JOB}proxy volunteerHour = £16.93 per FTE {\n    source "Essex 2023"\n}\n`]] },
    'proxy-wording-changed': { after: [['source "ONS"', 'source "ONS ASHE 2025"']] },
    'scale-removed': { after: [['scale quality "Quality" {\n    0 "None" "No answer"\n    3 "Good" "Specific"\n    5 "Excellent" "Evidenced"\n}\n', '']] },
    'scale-renamed': { after: [['scale quality', 'scale qualityOfAnswer']] },
    'scale-added': { after: [['theme jobs', `${YES_NO}\ntheme jobs`]] },
    'scale-wording-changed': { after: [['"Quality" {', '"Quality of an answer" {']] },
    'scale-level-removed': { after: [['    3 "Good" "Specific"\n', '']] },
    'scale-level-renamed': { after: [['3 "Good"', '4 "Good"']] },
    'scale-level-added': { after: [['    0 "None" "No answer"\n', '    0 "None" "No answer"\n    1 "Poor" "Vague"\n']] },
    'scale-level-wording-changed': { after: [['"Specific"', '"Specific and timed"']] },
    'theme-removed': { after: [[ENVIRONMENT, '']] },
    'theme-renamed': { after: [['environment', 'green']] },
    'theme-added': { after: [[ENVIRONMENT, `${ENVIRONMENT}\ntheme social "Social" {\n}\n`]] },
    'theme-wording-changed': { after: [['"Jobs for local people"', '"Good jobs for local people"']] },
    'outcome-removed': { after: [[SKILLS, '']] },
    'outcome-renamed': { after: [['outcome skills', 'outcome training']] },
    'outcome-theme-changed': { after: [[SKILLS, ''], ['            ask "How many tonnes?"\n        }\n    }\n', `            ask "How many tonnes?"\n        }\n    }\n${SKILLS}`]] },
    'outcome-added': { after: [[SKILLS, `${SKILLS}    outcome fairWork "Fair work" {\n    }\n`]] },
    'outcome-wording-changed': { after: [['"Better skills"', '"Better skills for all"']] },
    'measure-removed': { after: [[NT3, '']] },
    'measure-renamed': { after: [['measure NT3', 'measure NT4']] },
    'measure-unit-changed': { after: [['            unit tonnes\n', '            unit weeks\n']] },
    'measure-theme-changed': { after: [[NT3, ''], ['            ask "How many tonnes?"\n        }\n', `            ask "How many tonnes?"\n        }\n${NT3}`]] },
    'measure-outcome-changed': { after: [[NT3, ''], ['            ask "How many apprenticeship weeks?"\n        }\n', `            ask "How many apprenticeship weeks?"\n        }\n${NT3}`]] },
    'measure-limits-narrowed': { after: [['minimum 1\n', 'minimum 2\n']] },
    'measure-limits-widened': { after: [['maximum 100\n', 'maximum 200\n']] },
    'measure-categories-narrowed': { after: [['categories services, works', 'categories works']] },
    'measure-categories-widened': { after: [['            categories services, works\n', '']] },
    'measure-valuation-changed': { after: [['            ask "How many training weeks?"\n', '            ask "How many training weeks?"\n            record only\n']] },
    'measure-added': { after: [[NT3, `${NT3}        measure NT5 "Work placements" {\n            unit weeks\n            ask "How many placement weeks?"\n        }\n`]] },
    'measure-wording-changed': { after: [['guidance "Count FTE"', 'guidance "Count full-time equivalents"']] },
    'question-removed': { after: [[MS2, '']] },
    'question-renamed': { after: [['question MS2', 'question MS3']] },
    'question-scale-changed': { after: [['theme jobs', `${YES_NO}\ntheme jobs`], ['    outcomes lowerCarbon\n    scale quality\n', '    outcomes lowerCarbon\n    scale yesNo\n']] },
    'question-word-limit-narrowed': { after: [['words 500', 'words 300']] },
    'question-minimum-level-raised': { after: [['    weight 60%\n', '    weight 60%\n    minimum level 3\n']] },
    'question-minimum-level-lowered': { before: [['    weight 60%\n', '    weight 60%\n    minimum level 5\n']], after: [['minimum level 5', 'minimum level 3']] },
    'question-word-limit-widened': { after: [['words 500', 'words 800']] },
    'question-weight-changed': { after: [['weight 60%', 'weight 70%']] },
    'question-outcomes-changed': { after: [['outcomes localEmployment\n', 'outcomes localEmployment, skills\n']] },
    'question-added': { after: [[MS2, `${MS2}\nquestion MS4 "Social plan" {\n    outcomes skills\n    scale quality\n}\n`]] },
    'question-wording-changed': { after: [['"Describe how you will recruit locally."', '"Describe how you will recruit and train locally."']] },
    'gate-removed': { after: [[GATE, '']] },
    'gate-renamed': { after: [['livingWage', 'realLivingWage']] },
    'gate-added': { after: [[GATE, `${GATE}gate ethicalCare "Ethical care charter" {\n    ask "Will you sign the charter?"\n}\n`]] },
    'gate-wording-changed': { after: [['"Will you pay the Real Living Wage?"', '"Will you pay at least the Real Living Wage?"']] },
    'evaluation-removed': { after: [[EVALUATION, '']] },
    'evaluation-added': { before: [[EVALUATION, '']], after: [[SMALL, `${EVALUATION}${SMALL}`]] },
    'evaluation-weighting-changed': { after: [['weighting 10%', 'weighting 20%']] },
    'evaluation-split-changed': { after: [['split quantitative 60% qualitative 40%', 'split quantitative 50% qualitative 50%']] },
    'evaluation-method-changed': { after: [['method relative', 'method absolute target £500k']] },
    'evaluation-scoring-stricter': { after: [['    method relative\n', '    method relative\n    unmet minimum disqualify\n']] },
    'evaluation-scoring-looser': { before: [['    method relative\n', '    method relative\n    record only counts\n']], after: [['    record only counts\n', '']] },
    'measure-answer-changed': { after: [['            ask "How many training weeks?"\n', '            ask "How many training weeks?"\n            answer text 200 words\n']] },
    'measure-answer-widened': { before: [['            ask "How many training weeks?"\n', '            ask "How many training weeks?"\n            answer one of "a", "b"\n']], after: [['answer one of "a", "b"', 'answer one of "a", "b", "c"']] },
    'measure-stage-changed': { after: [['            ask "How many training weeks?"\n', '            ask "How many training weeks?"\n            after award quarterly\n']] },
    'measure-reporting-frequency-changed': { before: [['            ask "How many training weeks?"\n', '            ask "How many training weeks?"\n            after award quarterly\n']], after: [['after award quarterly', 'after award annually']] },
    'measure-codes-changed': { after: [['            ask "How many training weeks?"\n', '            ask "How many training weeks?"\n            codes NT3a\n            tags sdg4\n']] },
    'measure-horizon-changed': { after: [['            ask "How many training weeks?"\n', '            ask "How many training weeks?"\n            horizon 52 weeks\n']] },
    'profile-fact-added': { after: [[SMALL, `profile {\n    flag lotted\n}\n${SMALL}`]] },
    'profile-fact-removed': { before: [[SMALL, `profile {\n    flag lotted\n    choice programme one of a, b\n}\n${SMALL}`]], after: [['    flag lotted\n', '']] },
    'profile-fact-narrowed': { before: [[SMALL, `profile {\n    choice programme one of a, b\n}\n${SMALL}`]], after: [['one of a, b', 'one of a']] },
    'profile-fact-widened': { before: [[SMALL, `profile {\n    choice programme one of a, b\n}\n${SMALL}`]], after: [['one of a, b', 'one of a, b, c']] },
    'profile-categories-narrowed': { before: [[SMALL, `profile {\n    categories goods, services, works, grants\n}\n${SMALL}`]], after: [[', grants', '']] },
    'profile-categories-widened': { after: [[SMALL, `profile {\n    categories goods, services, works, grants\n}\n${SMALL}`]] },
    'evaluation-weighting-floor-raised': { after: [['    weighting 10%\n', '    weighting at least 10%\n']] },
    'evaluation-weighting-floor-lowered': { before: [['    weighting 10%\n', '    weighting at least 10%\n']], after: [['    weighting at least 10%\n', '    weighting 10%\n']] },
    'evaluation-criteria-changed': { after: [['    weighting 10%\n', '    weighting 10%\n    criterion socialValue "Social value" 10% covers themes jobs, environment\n']] },
    'evaluation-measure-cap-changed': { after: [['    weighting 10%\n', '    weighting 10%\n    cap per measure 25%\n']] },
    'evaluation-outlasting-changed': { after: [['    weighting 10%\n', '    weighting 10%\n    outlasting measures exclude\n']] },
    'rule-removed': { after: [[SMALL, '']] },
    'rule-renamed': { after: [['rule small "', 'rule tiny "']] },
    'rule-added': { after: [[STANDARD, `rule huge "Huge contracts" when contractValue >= £10m {\n    ratio 20%\n}\n${STANDARD}`]] },
    'rule-changed': { after: [['ratio 10%', 'ratio 5%']] },
    'rule-order-changed': { after: [[`${SMALL}${STANDARD}`, `${STANDARD}${SMALL}`]] },
    'rule-wording-changed': { after: [['"Standard"', '"Standard contracts"']] },
    'rule-contracts-lose-element': { after: [['    include gates livingWage\n', '']] },
    'rule-contracts-stricter-ask': { after: [['ratio 10%', 'ratio 15%']] },
    'rule-contracts-looser-ask': { after: [['ratio 10%', 'ratio 5%']] },
    'framework-price-year-changed': { after: [['    priceYear 2024\n', '    priceYear 2025\n']] },
    'framework-status-changed': { after: [['status draft', 'status published']] },
    'framework-wording-changed': { after: [['publisher "Orbis"', 'publisher "Orbis Partnership"']] }
};

/** The text with the edits applied; throws when an edit's `from` is not in the text (a broken fixture). */
export function edited(text: string, edits: Edit[] = []): string {
    return edits.reduce((current, [from, to]) => {
        if (!current.includes(from)) throw new Error(`Fixture edit not applicable: ${JSON.stringify(from)}`);
        return current.split(from).join(to);
    }, text);
}

/** The framework of one source text (the entry file). */
export function resolveText(text: string, extra: Record<string, string> = {}): Promise<Framework> {
    return resolveSources(DIFF_ROOT, { 'framework.svf': text, ...extra });
}

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Synthetic but realistic frameworks for the benchmark: the units, proxies, scales,
 * themes, outcomes, measures, method statements, gates, evaluation and proportionality
 * rules of a real framework, repeated to the requested number of measures. The output
 * is valid SVF (the benchmark fails if `svf check` finds an error in it).
 */
export interface SyntheticFrameworkShape {
    /** How many measures to declare. */
    readonly measures: number;
    /** 1 puts everything in framework.svf; more spreads the same declarations over that many files. */
    readonly files: number;
}

/** Files that hold everything except themes when a framework is spread over several files. */
const SUPPORT_FILES = ['framework.svf', 'units.svf', 'proxies.svf', 'scales.svf', 'gates.svf', 'questions.svf', 'rules.svf'];

/** Themes in every synthetic framework, whatever its size, so that sizes differ only in measures. */
const THEME_COUNT = 43;
const OUTCOMES_PER_THEME = 4;

const UNITS = `unit FTE "no. people FTE" quantity
unit weeks "no. weeks" quantity
unit trainingHours "no. hrs x no. attendees" quantity
unit expertHours "no. staff expert hours" quantity
unit volunteerHours "no. staff volunteering hours" quantity
unit visits "no. of visits" quantity
unit localSpend "£" money
unit invested "£ invested including staff time" money
unit tonnes "tonnes" quantity
unit carbon "tonnes CO2e" quantity
unit share "%" percentage
unit narrative "free text" text
`;

const PROXIES = `proxy localJob "A local person in work for a year" = £28,560 per FTE {
    source "Illustrative value after ONS ASHE median earnings (2024 prices)"
    priceYear 2024
    deadweight 10%
    attribution 5%
}
proxy apprenticeWeek "A week of apprenticeship" = £312.50 per weeks {
    source "Illustrative value after the Unit Cost Database (2024 prices)"
    priceYear 2024
    deadweight 15%
}
proxy trainingHour "An hour of training for one attendee" = £24.80 per trainingHours {
    source "Illustrative value after the Unit Cost Database (2023 prices)"
    priceYear 2023
    attribution 10%
}
proxy schoolVisit "A school or college visit" = £145 per visits {
    source "Illustrative value after HM Treasury Green Book (2024 prices)"
    priceYear 2024
}
proxy localPound "£1 spent with local suppliers" = £0.63 per localSpend {
    source "Illustrative local multiplier after ONS input-output tables (2023 prices)"
    priceYear 2023
    displacement 20%
}
proxy communityPound "£1 invested in community projects" = £1.00 per invested {
    source "Illustrative value: cash and staff time at cost (2024 prices)"
    priceYear 2024
}
proxy carbonTonne "A tonne of CO2e avoided" = £256 per carbon {
    source "Illustrative value after DESNZ carbon values (2024 prices)"
    priceYear 2024
    deadweight 5%
}
proxy wasteTonne "A tonne of waste diverted from landfill" = £102.10 per tonnes {
    source "Illustrative value after the landfill tax rate (2024 prices)"
    priceYear 2024
}
`;

const SCALES = `scale fivePoint "0 to 5" {
    0 "Unacceptable" "No response, or a response that does not address the question"
    1 "Poor" "Generic commitments with no local detail"
    2 "Weak" "Some local detail but no timescales or evidence"
    3 "Satisfactory" "Specific commitments with timescales"
    4 "Good" "Specific, timed and evidenced commitments"
    5 "Excellent" "Specific, timed, evidenced and monitored commitments with named partners"
}
scale quartiles "0 to 100" {
    0 "Not met"
    25 "Partly met"
    50 "Met"
    75 "Well met"
    100 "Fully met"
}
`;

const GATES = `gate livingWage "Real Living Wage" {
    ask "Confirm that everyone working on the contract will be paid at least the Real Living Wage."
    evidence "Signed declaration; payroll sample on request"
}
gate modernSlavery "Modern slavery statement" {
    ask "Confirm that you publish a modern slavery statement and will keep it up to date."
}
`;

const EVALUATION = `evaluation {
    weighting 10%
    split quantitative 60% qualitative 40%
    method relative
}
`;

/** The rules of a typical council policy, tried in order; together they cover every contract. */
const RULES = `rule belowThreshold "No ask below £25k" when contractValue < £25k {
    no ask
}
rule lightTouch "Light ask from £25k to £100k" when contractValue from £25k to £100k {
    weighting 5%
    select at most 3 measures
}
rule largeLotted "Large lotted contracts" when lotted and contractValue >= £10m {
    weighting 20%
    select 3 to 6 measures
    require 1 from t01
    minimum NT1 1 per £1m
    ratio 10%
    kpis 3
}
rule large "Contracts of £5m or more" when contractValue >= £5m {
    weighting 20%
    select 3 to 6 measures
    require 1 from t01
    minimum NT1 1 per £1m
    kpis 3
}
rule midWorks "Works from £1m to £5m" when category is works and contractValue from £1m to £5m {
    weighting 10%
    select at most 6 measures
    require 1 from t01
    minimum NT2 10 per £1m
    ratio 5%
}
rule mid "Contracts from £100k to £5m" when contractValue from £100k to £5m {
    weighting 10%
    select at most 6 measures
    require 1 from t01
}

// The facts the rules test besides value, category and duration.
profile {
    flag lotted "The contract is let in lots"
}
`;

const THEME_TITLES = ['Jobs', 'Growth', 'Social', 'Environment', 'Innovation'];
const OUTCOME_TITLES = [
    'More local people in employment',
    'More opportunities for young people',
    'Thriving local businesses',
    'Stronger, more resilient communities',
    'Carbon emissions are reduced',
    'Less waste goes to landfill',
    'Better skills for the local workforce',
    'New ideas that help the area',
];

interface MeasureTemplate {
    title: string;
    unit: string;
    proxy?: string;
    wholeNumbers?: boolean;
    categories?: string;
    recordOnly?: boolean;
    ask: string;
}

// One of each real-world kind of measure: named proxies, inline proxies, record-only, category-specific.
const MEASURE_TEMPLATES: MeasureTemplate[] = [
    { title: 'Local people employed on the contract', unit: 'FTE', proxy: 'localJob', wholeNumbers: true, ask: 'How many local people (FTE) will you employ on the contract?' },
    { title: 'Apprenticeship weeks', unit: 'weeks', proxy: 'apprenticeWeek', wholeNumbers: true, ask: 'How many weeks of apprenticeships will the contract support?' },
    { title: 'Training for local people', unit: 'trainingHours', proxy: 'trainingHour', ask: 'How many hours of training will you give, times attendees?' },
    { title: 'Expert support for voluntary groups', unit: 'expertHours', proxy: '£101.00 { source "Essex County Council staff expert hour rate (2023)" priceYear 2023 }', ask: 'How many hours of staff expertise will you give to VCSEs?' },
    { title: 'Employee volunteering', unit: 'volunteerHours', proxy: '£16.93 { source "Essex County Council volunteering hour rate (2023)" priceYear 2023 deadweight 10% }', ask: 'How many hours will your staff volunteer locally?' },
    { title: 'School and college visits', unit: 'visits', proxy: 'schoolVisit', wholeNumbers: true, ask: 'How many careers visits to schools and colleges will you make?' },
    { title: 'Spend with local suppliers', unit: 'localSpend', proxy: 'localPound', ask: 'How much will you spend with suppliers based in the area?' },
    { title: 'Investment in community projects', unit: 'invested', proxy: 'communityPound', ask: 'How much will you invest in community projects, including staff time?' },
    { title: 'Carbon emissions avoided on site', unit: 'carbon', proxy: 'carbonTonne', categories: 'works', ask: 'How many tonnes of CO2e will your site practices avoid?' },
    { title: 'Waste diverted from landfill', unit: 'tonnes', proxy: 'wasteTonne', categories: 'goods, works', ask: 'How many tonnes of waste will you divert from landfill?' },
    { title: 'Zero-emission share of the fleet', unit: 'share', recordOnly: true, ask: 'What share of the vehicles on the contract will be zero emission?' },
    { title: 'Community engagement plan', unit: 'narrative', recordOnly: true, ask: 'Describe how you will engage local communities during the contract.' },
    { title: 'People from disadvantaged groups employed', unit: 'FTE', recordOnly: true, wholeNumbers: true, categories: 'services, works', ask: 'How many people from disadvantaged groups will you employ (reported, not scored)?' },
];

/** The files of a synthetic framework, keyed by path relative to its folder, in a stable order. */
export function generateSyntheticFramework(shape: SyntheticFrameworkShape): Map<string, string> {
    if (shape.files !== 1 && shape.files <= SUPPORT_FILES.length) {
        throw new Error(`A spread framework needs more than ${SUPPORT_FILES.length} files; got ${shape.files}.`);
    }
    const themes = Array.from({ length: THEME_COUNT }, (_, index) => themeText(index, shape.measures));
    const questions = questionsText();
    const header = `framework bench.synthetic "Synthetic benchmark framework (${shape.measures} measures)" {
    version 1.0.0
    currency GBP
    priceYear 2024
    publisher "SVF benchmark"
    status draft
    maxProxyAge 3
}
`;
    const files = new Map<string, string>();
    if (shape.files === 1) {
        files.set('framework.svf', [header, UNITS, PROXIES, SCALES, GATES, EVALUATION, ...themes, questions, RULES].join('\n'));
        return files;
    }
    const themeFiles = themeFileNames(shape.files - SUPPORT_FILES.length);
    const themesByFile = themeFiles.map(() => [] as string[]);
    themes.forEach((theme, index) => themesByFile[index % themeFiles.length].push(theme));
    const imports = (paths: string[]) => paths.map(p => `import "${p}"`).join('\n') + '\n';
    files.set('framework.svf', [imports(SUPPORT_FILES.slice(1).concat(themeFiles)), header, EVALUATION].join('\n'));
    files.set('units.svf', UNITS);
    files.set('proxies.svf', [imports(['units.svf']), PROXIES].join('\n'));
    files.set('scales.svf', SCALES);
    files.set('gates.svf', GATES);
    files.set('questions.svf', [imports(['scales.svf', ...themeFiles]), questions].join('\n'));
    files.set('rules.svf', [imports(themeFiles), RULES].join('\n'));
    themeFiles.forEach((file, index) => {
        files.set(file, [imports(['../units.svf', '../proxies.svf']), ...themesByFile[index]].join('\n'));
    });
    return files;
}

/** Writes a synthetic framework into `folder` (created if needed); returns the entry file. */
export function writeSyntheticFramework(folder: string, shape: SyntheticFrameworkShape): string {
    for (const [file, text] of generateSyntheticFramework(shape)) {
        const target = path.join(folder, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, text);
    }
    return path.join(folder, 'framework.svf');
}

function themeFileNames(count: number): string[] {
    return Array.from({ length: count }, (_, index) => `themes/theme-${twoDigits(index + 1)}.svf`);
}

function themeText(themeIndex: number, totalMeasures: number): string {
    const id = themeId(themeIndex);
    const title = `${THEME_TITLES[themeIndex % THEME_TITLES.length]} ${Math.floor(themeIndex / THEME_TITLES.length) + 1}`;
    const outcomes = Array.from({ length: OUTCOMES_PER_THEME }, (_, outcomeIndex) => {
        const globalOutcome = themeIndex * OUTCOMES_PER_THEME + outcomeIndex;
        const measures = measureNumbersOf(globalOutcome, totalMeasures).map(measureText).join('');
        return `    outcome ${id}o${outcomeIndex + 1} "${OUTCOME_TITLES[globalOutcome % OUTCOME_TITLES.length]}" {
        description "Synthetic outcome ${globalOutcome + 1} of the benchmark framework."
${measures}    }
`;
    }).join('');
    return `theme ${id} "${title}" {
    description "Synthetic theme ${themeIndex + 1}: what the council wants under this priority."
${outcomes}}
`;
}

/** Measure numbers (1-based) of one outcome: measures are dealt out evenly, in order. */
function measureNumbersOf(globalOutcome: number, totalMeasures: number): number[] {
    const outcomes = THEME_COUNT * OUTCOMES_PER_THEME;
    const first = Math.floor(globalOutcome * totalMeasures / outcomes);
    const next = Math.floor((globalOutcome + 1) * totalMeasures / outcomes);
    return Array.from({ length: next - first }, (_, index) => first + index + 1);
}

function measureText(number: number): string {
    const template = MEASURE_TEMPLATES[(number - 1) % MEASURE_TEMPLATES.length];
    const lines = [
        `unit ${template.unit}`,
        template.proxy ? `proxy ${template.proxy}` : undefined,
        `ask "${template.ask}"`,
        `guidance "Commit only to what the contract can deliver; quantities are monitored quarterly."`,
        `evidence "Quarterly monitoring returns with named records"`,
        template.recordOnly || template.unit === 'narrative' ? undefined : 'minimum 0',
        template.wholeNumbers ? 'whole numbers' : undefined,
        template.categories ? `categories ${template.categories}` : undefined,
        template.recordOnly ? 'record only' : undefined,
    ].filter((line): line is string => line !== undefined);
    return `        measure NT${number} "${template.title}" {
${lines.map(line => `            ${line}\n`).join('')}        }
`;
}

function questionsText(): string {
    // Whole-percent weights that add up to exactly 100 over one question per theme.
    const base = Math.floor(100 / THEME_COUNT);
    const remainder = 100 - base * THEME_COUNT;
    return Array.from({ length: THEME_COUNT }, (_, index) => {
        const id = themeId(index);
        const weight = base + (index < remainder ? 1 : 0);
        return `question ms${id} "How will you deliver ${THEME_TITLES[index % THEME_TITLES.length].toLowerCase()} outcomes?" {
    outcomes ${id}o1, ${id}o2
    scale ${index % 2 === 0 ? 'fivePoint' : 'quartiles'}
    words 500
    weight ${weight}%
    ask "Describe your approach, with timescales, named partners and how you will evidence delivery."
    guidance "Answers are scored on the scale shown; generic statements score poorly."
}
`;
    }).join('\n');
}

function themeId(index: number): string {
    return `t${twoDigits(index + 1)}`;
}

function twoDigits(value: number): string {
    return String(value).padStart(2, '0');
}

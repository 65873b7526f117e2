/**
 * Hand-made tailored rubrics (schemaVersion 1.3.0) for the scorer's tests: only the fields
 * the contract of issue 8 defines, with round figures a reader can check by hand.
 */
const provenance = { framework: { id: 'testshire', version: '1.0.0' }, overrides: [] };

export interface RubricOptions {
    method?: 'relative' | 'absolute';
    target?: { kind: 'money'; percent: null; amount: string } | { kind: 'share-of-contract-value'; percent: number; amount: string | null } | null;
    contractValue?: string;
    durationMonths?: number | null;
    weighting?: number | null;
    minMeasures?: number | null;
    maxMeasures?: number | null;
    minimumCommitments?: Array<{ measure: string; quantity: number | string; basis: string }>;
    requiredThemes?: Array<{ theme: string; minMeasures: number }>;
    minimumSvRatio?: number | null;
    unmetMinimum?: 'disqualify' | 'zero-quantitative';
    unmetRatio?: 'disqualify' | 'zero-quantitative';
    recordOnlyCounts?: boolean;
    minimumLevel?: number | null;
}

function proxy(id: string, value: string, deadweight: number, dropOff: number, netValuePerUnit: string) {
    return { id, title: null, value, priceYear: 2025, source: 'ILLUSTRATIVE', deadweight, attribution: 0, displacement: 0, dropOff, netValuePerUnit, provenance };
}

const fivePoint = { id: 'fivePoint', title: '0 to 5', levels: [0, 1, 2, 3, 4, 5].map(score => ({ score, label: `Level ${score}`, descriptor: null })), provenance };
const quarterSteps = { id: 'quarterSteps', title: '0 to 100', levels: [0, 25, 50, 75, 100].map(score => ({ score, label: `${score}`, descriptor: null })), provenance };

/**
 * Contract £1,000,000, 24 months, weighting 10%: 60 quantitative + 40 qualitative marks.
 * Measures: NT1 (FTE, £24,000 less 20% deadweight = £19,200.00), VOL (volunteering hours,
 * £16.93), NT3 (multi-year FTE, £10,000, drop-off 10%), REC (record only), TXT (free text).
 * Questions: plan (0-5, 60%), env (0-100, 40%). Gate: rlw.
 */
export function testRubric(options: RubricOptions = {}): Record<string, unknown> {
    const method = options.method ?? 'relative';
    const target = options.target ?? null;
    const durationMonths = options.durationMonths === undefined ? 24 : options.durationMonths;
    return {
        schemaVersion: '1.3.0',
        framework: { id: 'testshire', title: 'Testshire', version: '1.0.0', currency: 'GBP', priceYear: 2025, publisher: null, status: 'published', description: null, sourceHash: 'a'.repeat(64) },
        chain: [{ id: 'testshire', version: '1.0.0', package: null, sourceHash: 'a'.repeat(64) }],
        chainDescription: 'testshire 1.0.0',
        profile: { contractValue: options.contractValue ?? '1000000.00', category: 'works', durationMonths, flags: [] },
        ruleApplied: null,
        socialValueAsked: true,
        weighting: options.weighting === undefined ? 10 : options.weighting,
        selection: { minMeasures: options.minMeasures ?? null, maxMeasures: options.maxMeasures === undefined ? 3 : options.maxMeasures, requiredThemes: options.requiredThemes ?? [], minimumCommitments: options.minimumCommitments ?? [] },
        quantitative: {
            method, description: 'test', target, shareOfSocialValueMarks: 60, shareOfTotalMarks: 6,
            measures: [
                { code: 'NT1', theme: 'jobs', title: 'Local people employed', unit: { id: 'fte', label: 'FTE', kind: 'quantity' }, proxy: proxy('localJob', '24000.00', 20, 0, '19200.00'), recordOnly: false, multiYear: false, provenance },
                { code: 'VOL', theme: 'social', title: 'Volunteering', unit: { id: 'hours', label: 'hours', kind: 'quantity' }, proxy: proxy('volunteeringHour', '16.93', 0, 0, '16.93'), recordOnly: false, multiYear: false, provenance },
                { code: 'NT3', theme: 'jobs', title: 'Long-term unemployed employed', unit: { id: 'fte', label: 'FTE', kind: 'quantity' }, proxy: proxy('ltuJob', '10000.00', 0, 10, '10000.00'), recordOnly: false, multiYear: true, provenance },
                { code: 'REC', theme: 'jobs', title: 'Apprentices (record only)', unit: { id: 'weeks', label: 'weeks', kind: 'quantity' }, proxy: null, recordOnly: true, multiYear: false, provenance },
                { code: 'TXT', theme: 'social', title: 'Other commitments', unit: { id: 'text', label: 'free text', kind: 'text' }, proxy: null, recordOnly: true, multiYear: false, provenance }
            ]
        },
        qualitative: {
            shareOfSocialValueMarks: 40, shareOfTotalMarks: 4,
            questions: [
                { id: 'plan', title: 'Employment plan', weight: { kind: 'percentage', value: 60 }, scale: fivePoint, minimumLevel: options.minimumLevel ?? null, provenance },
                { id: 'env', title: 'Net zero plan', weight: { kind: 'percentage', value: 40 }, scale: quarterSteps, minimumLevel: null, provenance }
            ]
        },
        gates: [{ id: 'rlw', title: 'Real Living Wage', text: 'Will you pay the Real Living Wage?', provenance }],
        evaluationProvenance: provenance,
        targets: { minimumSvRatio: options.minimumSvRatio ?? null, minimumSocialValue: null, kpis: null },
        rules: null,
        warnings: [],
        scoring: {
            quantitative: { method, target, formula: 'test', cap: true, zeroOffers: 'zero-marks' },
            qualitative: { formula: 'test', belowMinimumLevel: 'disqualify' },
            gates: { failed: 'disqualify' },
            minimumCommitments: { unmet: options.unmetMinimum ?? 'zero-quantitative' },
            minimumSvRatio: { unmet: options.unmetRatio ?? 'zero-quantitative' },
            recordOnly: { valued: false, countsTowardsSelection: options.recordOnlyCounts ?? false },
            selection: { outsideLimits: 'invalid-bid' },
            ties: 'equal-rank',
            multiYear: { years: durationMonths === null ? null : durationMonths / 12, formula: 'test' },
            rounding: 'test'
        }
    };
}

export interface BidOptions {
    commitments?: Record<string, number | string>;
    plan?: number;
    env?: number;
    rlw?: boolean;
}

export function bid(bidder: string, options: BidOptions = {}): Record<string, unknown> {
    return { bidder, commitments: options.commitments ?? {}, methodStatements: { plan: options.plan ?? 0, env: options.env ?? 0 }, gates: { rlw: options.rlw ?? true } };
}

/**
 * A small contract to report on, with figures easy to check by hand: a 24-month contract
 * from 2026-04-01, two quarters of returns. The rubric carries only what `svf report`
 * reads (measures with their units, proxies and record-only flags); themes come from the
 * question set's sections, as with rubrics of schema 1.2.0.
 */
const proxy = (value: string, deadweight: number, netValuePerUnit: string, dropOff = 0) =>
    ({ id: 'p', title: null, value, priceYear: 2024, source: 'illustrative', deadweight, attribution: 0, displacement: 0, dropOff, netValuePerUnit });

export const rubric = {
    quantitative: {
        measures: [
            { code: 'NT1', title: 'Local people employed', unit: { id: 'fte', label: 'no. people FTE', kind: 'quantity' }, proxy: proxy('24000.00', 20, '19200.00'), recordOnly: false },
            { code: 'NT8', title: 'Apprenticeship weeks', unit: { id: 'weeks', label: 'no. weeks', kind: 'quantity' }, proxy: proxy('285.00', 0, '285.00'), recordOnly: false },
            { code: 'NT22', title: 'Volunteering hours', unit: { id: 'hours', label: 'no. staff volunteering hours', kind: 'quantity' }, proxy: proxy('16.93', 0, '16.93'), recordOnly: false },
            { code: 'NT14', title: 'Local supply chain spend', unit: { id: 'spend', label: '£', kind: 'money' }, proxy: proxy('1.00', 55, '0.45'), recordOnly: false },
            { code: 'NT23', title: 'Community investment', unit: { id: 'invested', label: '£ invested including staff time', kind: 'money' }, proxy: proxy('1.00', 0, '1.00'), recordOnly: false },
            { code: 'RE11', title: 'School visits', unit: { id: 'visits', label: 'no. of visits', kind: 'quantity' }, proxy: null, recordOnly: true },
            { code: 'NT30', title: 'Carbon saved', unit: { id: 'tco2e', label: 'tonnes CO2e', kind: 'quantity' }, proxy: proxy('280.00', 0, '280.00', 10), recordOnly: false, multiYear: true }
        ]
    },
    profile: { contractValue: '2500000.00', category: 'works', durationMonths: 24, flags: [] }
};

export const questionSet = {
    sections: [
        { theme: 'jobs', title: null, outcomes: [{ outcome: 'employment', title: null, questions: ['NT1', 'NT8', 'RE11'] }] },
        { theme: 'growth', title: null, outcomes: [{ outcome: 'localSpend', title: null, questions: ['NT14'] }] },
        { theme: 'social', title: null, outcomes: [{ outcome: 'communities', title: null, questions: ['NT22', 'NT23'] }] },
        { theme: 'environment', title: null, outcomes: [{ outcome: 'carbon', title: null, questions: ['NT30'] }] }
    ]
};

export const bid = {
    bids: [{ bidder: 'Acme Construction Ltd', commitments: { NT1: 2, NT8: 52, NT22: 300, NT14: '100000.00', RE11: 4, NT30: 10 }, methodStatements: {}, gates: {} }]
};

export const contract = { id: 'ECC-2026-014', title: 'A120 junction works', programme: 'Growth Deal', start: '2026-04-01', durationMonths: 24, contractValue: '2500000.00' };

export const quarter1 = {
    contract: 'ECC-2026-014',
    supplier: 'Acme Construction Ltd',
    periods: [{
        start: '2026-04-01', end: '2026-06-30',
        measures: [
            { measure: 'NT1', delivered: 0.25, evidence: 'Payroll extract, June 2026' },
            { measure: 'NT8', delivered: 6, evidence: '2 apprentices x 3 weeks' },
            { measure: 'NT22', delivered: 3, evidence: 'Timesheets' },
            { measure: 'NT14', delivered: '30000.50', evidence: 'Invoices from 4 local suppliers' }
        ]
    }]
};

/** Quarter 2 as a supplier's spreadsheet saves it: BOM, CRLF, quoted fields with commas and quotes, £ and thousands commas. */
export const quarter2Csv = '\ufeffperiod_start,period_end,measure,delivered,evidence\r\n'
    + '2026-07-01,2026-09-30,NT1,0.25,"Payroll, September"\r\n'
    + '2026-07-01,2026-09-30,NT8,6,\r\n'
    + '2026-07-01,2026-09-30,RE11,1,"Visit to ""Hill Road"" primary"\r\n'
    + '2026-07-01,2026-09-30,NT30,4,"Fuel records,\r\nfleet telematics"\r\n'
    + '2026-07-01,2026-09-30,NT23,"£1,000.00",Donation to the food bank\r\n';

/** The files of the contract's folder in a portfolio (or a returns folder's contents, under returns/). */
export function contractFolderFiles(overrides: Partial<Record<string, unknown>> = {}): Record<string, string> {
    const files: Record<string, unknown> = {
        'contract.json': contract,
        'rubric.json': rubric,
        'question-set.json': questionSet,
        'commitments.json': bid,
        'returns/2026-q1.json': quarter1,
        'returns/2026-q2.csv': quarter2Csv,
        ...overrides
    };
    return Object.fromEntries(Object.entries(files).filter(([, value]) => value !== undefined)
        .map(([file, value]) => [file, typeof value === 'string' ? value : JSON.stringify(value, null, 2)]));
}

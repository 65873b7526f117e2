import { bid, testRubric, type RubricOptions } from '../scoring/scoring-fixtures.js';

export { bid };

/** The scorer's test rubric (testshire: NT1 £19,200, VOL £16.93, NT3 multi-year, plan 60%, env 40%) with a cap per measure. */
export function cappedRubric(cap: number | null, options: RubricOptions = {}): Record<string, unknown> {
    const rubric = testRubric(options) as { quantitative: Record<string, unknown> };
    rubric.quantitative.measureCap = cap;
    return rubric;
}

/**
 * The test rubric with two declared award criteria: jobs (6%: NT1, NT3, REC and question
 * plan) and community (4%: VOL, TXT and question env): weighting 10 in all.
 */
export function criteriaRubric(options: RubricOptions & { cap?: number | null; jobs?: number; community?: number } = {}): Record<string, unknown> {
    const rubric = cappedRubric(options.cap ?? null, options) as Record<string, unknown> & { scoring: Record<string, unknown> };
    const jobs = options.jobs ?? 6;
    const community = options.community ?? 4;
    rubric.weighting = jobs + community;
    rubric.criteria = [
        { id: 'jobs', title: 'Jobs', description: null, weighting: jobs, weightingMinimum: null, themes: ['jobs'], measures: ['NT1', 'NT3', 'REC'], questions: ['plan'], gates: [] },
        { id: 'community', title: 'Community', description: null, weighting: community, weightingMinimum: null, themes: ['social'], measures: ['VOL', 'TXT'], questions: ['env'], gates: [] }
    ];
    rubric.scoring.criteria = { declared: true, formula: 'test' };
    return rubric;
}

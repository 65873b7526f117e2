import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledFramework } from '../../compiler/index.js';
import { bidTemplate, bidTemplateCsv } from '../../compiler/bidkit/bid-template.js';
import { checkBidAgainstQuestionSet } from '../../compiler/bidkit/check-bid.js';
import { readJsonBids } from '../../compiler/bidkit/filled-bid.js';
import { conformanceVectors } from '../../compiler/bidkit/conformance.js';
import { formatDeliveryTable, reportContract } from '../../compiler/report/index.js';
import { scoreBids } from '../../compiler/scoring/score-bids.js';
import { ScoringInputError } from '../../compiler/scoring/scoring-input-error.js';
import { expectValid } from '../compiler/schema-assertions.js';
import { compileDemo, SMALL } from './measures-fixture.js';

let small: CompiledFramework;
beforeAll(async () => {
    small = await compileDemo(SMALL);
});

const bid = (commitments: Record<string, unknown>) => ({ bids: [{ bidder: 'Acme Ltd', commitments, methodStatements: { MS1: 3 }, gates: { RLW: true } }] });

describe('reporting metrics are not asked at bid time', () => {
    test('the tailored question set still lists the metric, marked after-award', () => {
        expect(small.questionSet.questions.find(question => question.id === 'NT1R')).toMatchObject({ stage: 'after-award', reportingFrequency: 'quarterly' });
    });

    test('the bid template leaves it out, in JSON and in CSV', () => {
        const template = bidTemplate(small.questionSet);
        expect(Object.keys(template.bids[0].commitments)).not.toContain('NT1R');
        expect(template.questions.map(question => question.id)).not.toContain('NT1R');
        expect(bidTemplateCsv(small.questionSet)).not.toContain('NT1R');
    });

    test('a bid committing to it is an error at its JSON pointer, in the bid check', () => {
        const read = readJsonBids(bid({ NT1: 2, NT1R: 3 }));
        expect(checkBidAgainstQuestionSet(small.questionSet, read.bids[0]!).errors).toEqual([
            { where: '/bids/0/commitments/NT1R', message: 'NT1R is a reporting metric, reported quarterly after award: a bid does not commit to it. Leave it out of the bid.' }
        ]);
    });

    test('and the scorer refuses it, naming the bidder and the pointer', () => {
        let problems: unknown[] = [];
        try {
            scoreBids(small.rubric, bid({ NT1: 2, NT1R: 3 }));
        } catch (error) {
            if (!(error instanceof ScoringInputError)) throw error;
            problems = [...error.problems];
        }
        expect(problems).toEqual([{
            document: 'bids', path: '/bids/0/commitments/NT1R', bidder: 'Acme Ltd',
            message: "'NT1R' is a reporting metric, reported quarterly after award: a bid does not commit to it. Leave it out of the bid."
        }]);
    });

    test('scoring ignores it: the same bid without it scores', () => {
        const result = scoreBids(small.rubric, bid({ NT1: 2 }));
        expect(result.bidders[0]!.commitments.map(commitment => commitment.measure)).toEqual(['NT1']);
    });

    test('the conformance kit has a vector refusing it', () => {
        const vector = conformanceVectors(small.rubric).find(candidate => candidate.id.endsWith('invalid-reporting-metric-in-bid'))!;
        expect(vector.expected.valid).toBe(false);
        if (!vector.expected.valid) expect(vector.expected.problems.map(problem => problem.path)).toEqual(['/bids/0/commitments/NT1R']);
    });
});

describe('reporting metrics feed monitoring', () => {
    const text = (value: unknown) => JSON.stringify(value);
    const returns = (measures: unknown[]) => ({
        contract: 'C-1', supplier: 'Acme Ltd',
        periods: [{ start: '2026-04-01', end: '2026-06-30', measures }]
    });
    const report = (measures: unknown[]) => reportContract({
        rubric: { path: 'rubric.json', text: text(small.rubric) },
        commitments: { path: 'bid.json', text: text(bid({ NT1: 2, LW: true })) },
        returns: [{ path: 'q1.json', text: text(returns(measures)) }],
        contract: { path: 'contract.json', text: text({ id: 'C-1', start: '2026-04-01', durationMonths: 12 }) }
    }).report;

    test('a return for a reporting metric is accepted and reported with its frequency, not as uncommitted', () => {
        const delivery = report([{ measure: 'NT1', delivered: 1 }, { measure: 'NT1R', delivered: 4, evidence: 'Payroll extract' }]);
        expectValid('delivery-report.schema.json', delivery);
        const metric = delivery.measures.find(measure => measure.measure === 'NT1R')!;
        expect(metric).toMatchObject({ reportingFrequency: 'quarterly', uncommitted: false, committed: null, delivered: 4, deliveredValue: null, behindPlan: false });
        expect(delivery.warnings).toEqual([]);
        expect(delivery.measures.find(measure => measure.measure === 'NT1')!.reportingFrequency).toBeNull();
        expect(formatDeliveryTable(delivery).join('\n')).toContain('reporting metric (quarterly)');
    });

    test('a reporting metric with no return yet is still listed, so monitoring sees it is due', () => {
        const delivery = report([{ measure: 'NT1', delivered: 1 }]);
        expect(delivery.measures.map(measure => measure.measure)).toEqual(['NT1', 'LW', 'NT1R']);
        expect(delivery.measures.find(measure => measure.measure === 'NT1R')).toMatchObject({ reportingFrequency: 'quarterly', delivered: 0, returns: [] });
    });

    test('a reporting metric does not count in the themes or the totals', () => {
        const delivery = report([{ measure: 'NT1', delivered: 1 }, { measure: 'NT1R', delivered: 4 }]);
        expect(delivery.themes.find(theme => theme.theme === 'jobs')!.measures).toBe(2);
    });
});

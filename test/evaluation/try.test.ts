import { test } from 'vitest';
import { explainBid, scoreBids } from '../../compiler/portal.js';
import { bid, cappedRubric, criteriaRubric } from './evaluation-fixtures.js';
test('try', () => {
    const bids = { bids: [bid('Acme', { commitments: { NT1: 2, VOL: 1000 }, plan: 3, env: 75 }), bid('Brook', { commitments: { NT1: 1, VOL: 2000 }, plan: 5, env: 50 })] };
    for (const rubric of [criteriaRubric(), cappedRubric(40), criteriaRubric({ cap: 40 })]) {
        const result = scoreBids(rubric, bids);
        console.log(JSON.stringify(result.bidders.map(b => [b.bidder, b.quantitativeMarks, b.qualitativeMarks, b.finalMarks, b.criteria]), null, 0));
        console.log(explainBid(result, 'Acme').join('\n'));
    }
});

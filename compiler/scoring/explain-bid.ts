import { formatPounds } from '../../model/amounts.js';
import type { BidderScore, CommitmentValue, ScoreResult } from './score-result.js';

/**
 * The arithmetic behind one bidder's marks, line by line, so that an evaluator can defend
 * the award to a losing bidder. Figures are shown rounded (money to pence, marks to two
 * decimals); the result was computed exactly and rounded once, so a sum of shown figures
 * may differ from the shown total by a penny or a hundredth. Throws RangeError when no
 * bidder has that name (compared ignoring case and outer spaces).
 */
export function explainBid(result: ScoreResult, bidder: string): string[] {
    const wanted = bidder.trim().toLowerCase();
    const score = result.bidders.find(candidate => candidate.bidder.toLowerCase() === wanted);
    if (!score) {
        throw new RangeError(`No bidder is named '${bidder}'; the bidders are ${result.bidders.map(candidate => `'${candidate.bidder}'`).join(', ') || '(none)'}.`);
    }
    const { contract } = result;
    const outOf = marks(contract.marksOutOf);
    const lines: string[] = [];
    const weighting = contract.weighting === null ? 'no weighting given: marks out of 100' : `social value weighting ${contract.weighting}% of total tender marks`;
    lines.push(`Bidder '${score.bidder}': ${score.disqualified ? 'disqualified, not ranked' : `rank ${score.rank}`}, ${marks(score.finalMarks)} of ${outOf} marks (${weighting})`);
    lines.push(`Framework ${result.framework.id} ${result.framework.version}; contract value ${pounds(contract.contractValue)}`);
    lines.push('Commitments (net value per unit = proxy value x (1 - deadweight) x (1 - attribution) x (1 - displacement)):');
    if (score.commitments.length === 0) lines.push('  none');
    for (const commitment of score.commitments) lines.push(`  ${commitmentLine(commitment)}`);
    const valued = score.commitments.filter(commitment => commitment.valued);
    lines.push(`Social value: ${valued.length > 1 ? `${valued.map(commitment => pounds(commitment.socialValue)).join(' + ')} = ` : ''}${pounds(score.socialValue)}`);
    lines.push(`SV ratio: ${score.svRatio === null ? 'none (the contract value is £0)' : `${pounds(score.socialValue)} / ${pounds(contract.contractValue)} = ${marks(score.svRatio)}%`}${svRatioCheck(score)}`);
    for (const unmet of score.unmetMinimumCommitments) {
        lines.push(`Minimum commitment: ${unmet.measure} at least ${String(unmet.required)}, committed ${String(unmet.committed)}: not met (${unmet.consequence === 'disqualify' ? 'the bid is disqualified' : 'quantitative marks are 0'})`);
    }
    const byCriterion = score.criteria !== undefined && contract.criteria !== undefined;
    if (!byCriterion) lines.push(quantitativeLine(result, score));
    lines.push('Qualitative (level / top score of the scale x the marks the question can give):');
    if (score.methodStatements.length === 0) lines.push('  no method statements');
    for (const statement of score.methodStatements) {
        const minimum = statement.minimumLevel === null ? '' : statement.belowMinimumLevel ? ` (below the minimum level ${statement.minimumLevel})` : ` (minimum level ${statement.minimumLevel}: met)`;
        lines.push(`  ${statement.question}: level ${statement.level} / ${statement.topScore} x ${marks(statement.marksAvailable)} (${statement.share}) = ${marks(statement.marks)}${minimum}`);
    }
    const qualitative = score.disqualified ? ' (disqualified: no marks)' : '';
    if (!byCriterion) lines.push(`Qualitative: ${score.methodStatements.length > 1 && !score.disqualified ? `${score.methodStatements.map(statement => marks(statement.marks)).join(' + ')} = ` : ''}${marks(score.qualitativeMarks)} of ${marks(contract.qualitative.marksAvailable)}${qualitative}`);
    lines.push(`Gates: ${score.gates.length === 0 ? 'none' : score.gates.map(gate => `${gate.gate} ${gate.passed ? 'passed' : 'FAILED'}`).join(', ')}`);
    if (byCriterion) {
        lines.push(...criteriaLines(result, score));
        const parts = score.criteria!;
        lines.push(`Social value marks: ${marks(score.quantitativeMarks)} + ${marks(score.qualitativeMarks)} = ${marks(score.socialValueMarks)} of 100 (each criterion's marks x its weighting / the total weighting)`);
        lines.push(`Final marks: ${parts.length > 1 ? `${parts.map(part => marks(part.marks)).join(' + ')} = ` : ''}${marks(score.finalMarks)} of ${outOf}`);
    } else {
        lines.push(`Social value marks: ${marks(score.quantitativeMarks)} + ${marks(score.qualitativeMarks)} = ${marks(score.socialValueMarks)} of 100`);
        lines.push(`Final marks: ${marks(score.socialValueMarks)} / 100 x ${outOf} = ${marks(score.finalMarks)} of ${outOf}`);
    }
    if (score.disqualified) {
        lines.push(`Disqualified: ${score.disqualificationReasons.join('; ')}. A disqualified bid gets no marks and is not ranked.`);
    } else {
        const tied = result.bidders.filter(other => other !== score && other.rank === score.rank).map(other => `'${other.bidder}'`);
        lines.push(`Rank: ${score.rank} of ${result.bidders.filter(other => !other.disqualified).length} bids not disqualified${tied.length > 0 ? ` (tied with ${tied.join(', ')}: equal final marks share a rank)` : ''}`);
    }
    return lines;
}

/** Each award criterion's arithmetic: contributions of its measures (with the cap), its quantitative and qualitative marks, its marks out of its weighting. */
function criteriaLines(result: ScoreResult, score: BidderScore): string[] {
    const { contract } = result;
    const cap = contract.measureCap;
    const lines = [`Award criteria (each scored on its own, out of its weighting${cap === undefined ? '' : `; a measure earns at most ${cap}% of a criterion's quantitative marks`}):`];
    score.criteria!.forEach((part, index) => {
        const criterion = contract.criteria![index]!;
        const available = marks(criterion.quantitativeMarksAvailable);
        const limit = cap === undefined ? null : marks(cap / 100 * criterion.quantitativeMarksAvailable);
        lines.push(`  ${criterion.criterion}${criterion.title ? ` (${criterion.title})` : ''}, weighting ${criterion.weighting}%: value of its measures ${pounds(part.socialValue)}`);
        const reference = criterion.highestSocialValue === null ? `${pounds(contract.quantitative.targetAmount ?? '0.00')} (target)` : `${pounds(criterion.highestSocialValue)} (highest)`;
        if (score.disqualified) lines.push(`    quantitative: 0.00 of ${available} (disqualified: no marks)`);
        else if (score.quantitativeZeroedBecause.length > 0) lines.push(`    quantitative: 0.00 of ${available} (${score.quantitativeZeroedBecause.join('; ')})`);
        else {
            for (const item of part.contributions) {
                const capped = item.capped ? ` -> capped at ${limit} (${cap}% of ${available})` : '';
                lines.push(`    ${item.measure}: ${pounds(item.socialValue)} / ${reference} x ${available} = ${marks(item.uncapped)}${capped}`);
            }
            const sum = part.contributions.length > 1 ? `${part.contributions.map(item => marks(item.marks)).join(' + ')}` : part.contributions.length === 1 ? marks(part.contributions[0]!.marks) : '0.00';
            lines.push(`    quantitative: min(${sum}, ${available}) = ${marks(part.quantitativeMarks)} of ${available}`);
        }
        lines.push(`    qualitative: ${marks(part.qualitativeMarks)} of ${marks(criterion.qualitativeMarksAvailable)}${score.disqualified ? ' (disqualified: no marks)' : ''}`);
        lines.push(`    marks: (${marks(part.quantitativeMarks)} + ${marks(part.qualitativeMarks)}) / 100 x ${criterion.weighting} = ${marks(part.marks)} of ${criterion.weighting}`);
    });
    return lines;
}

function commitmentLine(commitment: CommitmentValue): string {
    const quantity = `${String(commitment.quantity)} ${commitment.unit}`;
    if (!commitment.valued) {
        return typeof commitment.quantity === 'string' && !/^[0-9.]+$/.test(commitment.quantity)
            ? `${commitment.measure}: ${JSON.stringify(commitment.quantity)} (${commitment.unit}): recorded, not valued`
            : `${commitment.measure}: ${quantity}: record only, not valued`;
    }
    const net = pounds(commitment.netValuePerUnit!);
    if (commitment.multiYear === null) return `${commitment.measure}: ${quantity} x ${net} = ${pounds(commitment.socialValue)}`;
    const { dropOff, yearFactors } = commitment.multiYear;
    const years = yearFactors.reduce((sum, year) => sum + year.fraction, 0);
    const factors = yearFactors.map(year => year.fraction === 1 ? year.factor : `${year.fraction} x ${year.factor}`).join(' + ');
    return `${commitment.measure} (multi-year: ${quantity} a year over ${Number(years.toFixed(4))} years, drop-off ${dropOff}% a year): ${String(commitment.quantity)} x ${net} x (${factors}) = ${pounds(commitment.socialValue)}`;
}

function svRatioCheck(score: BidderScore): string {
    const minimum = score.minimumSvRatio;
    if (minimum === null) return '';
    if (minimum.met) return ` (minimum ${minimum.required}%: met)`;
    return ` (minimum ${minimum.required}%: NOT met, so ${minimum.consequence === 'disqualify' ? 'the bid is disqualified' : 'quantitative marks are 0'})`;
}

function quantitativeLine(result: ScoreResult, score: BidderScore): string {
    const { quantitative } = result.contract;
    const available = marks(quantitative.marksAvailable);
    if (score.disqualified) return `Quantitative: 0.00 of ${available} (disqualified: no marks)`;
    if (score.quantitativeZeroedBecause.length > 0) return `Quantitative: 0.00 of ${available} (${score.quantitativeZeroedBecause.join('; ')})`;
    const value = pounds(score.socialValue);
    if (quantitative.method === 'relative') {
        const highest = quantitative.highestSocialValue!;
        if (Number(highest) === 0) return `Quantitative: 0.00 of ${available} (no bid not disqualified offers any social value: zero offers score zero)`;
        return `Quantitative: ${value} / ${pounds(highest)} (highest) x ${available} = ${marks(score.quantitativeMarks)}`;
    }
    const target = pounds(quantitative.targetAmount!);
    if (Number(score.socialValue) === 0) return `Quantitative: ${value} offered: zero offers score zero (0.00 of ${available})`;
    return `Quantitative: min(${value} / ${target} (target), 1) x ${available} = ${marks(score.quantitativeMarks)}`;
}

function pounds(amount: string): string {
    const [, decimals = ''] = amount.split('.');
    // An exact net value per unit may have more than two decimals: show them all.
    return decimals.length > 2 ? `£${formatPounds(amount.slice(0, amount.indexOf('.'))).slice(1)}.${decimals}` : formatPounds(amount, { pence: 'always' });
}

function marks(value: number): string {
    return value.toFixed(2);
}

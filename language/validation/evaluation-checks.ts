import { Decimal } from '../../model/amounts.js';
import { type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { parseNumber, parsePercentage } from '../../model/amounts.js';
import {
    isEvaluation, isMinimumLevelProperty, isPercentAmount, isQuestionOverride, isQuestionScaleProperty,
    type CriterionProperty, type Document, type MeasureCapProperty, type MethodQuestion, type MinimumLevelProperty, type QuestionOverride, type QuestionScaleProperty, type Scale, type SplitProperty, type SvfAstType,
    type WeightProperty, type WeightingProperty, type WordLimitProperty
} from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { lineOf } from './framework-documents.js';
import { IssueCodes } from './issue-codes.js';

/**
 * Checks of scales, method statements and evaluation blocks one node at a time. Checks over
 * a whole framework (the split against the questions, weights adding up to 100%) run on the
 * model: model/checks/framework-checks.ts.
 */
export function evaluationChecks(_services: SvfServices): ValidationChecks<SvfAstType> {
    return {
        Scale: checkScale,
        SplitProperty: (split: SplitProperty, accept: ValidationAcceptor) => {
            if (!split.quantitative || !split.qualitative) return;
            let inRange = true;
            for (const property of ['quantitative', 'qualitative'] as const) {
                inRange = checkPercentageInRange(split, property, `The ${property} share`, accept) && inRange;
            }
            const total = parsePercentage(split.quantitative).plus(parsePercentage(split.qualitative));
            if (inRange && !total.equals(100)) {
                accept('error', `The split adds up to ${total}% (quantitative ${split.quantitative} + qualitative ${split.qualitative}); it must add up to 100%.`,
                    { node: split, code: IssueCodes.SplitNot100 });
            }
        },
        WeightingProperty: (weighting: WeightingProperty, accept: ValidationAcceptor) => {
            checkWeightingValue(weighting, 'The social value weighting', accept);
        },
        CriterionProperty: (criterion: CriterionProperty, accept: ValidationAcceptor) => {
            checkWeightingValue(criterion, `The weighting of criterion '${criterion.name}'`, accept);
        },
        MeasureCapProperty: (cap: MeasureCapProperty, accept: ValidationAcceptor) => {
            if (!cap.value) return;
            const percent = parsePercentage(cap.value);
            if (!percent.greaterThan(0) || percent.greaterThan(100)) {
                accept('error', `The cap per measure is ${cap.value}; it must be more than 0% and at most 100% of the quantitative marks (\`cap per measure 25%\`: one measure earns at most a quarter of them). Remove the line for no cap.`,
                    { node: cap, property: 'value', code: IssueCodes.InvalidMeasureCap });
            }
        },
        WeightProperty: (weight: WeightProperty, accept: ValidationAcceptor) => {
            const written = weight.value;
            if (!written) return;
            const question = (weight.$container as MethodQuestion).name;
            if (isPercentAmount(written)) {
                checkPercentageInRange(written, 'percent', `The weight of question '${question}'`, accept);
            } else if (written.number && !parseNumber(written.number).greaterThan(0)) {
                accept('error', `The weight of question '${question}' is ${written.number} points; a weight in points must be more than 0.`,
                    { node: weight, property: 'value', code: IssueCodes.InvalidQuestionWeight });
            }
        },
        MinimumLevelProperty: checkMinimumLevel,
        QuestionOverride: (override: QuestionOverride, accept: ValidationAcceptor) => {
            // A new scale, with the minimum level the base's question keeps.
            const scale = override.properties.find(isQuestionScaleProperty);
            if (!scale || override.properties.some(isMinimumLevelProperty)) return;
            const inherited = override.target?.ref?.properties.find(isMinimumLevelProperty);
            if (inherited?.value) checkLevelOnScale(override, inherited.value, scale.scale?.ref, { node: scale, property: 'scale' }, accept);
        },
        WordLimitProperty: (limit: WordLimitProperty, accept: ValidationAcceptor) => {
            if (!limit.value) return;
            if (!/^\d+$/.test(limit.value) || Number(limit.value) === 0) {
                accept('error', `The word limit ${limit.value} of question '${(limit.$container as MethodQuestion).name}' is not a positive whole number of words. Write it like \`words 500\`.`,
                    { node: limit, property: 'value', code: IssueCodes.InvalidWordLimit });
            }
        },
        Document: (document: Document, accept: ValidationAcceptor) => {
            const evaluations = document.elements.filter(isEvaluation);
            for (const extra of evaluations.slice(1)) {
                accept('error', `This file has more than one evaluation block (the first is on line ${lineOf(evaluations[0])}). Merge them into one.`,
                    { node: extra, keyword: 'evaluation', code: IssueCodes.MultipleEvaluations });
            }
        }
    };
}

/** `minimum level 3` must be a score of the question's scale (its own, or for an override the one it inherits). */
function checkMinimumLevel(property: MinimumLevelProperty, accept: ValidationAcceptor): void {
    if (!property.value) return;
    const owner = property.$container as MethodQuestion | QuestionOverride;
    const written = owner.properties.find(isQuestionScaleProperty);
    const scale = written ? written.scale?.ref : isQuestionOverride(owner) ? owner.target?.ref?.properties.find(isQuestionScaleProperty)?.scale?.ref : undefined;
    checkLevelOnScale(owner, property.value, scale, { node: property, property: 'value' }, accept);
}

function checkLevelOnScale(owner: MethodQuestion | QuestionOverride, level: string, scale: Scale | undefined, at: { node: MinimumLevelProperty | QuestionScaleProperty; property: 'value' | 'scale' }, accept: ValidationAcceptor): void {
    if (!scale) return;
    const scores = scale.levels.filter(written => written.score).map(written => parseNumber(written.score));
    const wanted = parseNumber(level);
    if (scores.length === 0 || scores.some(score => score.equals(wanted))) return;
    const listed = scores.map(score => score.toString()).join(', ');
    const subject = isQuestionOverride(owner) ? `The override of question '${owner.target?.$refText ?? ''}'` : `Question '${owner.name}'`;
    const inherited = at.property === 'scale' ? ' (inherited from the base)' : '';
    accept('error', `${subject} has minimum level ${level}${inherited}, but scale '${scale.name}' has no level with that score (its scores are ${listed}). Write one of those scores.`,
        { ...at, code: IssueCodes.MinimumLevelNotOnScale } as never);
}

function checkScale(scale: Scale, accept: ValidationAcceptor): void {
    if (scale.levels.length < 2) {
        accept('error', `Scale '${scale.name}' has ${scale.levels.length === 0 ? 'no levels' : 'only one level'}; a scoring scale needs at least two, e.g. \`0 "Poor"\` and \`5 "Excellent"\`.`,
            { node: scale, property: 'name', code: IssueCodes.ScaleTooFewLevels });
    }
    const seen = new Map<string, number>();
    let highest: Decimal | undefined;
    scale.levels.forEach((level, index) => {
        if (!level.score) return;
        const score = parseNumber(level.score);
        const key = score.toString();
        if (seen.has(key)) {
            accept('error', `Scale '${scale.name}' has the score ${level.score} twice (also on line ${lineOf(scale.levels[seen.get(key)!])}). Give each level its own score.`,
                { node: level, property: 'score', code: IssueCodes.ScaleDuplicateScore });
        } else if (highest && score.lessThan(highest)) {
            accept('error', `Scale '${scale.name}' lists score ${level.score} after ${highest}; write the levels from the lowest score to the highest.`,
                { node: level, property: 'score', code: IssueCodes.ScaleLevelsNotOrdered });
        }
        if (!seen.has(key)) seen.set(key, index);
        if (!highest || score.greaterThan(highest)) highest = score;
    });
}

/**
 * `weighting 10%` or `weighting at least 10% default 12%` (also on a criterion): each
 * percentage from 0% to 100%, and the default never below the floor.
 */
function checkWeightingValue(node: WeightingProperty | CriterionProperty, subject: string, accept: ValidationAcceptor): void {
    const inRange = [
        checkPercentageInRange(node, 'value', subject, accept),
        checkPercentageInRange(node, 'minimum', `${subject}'s minimum`, accept),
        checkPercentageInRange(node, 'default', `${subject}'s default`, accept)
    ].every(Boolean);
    if (!inRange || !node.minimum || !node.default) return;
    if (parsePercentage(node.default).lessThan(parsePercentage(node.minimum))) {
        accept('error', `${subject} defaults to ${node.default}, below its minimum of ${node.minimum}; the default is what a contract gets when the buyer sets nothing, so it must be at least the minimum. Write \`at least ${node.minimum} default ${node.minimum}\` or raise the default.`,
            { node, property: 'default', code: IssueCodes.WeightingDefaultBelowMinimum });
    }
}

/** A percentage written in the evaluation must lie between 0% and 100%; true when it does. */
function checkPercentageInRange<N extends AstNode>(node: N, property: keyof N & string, subject: string, accept: ValidationAcceptor): boolean {
    const text = node[property] as unknown as string | undefined;
    if (!text) return true;
    const percent = parsePercentage(text);
    if (percent.isNegative() || percent.greaterThan(100)) {
        accept('error', `${subject} is ${text}; it must be between 0% and 100%.`,
            { node, property, code: IssueCodes.PercentageOutOfRange } as never);
        return false;
    }
    return true;
}


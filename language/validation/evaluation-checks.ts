import { Decimal } from 'decimal.js';
import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { parseNumber, parsePercentage } from '../../model/amounts.js';
import {
    isEvaluation, isMethodQuestion, isSplitProperty, isWeightProperty,
    type Document, type Evaluation, type FrameworkHeader, type MethodQuestion, type Scale, type SplitProperty, type SvfAstType,
    type WeightProperty, type WeightingProperty, type WordLimitProperty
} from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { FrameworkDocuments, describeNodeLocation, lineOf } from './framework-documents.js';
import { IssueCodes } from './issue-codes.js';

export function evaluationChecks(services: SvfServices): ValidationChecks<SvfAstType> {
    const frameworkDocuments = FrameworkDocuments.of(services);

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
            checkPercentageInRange(weighting, 'value', 'The social value weighting', accept);
        },
        WeightProperty: (weight: WeightProperty, accept: ValidationAcceptor) => {
            if (!weight.value) return;
            const question = (weight.$container as MethodQuestion).name;
            if (weight.value.endsWith('%')) {
                checkPercentageInRange(weight, 'value', `The weight of question '${question}'`, accept);
            } else if (!parseNumber(weight.value).isPositive() || parseNumber(weight.value).isZero()) {
                accept('error', `The weight of question '${question}' is ${weight.value} points; a weight in points must be more than 0.`,
                    { node: weight, property: 'value', code: IssueCodes.InvalidQuestionWeight });
            }
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
            if (document.header) {
                checkFramework(document.header, frameworkDocuments.closureOf(AstUtils.getDocument(document)).map(doc => doc.parseResult.value as Document), accept);
            }
        }
    };
}

/** Checks made once per framework, on its header, over every file it imports. */
function checkFramework(header: FrameworkHeader, closure: Document[], accept: ValidationAcceptor): void {
    // The framework's evaluation is the first in import-closure order (the entry file's own first).
    const evaluation = closure.flatMap(document => document.elements.filter(isEvaluation))[0];
    const questions = closure.flatMap(document => document.elements.filter(isMethodQuestion));
    if (!evaluation) {
        accept('warning', `Framework '${header.name}' has no \`evaluation\` block, in this file or any file it imports, so bids cannot be scored. Add one, e.g. \`evaluation { weighting 10% split quantitative 60% qualitative 40% method relative }\`.`,
            { node: header, property: 'name', code: IssueCodes.MissingEvaluation });
    } else {
        checkSplitAgainstQuestions(header, evaluation, questions, accept);
    }
    const weighted = questions
        .map(question => ({ question, weight: question.properties.find(isWeightProperty) }))
        .filter((entry): entry is { question: MethodQuestion; weight: WeightProperty } => !!entry.weight?.value);
    const percentages = weighted.filter(entry => entry.weight.value.endsWith('%'));
    const points = weighted.filter(entry => !entry.weight.value.endsWith('%'));
    const list = (entries: typeof weighted) => entries.map(({ question, weight }) => `'${question.name}' ${weight.value} (${describeNodeLocation(header, weight)})`).join(', ');
    if (percentages.length > 0 && points.length > 0) {
        accept('error', `The method-statement questions mix weights in % (${list(percentages)}) with weights in points (${list(points)}). Give every question a weight in %, or every question a weight in points.`,
            { node: header, property: 'name', code: IssueCodes.QuestionWeightsMixed });
        return;
    }
    if (percentages.length > 0) {
        const total = percentages.reduce((sum, entry) => sum.plus(parsePercentage(entry.weight.value)), new Decimal(0));
        if (!total.equals(100)) {
            accept('error', `Weights of the method-statement questions add up to ${total}%; they must add up to 100%. The weights are: ${list(percentages)}.`,
                { node: header, property: 'name', code: IssueCodes.QuestionWeightsNot100 });
        }
    }
}

/** Method-statement questions need a qualitative share of the marks, and only they use it. */
function checkSplitAgainstQuestions(header: FrameworkHeader, evaluation: Evaluation, questions: MethodQuestion[], accept: ValidationAcceptor): void {
    const split = evaluation.properties.find(isSplitProperty);
    const where = describeNodeLocation(header, evaluation);
    if (!split) {
        if (questions.length > 0) {
            accept('error', `Framework '${header.name}' has method-statement questions, but its evaluation block (${where}) has no \`split\`, so their share of the marks is unknown. Add e.g. \`split quantitative 60% qualitative 40%\`.`,
                { node: header, property: 'name', code: IssueCodes.MissingSplit });
        }
        return;
    }
    if (!split.qualitative) return;
    const qualitative = parsePercentage(split.qualitative);
    if (questions.length === 0 && qualitative.greaterThan(0)) {
        accept('warning', `The evaluation (${where}) gives ${split.qualitative} of the social value marks to method statements, but framework '${header.name}' has no method-statement questions. Add questions, or set \`split quantitative 100% qualitative 0%\`.`,
            { node: header, property: 'name', code: IssueCodes.SplitQuestionsMismatch });
    } else if (questions.length > 0 && qualitative.isZero()) {
        accept('warning', `The evaluation (${where}) gives method statements 0% of the social value marks, so questions ${questions.map(q => `'${q.name}'`).join(', ')} can never score. Give them a qualitative share, or remove them.`,
            { node: header, property: 'name', code: IssueCodes.SplitQuestionsMismatch });
    }
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


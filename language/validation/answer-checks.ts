import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { isAnswerProperty, isMeasureProxyProperty, type AnswerProperty, type Measure, type SvfAstType } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { IssueCodes } from './issue-codes.js';

/** How each answer kind is written, for messages. */
export function answerKindWords(answer: AnswerProperty): string {
    if (answer.yesNo) return 'yes or no';
    if (answer.choice) return 'one of a list';
    if (answer.text) return 'in words';
    return 'with an attachment';
}

/**
 * Measures answered other than with a number (`answer yes or no`, `answer one of ...`,
 * `answer text 300 words`, `answer attachment "..."`): nothing to value, so no proxy; a
 * choice needs distinct, non-empty options; a word limit is a positive whole number.
 */
export function answerChecks(_services: SvfServices): ValidationChecks<SvfAstType> {
    return {
        Measure: (measure: Measure, accept: ValidationAcceptor) => {
            const answer = measure.properties.find(isAnswerProperty);
            const proxy = measure.properties.find(isMeasureProxyProperty);
            if (answer && proxy) {
                accept('error', `Measure '${measure.name}' is answered ${answerKindWords(answer)}, so it has no quantity to give a £ value, but it has a proxy. Remove the proxy, or remove \`answer\` to ask for a number.`,
                    { node: proxy, code: IssueCodes.AnswerKindWithProxy });
            }
        },
        AnswerProperty: (answer: AnswerProperty, accept: ValidationAcceptor) => {
            if (answer.choice) {
                const seen = new Set<string>();
                answer.options.forEach((option, index) => {
                    if (option.trim() === '') {
                        accept('error', 'This option is empty: a bidder could not tell what choosing it means. Write the option\'s text, or remove it.',
                            { node: answer, property: 'options', index, code: IssueCodes.InvalidAnswerOptions });
                    } else if (seen.has(option)) {
                        accept('error', `The option "${option}" is listed twice. Remove one: each option must be different.`,
                            { node: answer, property: 'options', index, code: IssueCodes.InvalidAnswerOptions });
                    }
                    seen.add(option);
                });
                if (answer.options.length === 1 && answer.options[0]!.trim() !== '') {
                    accept('error', `A choice of one option ("${answer.options[0]}") is no choice. Add the other options, e.g. \`answer one of "${answer.options[0]}", "..."\`, or use \`answer yes or no\`.`,
                        { node: answer, property: 'options', index: 0, code: IssueCodes.InvalidAnswerOptions });
                }
            }
            if (answer.text && answer.words !== undefined && (!/^\d+$/.test(answer.words) || Number(answer.words) === 0)) {
                accept('error', `The word limit ${answer.words} is not a positive whole number of words. Write it like \`answer text 300 words\`.`,
                    { node: answer, property: 'words', code: IssueCodes.InvalidWordLimit });
            }
        }
    };
}

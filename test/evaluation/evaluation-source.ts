/**
 * A small borough framework for the evaluation tests: themes jobs and climate, a method
 * statement for each, a gate; `evaluation` replaces the evaluation block's lines and
 * `rules` the rules (one catch-all rule by default).
 */
export const DEFAULT_EVALUATION = [
    'criterion socialValue "Social value" 5% covers themes jobs',
    'criterion environment "Environment" 15% covers themes climate description "Carbon and nature"',
    'split quantitative 60% qualitative 40%',
    'method relative'
];

export function boroughSource(evaluation: string[] = DEFAULT_EVALUATION, rules: string[] = ['rule standard "Standard" {', '    select 1 to 3 measures', '}']): string {
    return `framework borough "Borough" {
    version 1.0.0
    priceYear 2025
}
unit FTE "no. people FTE"
unit tonnes "tonnes CO2e"
scale fivePoint { 0 "None" 1 "Poor" 2 "Fair" 3 "Good" 4 "Very good" 5 "Excellent" }
theme jobs "Jobs" {
    outcome localEmployment "More local people in work" {
        measure NT1 "Local FTE jobs" {
            unit FTE
            proxy £20,000 { source "Illustrative" }
            ask "How many local people (FTE)?"
        }
        measure NT2 "Jobs for care leavers" {
            unit FTE
            proxy £10,000 { source "Illustrative" }
            ask "How many care leavers (FTE)?"
        }
    }
}
theme climate "Climate" {
    outcome carbon "Carbon emissions are reduced" {
        measure RE1 "Carbon saved" {
            unit tonnes
            proxy £250 { source "Illustrative" }
            ask "How many tonnes of CO2e will you save?"
        }
    }
}
question MS1 "Employment plan" {
    outcomes localEmployment
    scale fivePoint
    weight 60%
    minimum level 2
    ask "Describe how you will recruit locally."
}
question MS4 "Net zero plan" {
    outcomes carbon
    scale fivePoint
    weight 40%
    ask "Describe your net zero plan."
}
gate livingWage "Real Living Wage" { ask "Will you pay the Real Living Wage?" }
evaluation {
${evaluation.map(line => `    ${line}\n`).join('')}}
${rules.join('\n')}
`;
}

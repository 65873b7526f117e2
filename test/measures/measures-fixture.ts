/** A framework using every measure feature of issue 9, compiled and tailored as `svf compile` does. */
import { compileFramework, type CompiledFramework, type ContractProfile } from '../../compiler/index.js';
import { frameworkOf, loadSources } from '../compiler/fixture-loading.js';
import { expectValid } from '../compiler/schema-assertions.js';

export const FRAMEWORK = `framework measuresDemo "Measures demo" {
    version 1.0.0
}
unit FTE "no. people FTE"
unit weeks "no. weeks"
unit response "response" record
proxy localJob = £20,000 per FTE { source "Illustrative" }
scale five "Five point" { 0 "None" 1 "Poor" 2 "Fair" 3 "Good" 4 "Very good" }
theme jobs "Jobs" {
    outcome employment "Local employment" {
        measure NT1 "Local people employed" {
            unit FTE
            proxy localJob
            ask "How many local people (FTE) will you employ?"
            codes NT1, "RE-1"
            tags sdg8, ppn.tacklingInequality
            horizon 52 weeks
        }
        measure LW "Real Living Wage" { unit response answer yes or no ask "Will you pay the Real Living Wage?" }
        measure MODE "Delivery mode" { unit response answer one of "in house", "subcontracted" ask "How will you deliver it?" }
        measure PLAN "Employment plan" { unit response answer attachment "A timed project plan" ask "Attach your employment plan." }
        measure STORY "Approach" { unit response answer text 5 words ask "Describe your approach." }
        measure NT1R "Local people employed (reported)" {
            unit FTE
            ask "How many local people (FTE) did you employ this quarter?"
            after award quarterly
        }
    }
    outcome skills "Skills" {
        measure NT8 "Apprenticeship weeks" { unit weeks proxy £300 { source "Illustrative" } ask "How many apprenticeship weeks?" whole numbers horizon 1 year }
    }
}
theme environment "Environment" {
    outcome carbon "Carbon" {
        measure NT30 "Carbon saved" { unit FTE proxy £100 { source "Illustrative" } ask "How many tonnes?" }
    }
}
question MS1 "Employment plan" { outcomes employment scale five ask "Describe your plan." codes MS1, TOMS.MS1 tags sdg8 }
gate RLW "Real Living Wage" { ask "Will you pay the Real Living Wage?" }
evaluation { weighting 10% split quantitative 80% qualitative 20% }
rule large "Large contracts" when contractValue >= £1m {
    require 1 from employment
    require 1 from skills
}
rule carbonOnly "Carbon only" when category is goods {
    include themes environment
}
rule other "Everything else" { }
`;

export const LARGE: ContractProfile = { contractValue: '2000000', category: 'services', durationMonths: 24 };
export const SMALL: ContractProfile = { contractValue: '50000', category: 'services', durationMonths: 12 };
export const GOODS: ContractProfile = { contractValue: '50000', category: 'goods', durationMonths: 12 };

/** Compiles the fixture (untailored, or tailored to a profile) and checks both outputs against the schemas on disk. */
export async function compileDemo(profile?: ContractProfile, source = FRAMEWORK): Promise<CompiledFramework> {
    const loaded = await loadSources({ '/measures/framework.svf': source });
    const compiled = compileFramework(frameworkOf(loaded), profile);
    expectValid('question-set.schema.json', compiled.questionSet);
    expectValid('rubric.schema.json', compiled.rubric);
    return compiled;
}

/** A framework with per-year minimums, horizons and an outlasting policy, compiled in memory. */
import { compileFramework, type CompiledFramework } from '../../compiler/index.js';
import { frameworkOf, loadSources } from '../compiler/fixture-loading.js';

export const TIME_FRAMEWORK = `framework timing "Time fixture" {
    version 1.0.0
    priceYear 2024
}

unit fte "no. people FTE" quantity
unit weeks "no. weeks" quantity
unit spend "£ spent locally" money

theme jobs "Jobs" {
    outcome employment "Local employment" {
        measure NT1 "Local people employed" {
            unit fte
            proxy £30,000 { source "Illustrative" }
            ask "How many local people (FTE) will you employ?"
            whole numbers
            horizon 1 year
        }
        measure NT1y "Local people employed, per year" {
            unit fte
            proxy £30,000 { source "Illustrative" }
            ask "How many local people (FTE) will you employ each year?"
            whole numbers
            multi year
        }
        measure NT3 "Apprenticeship weeks" {
            unit weeks
            proxy £250 { source "Illustrative" }
            ask "How many apprenticeship weeks will you provide?"
            horizon 52 weeks
        }
    }
}

theme growth "Growth" {
    outcome localSpend "Local spend" {
        measure LS1 "Local supply chain spend" {
            unit spend
            proxy £0.50 { source "Illustrative" }
            ask "How much will you spend with local suppliers?"
        }
    }
}

evaluation {
    weighting 10%
    method relative
    outlasting measures exclude
}

rule short "Short contracts" when durationMonths < 6 {
    minimum NT3 10
}

rule scaled "Up to a year" when durationMonths < 12 {
    outlasting measures scale
    minimum NT3 52
    minimum NT1 2
}

rule yearly "Per year" when contractValue >= £1m {
    minimum NT1 1 per £1m per year
    minimum NT3 2 per year
    minimum NT1y 1 per £1m per year
    minimum LS1 10000 per year
}

rule rest "Everything else" {
    minimum NT1 1 per £1m
}
`;

export async function compileTimeFramework(source = TIME_FRAMEWORK): Promise<CompiledFramework> {
    const loaded = await loadSources({ '/time/framework.svf': source });
    return compileFramework(frameworkOf(loaded));
}

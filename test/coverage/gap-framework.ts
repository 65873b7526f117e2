/** A framework with one deliberate gap (works contracts from £100k to under £250k in cityDeal), shared by the acknowledgement tests. */
export const GAP_FRAMEWORK = `framework lep "Regional programme (illustrative)" {
    version 1.0.0
}

profile {
    choice programme "Funding programme" one of growthDeal, cityDeal, boost, rosebud
}

evaluation { weighting 10% }

rule small when contractValue < £100k { no ask }
rule big when contractValue >= £250k { weighting 10% }
rule middle when programme in growthDeal, boost, rosebud { weighting 5% }
rule middleNotWorks when category in goods, services { weighting 5% }
`;

/** The gap's region, as the rule/gap warning words it. */
export const GAP = 'works contracts from £100,000 to under £250,000 in programme cityDeal';

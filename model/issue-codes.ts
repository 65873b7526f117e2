/**
 * Stable diagnostic codes. Tools, tests and quick fixes key on these; never rename one.
 * Grouped by concern, like the validation files (one file per concern).
 */
export const IssueCodes = {
    // syntax and references (svf-document-validator.ts, amount-checks.ts)
    AmountTooLong: 'syntax/amount-too-long',
    SyntaxError: 'syntax/error',
    LexingError: 'syntax/unexpected-character',
    NotSvfText: 'syntax/not-text',
    UnresolvedReference: 'reference/unresolved',

    // imports (import-checks.ts)
    ImportMissingFile: 'import/missing-file',
    ImportCycle: 'import/cycle',
    ImportNotSvf: 'import/not-svf',
    ImportInvalidPath: 'import/invalid-path',
    ImportNotAFile: 'import/not-a-file',
    ImportUnreadable: 'import/unreadable',
    ImportTooLarge: 'import/too-large',
    // imports of installed framework packages (workspace/package-imports.ts)
    ImportPackageNotInstalled: 'import/package-not-installed',
    ImportPackageNoEntry: 'import/package-no-entry',
    ImportPackageEntryNotSvf: 'import/package-entry-not-svf',
    ImportPackageFileMissing: 'import/package-file-missing',
    ImportPackagePathOutside: 'import/package-path-outside',
    // A framework that extends another: finding and loading the base.
    ExtendsPackageNotInstalled: 'extends/package-not-installed',
    ExtendsVersionOutOfRange: 'extends/version-out-of-range',
    ExtendsInvalidRange: 'extends/invalid-range',
    ExtendsMissingBase: 'extends/missing-base',
    ExtendsNoEntry: 'extends/no-entry',
    ExtendsNotAFramework: 'extends/not-a-framework',
    ExtendsCycle: 'extends/cycle',
    ExtendsBaseHasErrors: 'extends/base-has-errors',
    // ...and changing it (override, retire, add to, before/after).
    ExtendsNoBase: 'extends/no-base',
    ExtendsUnknownTarget: 'extends/unknown-target',
    ExtendsNotInherited: 'extends/not-inherited',
    ExtendsChangedTwice: 'extends/changed-twice',
    ExtendsRedeclared: 'extends/redeclared',
    ExtendsMissingReason: 'extends/missing-reason',
    ExtendsUnitChange: 'extends/unit-change',
    ExtendsUnknownScaleLevel: 'extends/unknown-scale-level',
    ExtendsRetiredInUse: 'extends/retired-in-use',

    // the file as bytes and characters (svf-document-validator.ts)
    NotUtf8: 'file/not-utf8',
    InvisibleCharacter: 'text/invisible-character',

    // declarations across files (declaration-checks.ts)
    DuplicateDeclaration: 'declaration/duplicate',
    RepeatedProperty: 'declaration/repeated-property',
    MissingProperty: 'declaration/missing-property',
    EmptyFile: 'file/empty',

    // framework header (header-checks.ts)
    InvalidVersion: 'framework/invalid-version',
    InvalidCurrency: 'framework/invalid-currency',
    InvalidPriceYear: 'framework/invalid-price-year',
    MissingHeader: 'framework/missing-header',
    InvalidMaxProxyAge: 'framework/invalid-max-proxy-age',

    // units and financial proxies (proxy-checks.ts)
    ProxyValueNotPositive: 'proxy/value-not-positive',
    AdjustmentOutOfRange: 'proxy/adjustment-out-of-range',
    ProxyUnitMismatch: 'proxy/unit-mismatch',
    StaleProxyPriceYear: 'proxy/stale-price-year',
    CurrencySymbolMismatch: 'proxy/currency-symbol-mismatch',
    ProxyMissingSource: 'proxy/missing-source',
    ProxyInvalidPriceYear: 'proxy/invalid-price-year',

    // measures (measure-checks.ts)
    MonetisedMeasureWithoutProxy: 'measure/missing-proxy',
    RecordOnlyMeasureWithProxy: 'measure/record-only-with-proxy',
    ProxyOnUnmonetisableUnit: 'measure/unmonetisable-unit-with-proxy',
    AnswerMinimumAboveMaximum: 'measure/minimum-above-maximum',
    InvalidAnswerLimit: 'measure/invalid-answer-limit',
    MultiYearNotValued: 'measure/multi-year-not-valued',

    // scales, method statements and evaluation (evaluation-checks.ts)
    ScaleLevelsNotOrdered: 'scale/levels-not-ordered',
    ScaleDuplicateScore: 'scale/duplicate-score',
    ScaleTooFewLevels: 'scale/too-few-levels',
    QuestionWeightsNot100: 'question/weights-not-100',
    QuestionWeightsMixed: 'question/weights-mixed',
    InvalidWordLimit: 'question/invalid-word-limit',
    InvalidQuestionWeight: 'question/invalid-weight',
    MinimumLevelNotOnScale: 'question/minimum-level-not-on-scale',
    SplitNot100: 'evaluation/split-not-100',
    SplitQuestionsMismatch: 'evaluation/split-questions-mismatch',
    MissingSplit: 'evaluation/missing-split',
    PercentageOutOfRange: 'evaluation/percentage-out-of-range',
    MissingEvaluation: 'evaluation/missing',
    MultipleEvaluations: 'evaluation/multiple',

    // proportionality rules (rule-checks.ts)
    RuleUnreachable: 'rule/unreachable',
    RuleGap: 'rule/gap',
    RuleBandMinimumAboveMaximum: 'rule/band-minimum-above-maximum',
    RuleSelectMinimumAboveMaximum: 'rule/select-minimum-above-maximum',
    RuleMeasureNotRelevant: 'rule/measure-not-relevant',
    RuleMinimumMeasuresUnavailable: 'rule/minimum-measures-unavailable',
    RuleConflictingEffects: 'rule/conflicting-effects',
    RuleInvalidNumber: 'rule/invalid-number',
    RuleMinimumAboveAnswerMaximum: 'rule/minimum-above-answer-maximum',

    // the contract profile's facts and categories (profile-checks.ts)
    UndeclaredFact: 'profile/undeclared-fact',
    UndeclaredFlag: 'profile/undeclared-flag',
    UnknownFactValue: 'profile/unknown-value',
    FactKindMismatch: 'profile/fact-kind-mismatch',
    UndeclaredCategory: 'profile/undeclared-category',
    ChosenNotDeclared: 'profile/chosen-not-declared',
    DuplicateFactValue: 'profile/duplicate-value',
    DuplicateFact: 'profile/duplicate-fact',
    // more profile codes here

    // acknowledged warnings (acknowledgement checks)
    AcknowledgeUnknownCode: 'acknowledge/unknown-code',
    AcknowledgeNotAWarning: 'acknowledge/not-a-warning',
    AcknowledgeUnused: 'acknowledge/unused',
    AcknowledgeMissingReason: 'acknowledge/missing-reason',
    // more acknowledgement codes here

    // scaling and time (per-year minimums, horizons, outlasting measures)
    MeasureOutlastsContract: 'measure/outlasts-contract',
    InvalidHorizon: 'measure/invalid-horizon',
    PerYearWithoutDuration: 'rule/per-year-without-duration',
    // more time codes here

    // award criteria, weighting ranges, caps (evaluation-checks.ts)
    WeightingDefaultBelowMinimum: 'evaluation/weighting-default-below-minimum',
    CriteriaWeightingNot: 'evaluation/criteria-weighting-mismatch',
    CriterionOverlap: 'evaluation/criteria-overlap',
    CriterionUncovered: 'evaluation/criteria-uncovered',
    UnknownCriterion: 'evaluation/unknown-criterion',
    ZeroWeightingWithSelect: 'evaluation/zero-weighting-with-select',
    RatioWithoutQuantitativeShare: 'evaluation/ratio-without-quantitative-share',
    InvalidMeasureCap: 'evaluation/invalid-measure-cap',
    // more evaluation codes here

    // answers, codes and tags, reporting metrics, names (measure-checks.ts, svf-document-validator.ts)
    AnswerKindWithProxy: 'measure/answer-kind-with-proxy',
    InvalidAnswerOptions: 'measure/invalid-answer-options',
    ReportingMetricInRule: 'measure/reporting-metric-in-rule',
    ReferenceWrongKind: 'reference/wrong-kind',
    KeywordAsName: 'syntax/keyword-as-name',
    // more measure/question codes here
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];

import type { ImportPlan, PlannedMeasure } from './measure-import.js';
import { moneyLiteral } from './measure-import.js';

/** The framework header of an imported measure list. */
export interface ImportedFrameworkHeader {
    id: string;
    title: string;
    version: string;
    currency: string;
    priceYear: number;
    /** The file the measures came from, named in the opening comment. */
    sourceFile: string;
}

/**
 * The .svf text of an imported measure list: the header, the units, the proxies, then the
 * themes with their outcomes and measures, in the order the list gave them, laid out as
 * `svf fmt` lays it out (4-space indent).
 */
export function importedFrameworkText(plan: ImportPlan, header: ImportedFrameworkHeader): string {
    const lines: string[] = [
        `// Imported by \`svf import\` from ${oneLine(header.sourceFile)}: ${plan.measureCount} measure${plan.measureCount === 1 ? '' : 's'}.`,
        '// Units and proxies are named after their labels and first measures; rename them as you like.',
        '',
        `framework ${header.id} ${svfString(header.title)} {`,
        `    version ${header.version}`,
        `    currency ${header.currency}`,
        `    priceYear ${header.priceYear}`,
        '    status draft',
        '}',
    ];
    if (plan.extraCategories.length > 0) {
        lines.push('', 'profile {', `    categories ${['goods', 'services', 'works', ...plan.extraCategories].join(', ')}`, '}');
    }
    lines.push('');
    for (const unit of plan.units) {
        lines.push(`unit ${unit.name} ${svfString(unit.label)} ${unit.kind}`);
    }
    for (const proxy of plan.proxies) {
        const properties = [
            ...(proxy.source !== null ? [`source ${svfString(proxy.source)}`] : []),
            ...(proxy.priceYear !== null ? [`priceYear ${proxy.priceYear}`] : []),
        ];
        const head = `proxy ${proxy.name} = ${moneyLiteral(proxy.value)} per ${proxy.unit}`;
        lines.push('');
        if (properties.length === 0) {
            lines.push(head);
        } else {
            lines.push(`${head} {`, ...properties.map(p => `    ${p}`), '}');
        }
    }
    for (const theme of plan.themes) {
        lines.push('', `theme ${theme.name} ${svfString(theme.title)} {`);
        theme.outcomes.forEach((outcome, index) => {
            if (index > 0) lines.push('');
            lines.push(`    outcome ${outcome.name} ${svfString(outcome.title)} {`);
            for (const measure of outcome.measures) lines.push(...measureLines(measure).map(line => `        ${line}`));
            lines.push('    }');
        });
        lines.push('}');
    }
    return `${lines.join('\n')}\n`;
}

function measureLines(measure: PlannedMeasure): string[] {
    return [
        `measure ${measure.code} ${svfString(measure.title)} {`,
        `    unit ${measure.unit}`,
        ...(measure.proxy !== null ? [`    proxy ${measure.proxy}`] : []),
        ...(measure.recordOnly ? ['    record only'] : []),
        ...(measure.categories.length > 0 ? [`    categories ${measure.categories.join(', ')}`] : []),
        `    ask ${svfString(measure.ask)}`,
        ...(measure.guidance !== null ? [`    guidance ${svfString(measure.guidance)}`] : []),
        ...(measure.evidence !== null ? [`    evidence ${svfString(measure.evidence)}`] : []),
        '}',
    ];
}

/** A text in double quotes, as the grammar's STRING reads it back: `\` and `"` escaped, line breaks and tabs as \n and \t. */
export function svfString(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function oneLine(text: string): string {
    return text.replace(/[\r\n]+/g, ' ');
}

/**
 * Real npm layouts for the package-import tests: each package is a folder with a
 * package.json, packed by `npm pack` and installed from the tarball by `npm install
 * --offline`, as a council would install a published framework package. Nothing is
 * fetched: the tarballs are local and npm's cache is a folder of the layout's own.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface PackageSource {
    readonly name: string;
    readonly version?: string;
    /** Extra package.json fields: `svf` (the entry), `files`, ... */
    readonly fields?: Record<string, unknown>;
    /** Files of the package, relative to its folder. */
    readonly files: Record<string, string>;
}

export class NpmLayout {
    /** The layout's folder (real path, so it matches the URIs the resolver makes). */
    readonly root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-packages-')));
    private readonly cache = path.join(this.root, '.npm-cache');

    /** Writes files below the root; returns the first one's folder. */
    write(files: Record<string, string>): void {
        for (const [file, text] of Object.entries(files)) {
            fs.mkdirSync(path.dirname(path.join(this.root, file)), { recursive: true });
            fs.writeFileSync(path.join(this.root, file), text);
        }
    }

    /** Makes the package's folder under `sources/` and packs it; returns the tarball's path. */
    pack(source: PackageSource): string {
        const folder = path.join(this.root, 'sources', source.name.replace('/', '+'), source.version ?? '1.0.0');
        fs.mkdirSync(folder, { recursive: true });
        fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: source.name, version: source.version ?? '1.0.0', ...source.fields }, null, 2));
        for (const [file, text] of Object.entries(source.files)) {
            fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
            fs.writeFileSync(path.join(folder, file), text);
        }
        const tarball = this.npm(folder, ['pack', '--silent']).trim().split('\n').pop()!;
        return path.join(folder, tarball);
    }

    /** `npm install --offline <tarballs>` in a folder below the root (given a package.json if it has none). */
    install(folder: string, tarballs: string[]): void {
        const absolute = path.join(this.root, folder);
        fs.mkdirSync(absolute, { recursive: true });
        if (!fs.existsSync(path.join(absolute, 'package.json'))) {
            fs.writeFileSync(path.join(absolute, 'package.json'), JSON.stringify({ name: path.basename(absolute), version: '1.0.0', private: true }));
        }
        this.npm(absolute, ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', ...tarballs]);
    }

    path(...parts: string[]): string {
        return path.join(this.root, ...parts);
    }

    remove(): void {
        fs.rmSync(this.root, { recursive: true, force: true });
    }

    private npm(cwd: string, args: string[]): string {
        return execFileSync('npm', args, {
            cwd, encoding: 'utf8', timeout: 60_000,
            env: { ...process.env, npm_config_cache: this.cache, npm_config_update_notifier: 'false', npm_config_loglevel: 'error' }
        });
    }
}

/** The units and the proxy of the README's example framework, published as a package. */
export const REAL_ESTATE_MEASURES: PackageSource = {
    name: '@orbis/real-estate-measures',
    fields: { svf: { entry: 'measures.svf' }, files: ['*.svf'] },
    files: {
        'measures.svf': [
            'unit fte "no. people FTE"',
            'unit week "no. weeks"',
            'unit policy "no. policies" record',
            '',
            'proxy localJob "A local person employed for a year" = £24,000 per fte {',
            '    source "ILLUSTRATIVE value after ONS median full-time pay (2024 prices)"',
            '    priceYear 2024',
            '    deadweight 20%',
            '    attribution 5%',
            '}',
            ''
        ].join('\n'),
        // Uses a package of its own, installed in the package's node_modules.
        'regional.svf': [
            'import "svf-units"',
            '',
            'proxy volunteerHour "An hour of volunteering" = £15 per hour {',
            '    source "ILLUSTRATIVE value of an hour of volunteering (2024 prices)"',
            '    priceYear 2024',
            '}',
            ''
        ].join('\n')
    }
};

/** A council framework that takes its units and proxies from the package (the README's example otherwise). */
export const COUNCIL_FRAMEWORK = [
    'import "@orbis/real-estate-measures"',
    'import "@orbis/real-estate-measures/regional.svf"',
    '',
    'framework westbury.socialValue "Westbury Borough Council Social Value Framework" {',
    '    version 1.0.0',
    '    currency GBP',
    '    priceYear 2025',
    '    publisher "Westbury Borough Council"',
    '    status draft',
    '}',
    '',
    'scale fivePoint "Method statement quality" {',
    '    0 "No response" "Nothing offered"',
    '    3 "Good" "Specific, timed and evidenced commitments"',
    '    5 "Excellent" "Exceeds the outcome, with named local partners"',
    '}',
    '',
    'theme jobs "Promote local skills and employment" {',
    '    outcome localEmployment "More local people in employment" {',
    '        measure WB1 "Local people employed on the contract" {',
    '            unit fte',
    '            proxy localJob',
    '            ask "How many local people (FTE) will you employ on this contract?"',
    '        }',
    '        measure WB3 "Volunteering hours" {',
    '            unit hour',
    '            proxy volunteerHour',
    '            ask "How many hours of volunteering will your staff give?"',
    '        }',
    '        measure WB2 "Fair work policies adopted" {',
    '            unit policy',
    '            record only',
    '            ask "Which fair work policies will you adopt for this contract?"',
    '        }',
    '    }',
    '}',
    '',
    'question employmentPlan "Employment and skills plan" {',
    '    outcomes localEmployment',
    '    scale fivePoint',
    '    words 500',
    '    weight 100%',
    '    ask "Describe how you will recruit and train local people on this contract."',
    '}',
    '',
    'evaluation {',
    '    weighting 10%',
    '    split quantitative 60% qualitative 40%',
    '    method relative',
    '}',
    ''
].join('\n');

/** svf-units 1.0.0 declares `hour`; 2.0.0 renamed it `hours`, so a wrong pick fails to link. */
export function svfUnits(version: '1.0.0' | '2.0.0'): PackageSource {
    return {
        name: 'svf-units', version,
        fields: { svf: { entry: 'units.svf' }, files: ['units.svf'] },
        files: { 'units.svf': version === '1.0.0' ? 'unit hour "no. hours"\n' : 'unit hours "no. hours"\n' }
    };
}

/**
 * The council of the tests: council/ has @orbis/real-estate-measures and svf-units 2.0.0
 * installed; the package has svf-units 1.0.0 in its own node_modules (installed there by
 * npm, as when two versions cannot share one folder). `others` are installed in council/
 * too, at the same time (a later install in council/ would prune the package's own).
 */
export function installCouncil(layout: NpmLayout, others: PackageSource[] = []): void {
    layout.write({ 'council/framework.svf': COUNCIL_FRAMEWORK });
    layout.install('council', [REAL_ESTATE_MEASURES, svfUnits('2.0.0'), ...others].map(source => layout.pack(source)));
    layout.install('council/node_modules/@orbis/real-estate-measures', [layout.pack(svfUnits('1.0.0'))]);
}

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Before any test: the examples that depend on framework packages (examples/eastshire
 * extends @orbis/social-value by `file:../orbis-base`) get them installed, as the README
 * says a council does (`npm install` in the example's folder). Offline: a `file:`
 * dependency needs no registry. Reinstalled on every run, so the copy in node_modules is
 * the base as it is now, not as it was when last installed.
 */
export default function installExampleDependencies(): void {
    const examples = path.join(import.meta.dirname, '..', 'examples');
    for (const name of fs.readdirSync(examples).sort()) {
        const manifest = path.join(examples, name, 'package.json');
        if (!fs.existsSync(manifest)) continue;
        const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> };
        if (!json.dependencies || Object.keys(json.dependencies).length === 0) continue;
        const folder = path.dirname(manifest);
        fs.rmSync(path.join(folder, 'node_modules'), { recursive: true, force: true });
        execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock'], {
            cwd: folder, stdio: 'pipe', timeout: 120_000,
            env: { ...process.env, npm_config_update_notifier: 'false', npm_config_loglevel: 'error' }
        });
    }
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { URI, type LangiumDocument } from 'langium';
import type { SvfServices } from '../language/svf-module.js';
import type { ExitCode } from './exit-codes.js';

export interface WatchHandlers {
    /** The framework was rebuilt after a change: its documents (entry first), and when the change was seen (performance.now()). */
    rebuilt(documents: LangiumDocument[], changeSeenAt: number): ExitCode;
    /** Lines for the person watching (what changed, what is watched). */
    log(lines: string[]): void;
}

/** Editors save in bursts (write, rename, touch): changes this close together are one rebuild. */
const SETTLE_MS = 15;

/**
 * `svf compile --watch`: keeps the framework loaded and rebuilds it when one of its files
 * changes on disk, through Langium's incremental update, so only what the edit can affect is
 * reparsed and relinked (see SvfDocumentBuilder); then the caller recompiles. The folders
 * of the framework's files are watched (editors often save by renaming a new file over the
 * old one, which a watch on the file itself would miss), and the set of folders follows the
 * framework as imports are added or removed. Runs until the process is stopped (Ctrl-C);
 * the promise never settles.
 */
export function watchFramework(services: SvfServices, entry: LangiumDocument, handlers: WatchHandlers): Promise<ExitCode> {
    const documents = services.shared.workspace.LangiumDocuments;
    const graph = services.workspace.ImportGraph;
    const builder = services.shared.workspace.DocumentBuilder;
    const watchers = new Map<string, fs.FSWatcher>();
    const pending = new Set<string>();
    let firstSeen = 0;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;

    const closure = () => graph.closure(documents.getDocument(entry.uri) ?? entry);
    const watchedFiles = () => new Set(closure().map(document => document.uri.fsPath));

    const followFolders = () => {
        const folders = new Set(closure().map(document => path.dirname(document.uri.fsPath)));
        for (const [folder, watcher] of watchers) {
            if (!folders.has(folder)) {
                watcher.close();
                watchers.delete(folder);
            }
        }
        for (const folder of folders) {
            if (watchers.has(folder)) continue;
            try {
                watchers.set(folder, fs.watch(folder, (_event, name) => name && changed(path.join(folder, name.toString()))));
            } catch (error) {
                handlers.log([`svf: cannot watch ${folder}: ${(error as Error).message}`]);
            }
        }
    };

    const changed = (file: string) => {
        if (!file.endsWith('.svf') || !watchedFiles().has(file)) return;
        if (pending.size === 0) firstSeen = performance.now();
        pending.add(file);
        clearTimeout(timer);
        timer = setTimeout(rebuild, SETTLE_MS);
    };

    const rebuild = () => {
        if (running) {
            // One rebuild at a time; this one runs when the current one ends.
            void running.then(() => { timer = setTimeout(rebuild, 0); });
            return;
        }
        const files = [...pending];
        pending.clear();
        if (files.length === 0) return;
        const since = firstSeen;
        running = (async () => {
            const existing = files.filter(file => fs.existsSync(file));
            const removed = files.filter(file => !fs.existsSync(file));
            await builder.update(existing.map(file => URI.file(file)), removed.map(file => URI.file(file)));
            followFolders();
            handlers.rebuilt(closure(), since);
        })().catch(error => {
            handlers.log([`svf: could not rebuild after the change: ${(error as Error).message}`]);
        }).finally(() => {
            running = undefined;
        });
    };

    followFolders();
    handlers.log([`Watching ${watchedFiles().size} file(s) in ${watchers.size} folder(s); recompiling on every save. Stop with Ctrl-C.`]);
    return new Promise<ExitCode>(() => { /* runs until the process is stopped */ });
}

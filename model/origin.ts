/**
 * Where something in a framework was written: the file, the range (0-based lines and
 * characters, as editors count them) and the framework it belongs to. Every declaration
 * and overridable property of the model carries one, so a check, a diff or a merge can
 * point at the exact place (and, once frameworks extend each other, at both places).
 */
export interface SourcePosition {
    line: number;
    character: number;
}

export interface SourceRange {
    start: SourcePosition;
    end: SourcePosition;
}

/** The framework a declaration came from, by id and version. */
export interface FrameworkRef {
    id: string;
    version: string | null;
}

export interface Origin {
    /** The file's URI (`file:///...`), as the loader named it. */
    file: string;
    range: SourceRange;
    framework: FrameworkRef;
}

/** Origins of a declaration's properties, by property name, for those written in the source. */
export type PropertyOrigins<K extends string> = Partial<Record<K, Origin>>;

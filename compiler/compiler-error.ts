/**
 * The compiler cannot produce outputs: the framework breaks an assumption the validator
 * should have caught, or an output does not match its schema (a bug; we never write
 * invalid JSON). The message is written for the person running the compiler.
 */
export class CompilerError extends Error {
    override readonly name = 'CompilerError';
}

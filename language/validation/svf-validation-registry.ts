import { ValidationRegistry, isOperationCancelled, type ValidationAcceptor, type ValidationCheck } from 'langium';

/**
 * Langium wraps every check in two async functions to catch its exceptions, so each check
 * of each node costs several promises, even though our checks are synchronous. On a large
 * framework that is a noticeable share of validation. This wrapper catches exceptions the
 * same way (logged, and reported as an error on the node) without making a synchronous
 * check asynchronous; SvfDocumentValidator only awaits checks that return a promise.
 */
export class SvfValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken) => {
            const failed = (error: unknown) => this.reportCheckFailure(error, accept, node);
            try {
                const pending = check.call(thisObj, node, accept, cancelToken);
                return pending instanceof Promise ? pending.catch(failed) : undefined;
            } catch (error) {
                failed(error);
                return undefined;
            }
        };
    }

    private reportCheckFailure(error: unknown, accept: ValidationAcceptor, node: Parameters<ValidationCheck>[0]): void {
        if (isOperationCancelled(error)) {
            throw error;
        }
        console.error('An error occurred during validation:', error);
        if (error instanceof Error && error.stack) {
            console.error(error.stack);
        }
        const details = error instanceof Error ? error.message : String(error);
        accept('error', `An error occurred during validation: ${details}`, { node });
    }
}

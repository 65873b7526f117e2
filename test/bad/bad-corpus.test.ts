import * as path from 'node:path';
import { createValidationTests } from '../helpers/expectations.js';

// Broken files, each with the diagnostics it must give ($TEST$ comments): no crash, and a
// clear message on the right line.
createValidationTests(path.join(import.meta.dirname, 'corpus'));

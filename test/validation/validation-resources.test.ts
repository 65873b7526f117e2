import * as path from 'node:path';
import { createValidationTests } from '../helpers/expectations.js';

// Every .svf case under resources/ states its expected diagnostics inline ($TEST$ comments).
createValidationTests(path.join(import.meta.dirname, 'resources'));

// Imported first: zod must not probe `new Function` (its JIT), which our CSP (no 'unsafe-eval') reports as a violation.
import { z } from 'zod';

z.config({ jitless: true });

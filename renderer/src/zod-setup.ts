import { z } from 'zod';

// zod compiles fast parsers with new Function() unless told not to. The CSP (no 'unsafe-eval') refuses
// that and Chromium logs a violation each time, so use zod's interpreter. This module is main.tsx's
// first import: module bodies run in import order, so this runs before any schema in shared/ is built.
z.config({ jitless: true });

/**
 * zod compiles fast parsers with `new Function` unless told not to; the dashboard's CSP forbids
 * eval, and even the swallowed attempt is reported as a violation. Imported first by main.tsx.
 */
import { z } from 'zod';

z.config({ jitless: true });

/**
 * Imported before Scalar: zod 4 probes `new Function` (an eval) to decide whether it may JIT its
 * parsers, which a CSP without 'unsafe-eval' reports as a violation. `jitless` skips the probe.
 * zod is a direct dependency (pinned) so Scalar and this module share one zod instance.
 */
import { config } from 'zod';

config({ jitless: true });

// What scripts/train-injection-model.mjs needs from the detector, bundled by esbuild: training reads text
// through the same normalisation, features and rules as detection.
export { detectInjection } from '../../src/scanners/injection/detect.js';
export { featureBuffer, HASH_BITS, textFeatures } from '../../src/scanners/injection/features.js';
export { decodeModel, denseFeatures } from '../../src/scanners/injection/model.js';
export { findHiddenRegions, normalizeForScan } from '../../src/scanners/injection/normalize.js';
export { findRuleHits } from '../../src/scanners/injection/rules.js';
export { structureFeatures } from '../../src/scanners/injection/structure.js';

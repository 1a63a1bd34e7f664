/** Models learned from a household's own telemetry: 1R1C room model and a measured COP correction (identify-rc.md). */
export { identifyRcModel, type RcSample, type RcPrior, type RcIdentifyOptions, type RcIdentification, type RcFit, type RcStatus } from './identify-rc.js';
export { copCorrection, type CopSample, type CopCorrection } from './measured-cop.js';
export { leastSquares, type LeastSquaresFit } from './linear-least-squares.js';
export { identifyRcOutputError, type RcOutputErrorOptions } from './identify-rc-output-error.js';
export { freeRunError, type FreeRunError, type RoomParameters } from './free-run-error.js';

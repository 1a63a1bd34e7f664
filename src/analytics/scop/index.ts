export * from './bin-method.js';
export * from './climate-bins.js';
export * from './declared-unit.js';
export * from './error-distribution.js';
export * from './keymark-rating.js';
export * from './keymark-row.js';
export * from './seasonal-efficiency.js';

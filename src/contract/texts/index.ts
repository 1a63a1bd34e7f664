/** Server-made texts in zh-CN and English: codes + params on the wire, catalogues to word them (docs/i18n.md). */
export * from './text-ref.js';
export * from './catalogues.js';
export * from './cause-texts.js';
export * from './contract-texts.js';
export * from './dispatch-texts.js';
export * from './error-texts.js';
export * from './tariff-texts.js';
export * from './report-texts.js';
export * from './unit-texts.js';

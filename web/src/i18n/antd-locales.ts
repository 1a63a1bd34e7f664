import type { ConfigProviderProps } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';

type AntdLocale = NonNullable<ConfigProviderProps['locale']>;
// antd ships ES modules without "type": "module": TypeScript (NodeNext) types the default import as
// the CommonJS module object while Vite hands over the locale itself. Accept both shapes.
const pick = (m: unknown): AntdLocale => ((m as { default?: AntdLocale }).default ?? m) as AntdLocale;

export const antdLocale = (lang: string): AntdLocale => (lang === 'en' ? pick(enUSModule) : pick(zhCNModule));

import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { rememberLang, type Lang } from '../i18n/i18n.js';

export function LangSwitch() {
  const { i18n } = useTranslation();
  const change = (lang: Lang): void => {
    rememberLang(lang);
    document.documentElement.lang = lang;
    void i18n.changeLanguage(lang);
  };
  return (
    <Segmented
      size="small"
      data-testid="lang-switch"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      onChange={(v) => change(v as Lang)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}

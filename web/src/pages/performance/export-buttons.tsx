import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PATHS } from './api.js';
import { scopeQuery, type Scope } from './scope.js';

/**
 * The season report of the filtered population as files: CSV and XLSX download, the printable HTML page opens
 * in a new tab in the page's language (the server renders it; the session cookie goes along).
 */
export function ExportButtons({ scope }: { scope: Scope }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const q = scopeQuery(scope, { lang });
  return (
    <Space wrap data-testid="perf-export">
      <Button icon={<DownloadOutlined />} href={`${PATHS.csv}${q}`} download data-testid="perf-export-csv">CSV</Button>
      <Button icon={<DownloadOutlined />} href={`${PATHS.xlsx}${q}`} download data-testid="perf-export-xlsx">XLSX</Button>
      <Button icon={<PrinterOutlined />} href={`${PATHS.html}${q}`} target="_blank" rel="noopener" data-testid="perf-export-html">{t('perf.printable')}</Button>
    </Space>
  );
}

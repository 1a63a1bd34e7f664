import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Population, ReportPeriod } from './api.js';

/**
 * The period and population every figure below was computed over, in words; a period without readings
 * says so plainly instead of showing an empty table.
 */
export function ReportContext({ period, population, notes: notesEn, notesZh }: { period: ReportPeriod; population: Population; notes?: string[]; notesZh?: string[] }) {
  const { t, i18n } = useTranslation();
  // The server words its notes in both languages; a note it has no Chinese for stays English.
  const zh = i18n.language !== 'en' && notesZh !== undefined && notesZh.length === (notesEn ?? []).length;
  const notes = zh ? notesZh : notesEn;
  const noData = population.unitsWithData === 0;
  return (
    <Flex vertical gap={6} data-testid="report-context">
      <Flex gap={12} wrap align="center">
        <span data-testid="report-period" data-from={period.from} data-to={period.to}>
          <Typography.Text strong>{t('perf.periodLabel')}: </Typography.Text>
          {period.label} <Typography.Text type="secondary">({t('perf.days', { count: period.days })}, {t('perf.beijingDays')})</Typography.Text>
        </span>
        {period.source === 'default-season' && <Tag color="blue">{t('perf.defaultSeason')}</Tag>}
        {period.clampedToData && (
          <Tooltip title={period.dataDays ? t('perf.dataDays', { first: period.dataDays.first, last: period.dataDays.last }) : undefined}>
            <Tag color="gold">{t('perf.clampedToData')}</Tag>
          </Tooltip>
        )}
        <span data-testid="report-population" data-units-with-data={population.unitsWithData}>
          {t('perf.population', { matched: population.unitsMatched, inScope: population.unitsInScope, withData: population.unitsWithData })}
        </span>
      </Flex>
      {noData && <Alert type="info" showIcon data-testid="no-data" title={t('perf.noDataInPeriod', { period: period.label })} />}
      {/* Notes in the page's language inline; English notes on a Chinese page (an older server) behind an icon. */}
      {notes && notes.length > 0 && (i18n.language === 'en' || zh ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="report-notes">
          {t('perf.notes')}: {notes.join(' · ')}
        </Typography.Text>
      ) : (
        <Tooltip title={<ul style={{ margin: 0, paddingInlineStart: 16 }}>{notes.map((n) => <li key={n}>{n}</li>)}</ul>}>
          <Typography.Text type="secondary" style={{ fontSize: 12, cursor: 'help' }} data-testid="report-notes">
            <InfoCircleOutlined /> {t('perf.notesEnglish', { count: notes.length })}
          </Typography.Text>
        </Tooltip>
      ))}
    </Flex>
  );
}

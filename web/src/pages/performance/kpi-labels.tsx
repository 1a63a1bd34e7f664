import { Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DASH, fmtNumber } from '../../format/format.js';
import { KPI_DIGITS, type BoundaryKey, type SeasonKpiKey } from './api.js';

/** "H2" with the SEPEMO definition on hover: every SPF shown says which boundary it is. */
export function BoundaryTag({ boundary }: { boundary: BoundaryKey | null | undefined }) {
  const { t } = useTranslation();
  if (!boundary) return null;
  return (
    <Tooltip title={t(`boundary.${boundary}`)}>
      <Tag color="geekblue" style={{ marginInlineEnd: 0, marginInlineStart: 4 }} data-testid="boundary-tag">{boundary.toUpperCase()}</Tag>
    </Tooltip>
  );
}

/** Unit symbols the server uses, as people read them ('-' is a plain ratio). */
export const unitSuffix = (unit: string, t: TFunction): string => (unit === '-' ? '' : unit === 'count' ? t('perf.unitCount') : unit);

/** A KPI's name in the page language, its unit and its boundary. */
export function KpiTitle({ kpi, unit, boundary }: { kpi: SeasonKpiKey | string; unit?: string; boundary?: BoundaryKey | null }) {
  const { t } = useTranslation();
  const u = unit ? unitSuffix(unit, t) : '';
  return (
    <span data-kpi={kpi}>
      {/^spfH\d$/.test(kpi) ? <Tooltip title={t(`perfKpi.${kpi}`)}><span>SPF</span></Tooltip> : t(`perfKpi.${kpi}`, { defaultValue: kpi })}
      {u && <Typography.Text type="secondary"> ({u})</Typography.Text>}
      <BoundaryTag boundary={boundary} />
    </span>
  );
}

export const fmtKpi = (kpi: SeasonKpiKey | string, value: number | null | undefined, lang: string): string =>
  fmtNumber(value, lang, KPI_DIGITS[kpi as SeasonKpiKey] ?? 2);

/** Why a figure is missing, in words (reason codes of the analytics: no-heat-meter, no-data …). */
export const reasonText = (reason: string, t: TFunction): string => t(`nullReason.${reason}`, { defaultValue: reason });

/** A figure, or the reason it has none: never a silent 0 or a bare dash when the server said why. */
export function KpiValue({ kpi, value, reason, testId }: { kpi: SeasonKpiKey | string; value: number | null | undefined; reason?: string | null; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return (
      <Typography.Text type="secondary" data-testid={testId} data-null-reason={reason ?? 'unknown'}>
        {reason ? reasonText(reason, t) : <Tooltip title={t('perf.notComputable')}><span>{DASH}</span></Tooltip>}
      </Typography.Text>
    );
  }
  return <span data-testid={testId} data-value={value}>{fmtKpi(kpi, value, i18n.language)}</span>;
}

/** Codes the server explains in English detail text; the page shows the code's name and the detail on hover. */
export function CodeTag({ group, code, detail, color }: { group: 'notEvaluable' | 'cause' | 'excluded'; code: string; detail?: string; color?: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={detail}>
      <Tag color={color ?? 'orange'} data-code={code}>{t(`${group}.${code}`, { defaultValue: code })}</Tag>
    </Tooltip>
  );
}

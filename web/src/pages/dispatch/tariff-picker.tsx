import { Flex, Popover, Select, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { fmtNumber } from '../../format/format.js';
import { itemsOf } from '../ops/list-response.js';
import { dispatchPaths, type TariffPresetView } from './dispatch-api.js';
import { useServerText } from '../../i18n/server-texts.js';

/** A preset's verification flag: "unverified" means at least one of its numbers is not traced to a source. */
export const TariffStatusTag = ({ tariff }: { tariff: TariffPresetView }) => {
  const { t } = useTranslation();
  if (!tariff.available) return <Tag data-testid="tariff-status" data-status="unavailable">{t('dispatch.tariffStatus.unavailable')}</Tag>;
  return (
    <Tag color={tariff.status === 'verified' ? 'green' : 'orange'} data-testid="tariff-status" data-status={tariff.status}>
      {t(`dispatch.tariffStatus.${tariff.status ?? 'unverified'}`)}
    </Tag>
  );
};

/** What the tariff is and where its numbers come from: windows, prices, subsidy and cap, note, sources. */
export function TariffDetails({ tariff }: { tariff: TariffPresetView }) {
  const { t, i18n } = useTranslation();
  const st = useServerText();
  const lang = i18n.language;
  if (!tariff.available) return <Typography.Paragraph style={{ maxWidth: 420, margin: 0 }} data-testid="tariff-reason">{st('tariffReason', tariff.reasonRef, tariff.reason ?? '')}</Typography.Paragraph>;
  return (
    <Flex vertical gap={4} style={{ maxWidth: 480 }} data-testid="tariff-details">
      <Typography.Text strong>{st('tariffName', tariff.nameRef, tariff.name)}</Typography.Text>
      {tariff.windows.map((w) => (
        <Typography.Text key={w.name}>
          {t('dispatch.tariffWindow', { name: w.name, from: w.fromLocal, to: w.toLocal, price: fmtNumber(w.priceYuanPerKWh, lang, 4), subsidy: fmtNumber(w.subsidyYuanPerKWh, lang, 2) })}
        </Typography.Text>
      ))}
      {tariff.subsidyCapKWhPerSeason !== null && <Typography.Text>{t('dispatch.tariffCap', { kwh: fmtNumber(tariff.subsidyCapKWhPerSeason, lang, 0) })}</Typography.Text>}
      {tariff.season && <Typography.Text>{t('dispatch.tariffSeason', { from: tariff.season.from, to: tariff.season.to })}</Typography.Text>}
      {tariff.note && <Typography.Text type="warning" data-testid="tariff-note">{st('tariffNote', tariff.noteRef, tariff.note)}</Typography.Text>}
      <Typography.Text type="secondary">{t('dispatch.tariffSources')}</Typography.Text>
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {tariff.sources.map((s) => <li key={s}><Typography.Text type="secondary" style={{ fontSize: 12 }}>{s}</Typography.Text></li>)}
      </ul>
    </Flex>
  );
}

/** Chooses the tariff preset a new plan is priced with; unavailable presets are listed with their reason, not selectable. */
export function TariffPicker({ value, onChange }: { value: string | undefined; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const { data } = useApi<{ items: TariffPresetView[] } | TariffPresetView[]>(dispatchPaths.tariffs());
  const tariffs = itemsOf(data);
  const fallback = tariffs.find((x) => x.isDefault)?.id;
  useEffect(() => {
    if (value === undefined && fallback !== undefined) onChange(fallback);
  }, [value, fallback, onChange]);
  const chosen = tariffs.find((x) => x.id === value);
  return (
    <Flex gap={4} align="center" data-testid="tariff-picker" data-tariff-id={value}>
      <Select<string>
        style={{ width: 260 }}
        value={value}
        onChange={onChange}
        placeholder={t('dispatch.tariff')}
        data-testid="tariff-select"
        popupMatchSelectWidth={false}
        options={tariffs.map((x) => ({
          value: x.id,
          disabled: !x.available,
          label: <Flex gap={4} align="center" data-testid={`tariff-option-${x.id}`}><span>{t(`dispatch.tariffName.${x.id}`, { defaultValue: x.name })}</span><TariffStatusTag tariff={x} /></Flex>,
        }))}
      />
      {chosen && (
        <Popover content={<TariffDetails tariff={chosen} />} title={t('dispatch.tariffAbout')}>
          <Typography.Link data-testid="tariff-info">{t('dispatch.tariffAboutShort')}</Typography.Link>
        </Popover>
      )}
    </Flex>
  );
}

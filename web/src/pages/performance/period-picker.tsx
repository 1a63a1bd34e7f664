import { Button, Flex, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lastDayOf, periodFromDays, type Scope } from './scope.js';

type Mode = 'season' | 'custom';

/**
 * Local days (Beijing): the current heating season as the server defines it, or a first and last day.
 * The API takes [from, to) with `to` exclusive; people pick the last day and see it as such.
 */
export function PeriodPicker({ scope, onChange }: { scope: Scope; onChange: (next: Pick<Scope, 'from' | 'to'>) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>(scope.from ? 'custom' : 'season');
  const [first, setFirst] = useState(scope.from ?? '');
  const [last, setLast] = useState(lastDayOf(scope) ?? '');
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(first) && /^\d{4}-\d{2}-\d{2}$/.test(last) && first <= last;

  const chooseMode = (m: Mode): void => {
    setMode(m);
    if (m === 'season') onChange({ from: undefined, to: undefined });
  };
  return (
    <Flex gap={8} align="center" wrap data-testid="period-picker">
      <Typography.Text type="secondary">{t('perf.period')}</Typography.Text>
      <Segmented<Mode>
        value={mode}
        onChange={chooseMode}
        options={[{ value: 'season', label: t('perf.periodSeason') }, { value: 'custom', label: t('perf.periodCustom') }]}
      />
      {mode === 'custom' && (
        <>
          <Input type="date" style={{ width: 150 }} value={first} onChange={(e) => setFirst(e.target.value)} aria-label={t('perf.firstDay')} data-testid="period-first" />
          <span>–</span>
          <Input type="date" style={{ width: 150 }} value={last} onChange={(e) => setLast(e.target.value)} aria-label={t('perf.lastDay')} data-testid="period-last" />
          <Button type="primary" ghost disabled={!valid} onClick={() => onChange(periodFromDays(first, last))} data-testid="period-apply">
            {t('perf.apply')}
          </Button>
        </>
      )}
    </Flex>
  );
}

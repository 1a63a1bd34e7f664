import { Alert, Button, Flex, Input, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest } from '../../api/client.js';
import { fmtDateTime } from '../../format/format.js';
import { drPaths, type DrEventDetail } from './dr-api.js';
import { useServerText } from '../../i18n/server-texts.js';

/**
 * Cancel an offered or committed event before its window ends, with an optional note. For a committed event the
 * server puts the participants back on their pre-event plan (a new plan revision) and sends it to their devices.
 */
export function DrCancel({ event, onDone }: { event: DrEventDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const st = useServerText();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const cancel = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await apiRequest(drPaths.cancel(event.id), { method: 'POST', body: note.trim() ? { note: note.trim() } : {} });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'internal', String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={8} style={{ margin: '12px 0' }} data-testid="dr-cancel-form">
      <Flex gap={8} align="center" wrap>
        <Input style={{ width: 320 }} maxLength={300} placeholder={t('dr.cancelNote')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="dr-cancel-note" />
        <Popconfirm title={t(event.status === 'committed' ? 'dr.cancelConfirmCommitted' : 'dr.cancelConfirmOffered')} onConfirm={() => void cancel()} okText={t('dispatch.ok')} cancelText={t('dispatch.cancel')}>
          <Button danger loading={busy} data-testid="dr-cancel">{t('dr.cancelEvent')}</Button>
        </Popconfirm>
      </Flex>
      {error && <Alert type="error" showIcon title={st('apiError', error.text, error.message)} />}
    </Flex>
  );
}

/** Who cancelled, when, why, and the plan revisions that reverted the participants. */
export function DrCancellation({ event }: { event: DrEventDetail }) {
  const { t, i18n } = useTranslation();
  const c = event.cancellation;
  if (!c) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ margin: '12px 0' }}
      data-testid="dr-cancellation"
      title={t('dr.cancelledBy', { who: c.by, at: fmtDateTime(c.atMs, i18n.language) })}
      description={
        <Flex vertical>
          {c.note && <Typography.Text>{c.note}</Typography.Text>}
          <Typography.Text type="secondary">
            {c.revertedPlanIds.length ? t('dr.cancelReverted', { plans: c.revertedPlanIds.join(', '), commands: c.commandIds.length }) : t('dr.cancelNothingSent')}
          </Typography.Text>
        </Flex>
      }
    />
  );
}

import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerText } from '../../i18n/server-texts.js';
import { alarmText } from './dispatch-texts.js';
import { ApiError, apiRequest } from '../../api/client.js';
import { dispatchPaths, type DispatchAlarmView } from './dispatch-api.js';

/**
 * Marks an alarm as seen/handled with a note (required: what was seen or done). The server records who and when,
 * writes the audit log, and refuses a second acknowledgement naming the first.
 */
export function AcknowledgeAlarmModal({ alarm, siteNames, onClose, onDone }: {
  alarm: DispatchAlarmView | null;
  siteNames: ReadonlyMap<string, string>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const srv = useServerText();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    setError(undefined);
    form.resetFields();
  }, [alarm, form]);

  const submit = async ({ note }: { note: string }): Promise<void> => {
    if (!alarm) return;
    setBusy(true);
    setError(undefined);
    try {
      await apiRequest<unknown>(dispatchPaths.acknowledgeAlarm(alarm.id), { method: 'POST', body: { note } });
      onDone();
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'internal', String(err));
      setError(e);
      if (e.issues.length) form.setFields([{ name: 'note', errors: e.issues.map((i) => i.message) }]);
    } finally {
      setBusy(false);
    }
  };

  const who = alarm?.siteId ? (siteNames.get(alarm.siteId) ?? alarm.siteId) : alarm?.transformerId ? t('dispatch.transformerTitle', { id: alarm.transformerId }) : '';
  return (
    <Modal open={alarm !== null} title={t('dispatch.ackTitle', { who })} onCancel={onClose} footer={null} destroyOnHidden width={520}>
      {alarm && <Typography.Paragraph type="secondary" data-testid="ack-alarm-message">{alarmText(alarm, srv, i18n.language)}</Typography.Paragraph>}
      <Form<{ note: string }> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="acknowledge-form" requiredMark>
        <Form.Item name="note" label={t('dispatch.ackNote')} extra={t('dispatch.ackHint')} rules={[{ required: true, whitespace: true, message: t('dispatch.ackNoteRequired') }, { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="ack-note" />
        </Form.Item>
        {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="ack-error" title={srv('apiError', error.text, error.message)} />}
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('dispatch.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="ack-submit">{t('dispatch.acknowledge')}</Button>
        </Flex>
      </Form>
    </Modal>
  );
}

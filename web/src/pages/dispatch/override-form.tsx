import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetOverview } from '../../../../src/contract/api.js';
import { ApiError, apiGet, apiRequest } from '../../api/client.js';
import { fmtDateTime } from '../../format/format.js';
import { sgStateLabel } from './command-labels.js';
import { dispatchPaths, MAX_SG_LOCK_MS, SETPOINT_RANGE_C, type Override, type SgReadyState } from './dispatch-api.js';
import { beijingLocalToMs, msToBeijingLocal } from './slot-time.js';
import { useServerText } from '../../i18n/server-texts.js';

interface Values {
  siteId: string;
  kind: Override['kind'];
  setpointC?: number;
  sgState?: SgReadyState;
  from?: string;
  to: string;
  note?: string;
}
/** Wire fields → form fields, so the server's validation errors land under the field they name. */
const FIELD_OF: Record<string, keyof Values> = { siteId: 'siteId', kind: 'kind', setpointC: 'setpointC', sgState: 'sgState', fromMs: 'from', toMs: 'to', note: 'note' };
const HOUR_MS = 3_600_000;

/**
 * Manual override of one household: a room setpoint or an SG-Ready-like run permission for a window. The server
 * validates, audits and sends it; it wins over the plan until it ends. Times are Beijing time on the platform clock.
 */
export function OverrideForm({ open, siteId, siteNames, onClose, onDone }: {
  open: boolean;
  siteId: string | undefined;
  siteNames: ReadonlyMap<string, string>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const st = useServerText();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [nowMs, setNowMs] = useState<number>();

  // The platform clock (simulated and fast in the demo) sets the default window: now … now + 2 h.
  useEffect(() => {
    if (!open) return;
    setError(undefined);
    const ctrl = new AbortController();
    form.setFieldsValue({ siteId, kind: 'setpoint', setpointC: 20, sgState: undefined, from: undefined, to: undefined, note: undefined });
    apiGet<FleetOverview>('/fleet/overview', ctrl.signal)
      .then((o) => {
        setNowMs(o.clockMs);
        form.setFieldsValue({ to: msToBeijingLocal(o.clockMs + 2 * HOUR_MS) });
      })
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [open, siteId, form]);

  const submit = async (v: Values): Promise<void> => {
    setBusy(true);
    setError(undefined);
    const body: Override = {
      siteId: v.siteId,
      kind: v.kind,
      ...(v.kind === 'setpoint' ? { setpointC: v.setpointC } : { sgState: v.sgState }),
      ...(v.from ? { fromMs: beijingLocalToMs(v.from) ?? undefined } : {}),
      toMs: beijingLocalToMs(v.to) ?? 0,
      ...(v.note ? { note: v.note } : {}),
    };
    try {
      await apiRequest<unknown>(dispatchPaths.overrides(), { method: 'POST', body });
      onDone();
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'internal', String(err));
      setError(e);
      const fields = e.issues
        .map((i) => ({ name: FIELD_OF[i.path.split(/[./]/).filter(Boolean).pop() ?? ''], errors: [i.message] }))
        .filter((f): f is { name: keyof Values; errors: string[] } => f.name !== undefined);
      if (fields.length) form.setFields(fields);
    } finally {
      setBusy(false);
    }
  };

  const windowRule = {
    validator: async (_: unknown, to: string | undefined) => {
      const toMs = to ? beijingLocalToMs(to) : null;
      if (toMs === null) throw new Error(t('dispatch.ov.toRequired'));
      const from = form.getFieldValue('from') as string | undefined;
      const fromMs = from ? beijingLocalToMs(from) : (nowMs ?? null);
      if (fromMs !== null && toMs <= fromMs) throw new Error(t('dispatch.ov.toAfterFrom'));
      if (form.getFieldValue('kind') === 'run-permission' && form.getFieldValue('sgState') === 1 && fromMs !== null && toMs - fromMs > MAX_SG_LOCK_MS) {
        throw new Error(t('dispatch.ov.lockTooLong'));
      }
    },
  };

  return (
    <Modal open={open} title={t('dispatch.ov.title')} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="override-form" requiredMark>
        <Form.Item name="siteId" label={t('dispatch.household')} rules={[{ required: true, message: t('dispatch.ov.siteRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={[...siteNames].map(([value, label]) => ({ value, label }))} data-testid="ov-site" />
        </Form.Item>
        <Form.Item name="kind" label={t('dispatch.ov.kind')} rules={[{ required: true }]}>
          <Radio.Group data-testid="ov-kind">
            <Radio.Button value="setpoint">{t('dispatch.kind.setpoint')}</Radio.Button>
            <Radio.Button value="run-permission">{t('dispatch.kind.run-permission')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {kind === 'run-permission' ? (
          <Form.Item name="sgState" label={t('dispatch.ov.sgState')} rules={[{ required: true, message: t('dispatch.ov.sgRequired') }]} extra={t('dispatch.ov.sgHint')}>
            <Select<SgReadyState> data-testid="ov-sg" options={([1, 2, 3, 4] as const).map((s) => ({ value: s, label: sgStateLabel(s, t) }))} />
          </Form.Item>
        ) : (
          <Form.Item
            name="setpointC"
            label={t('dispatch.ov.setpoint')}
            rules={[
              { required: true, message: t('dispatch.ov.setpointRequired') },
              { type: 'number', min: SETPOINT_RANGE_C.min, max: SETPOINT_RANGE_C.max, message: t('dispatch.ov.setpointRange', SETPOINT_RANGE_C) },
            ]}
          >
            <InputNumber<number> step={0.5} suffix="°C" style={{ width: 160 }} data-testid="ov-setpoint" />
          </Form.Item>
        )}
        <Flex gap={12}>
          <Form.Item name="from" label={t('dispatch.ov.from')} extra={t('dispatch.ov.fromHint')} style={{ flex: 1 }}>
            <Input type="datetime-local" data-testid="ov-from" />
          </Form.Item>
          <Form.Item name="to" label={t('dispatch.ov.to')} dependencies={['from', 'sgState', 'kind']} rules={[windowRule]} style={{ flex: 1 }}>
            <Input type="datetime-local" data-testid="ov-to" />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label={t('dispatch.ov.note')} rules={[{ max: 300 }]}>
          <Input.TextArea rows={2} maxLength={300} data-testid="ov-note" />
        </Form.Item>
        {nowMs !== undefined && <Typography.Paragraph type="secondary">{t('dispatch.ov.platformNow', { time: fmtDateTime(nowMs, i18n.language) })} {t('dispatch.ov.audited')}</Typography.Paragraph>}
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="override-error"
            title={t('error.requestFailed', { code: error.code, status: error.status })}
            description={
              error.issues.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {error.issues.map((i) => <li key={`${i.path}|${i.message}`}>{`${t(`dispatch.ov.field.${FIELD_OF[i.path.split(/[./]/).filter(Boolean).pop() ?? ''] ?? 'other'}`)}: ${i.message}`}</li>)}
                </ul>
              ) : st('apiError', error.text, error.message)
            }
          />
        )}
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('dispatch.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="ov-submit">{t('dispatch.ov.submit')}</Button>
        </Flex>
      </Form>
    </Modal>
  );
}

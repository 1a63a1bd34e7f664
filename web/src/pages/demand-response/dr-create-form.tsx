import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest } from '../../api/client.js';
import { drPaths, type CreateDrEvent, type DrEventDetail } from './dr-api.js';
import { useServerText } from '../../i18n/server-texts.js';

type Values = Omit<CreateDrEvent, 'source'> & { source?: string };
const FIELDS = new Set(['id', 'villageId', 'direction', 'day', 'from', 'to', 'requestedKw', 'source']);
const pad2 = (n: number) => String(n).padStart(2, '0');
/** Quarter hours of the local day, "00:00" … "24:00" (the contract's window grid). */
const QUARTERS = Array.from({ length: 97 }, (_, i) => `${pad2(Math.floor(i / 4))}:${pad2((i % 4) * 15)}`);

/**
 * Enter a demand-response request as the grid operator sent it (an OpenADR-style client posts the same body):
 * the server answers with the village's offer, which the operator then commits.
 */
export function DrCreateForm({ open, villages, defaultVillageId, defaultDay, onClose, onCreated }: {
  open: boolean;
  villages: readonly { value: string; label: string }[];
  defaultVillageId: string | undefined;
  defaultDay: string;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const st = useServerText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (v: Values): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const body: CreateDrEvent = { villageId: v.villageId, direction: v.direction, day: v.day, from: v.from, to: v.to, requestedKw: v.requestedKw, ...(v.source ? { source: v.source } : {}), ...(v.id ? { id: v.id } : {}) };
      const created = await apiRequest<DrEventDetail>(drPaths.create(), { method: 'POST', body });
      form.resetFields();
      onCreated(created.id);
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'internal', String(err));
      setError(e);
      const fields = e.issues
        .map((i) => ({ name: i.path.split(/[./]/).filter(Boolean).pop() ?? '', errors: [i.message] }))
        .filter((f) => FIELDS.has(f.name)) as { name: keyof Values; errors: string[] }[];
      if (fields.length) form.setFields(fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('dr.newEvent')} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="dr-create-form"
        initialValues={{ villageId: defaultVillageId, direction: 'reduce', day: defaultDay, from: '20:00', to: '21:00', source: 'grid-operator' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="villageId" label={t('dispatch.village')} rules={[{ required: true, message: t('dr.form.villageRequired') }]}>
          <Select options={[...villages]} data-testid="dr-village" />
        </Form.Item>
        <Form.Item name="direction" label={t('dr.directionTitle')} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio.Button value="reduce">{t('dr.direction.reduce')}</Radio.Button>
            <Radio.Button value="increase">{t('dr.direction.increase')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="day" label={t('dispatch.day')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('dr.form.dayRequired') }]} style={{ flex: 1 }}>
            <Input type="date" data-testid="dr-day" />
          </Form.Item>
          <Form.Item name="from" label={t('dr.form.from')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={QUARTERS.slice(0, 96).map((q) => ({ value: q, label: q }))} data-testid="dr-from" />
          </Form.Item>
          <Form.Item
            name="to"
            label={t('dr.form.to')}
            dependencies={['from']}
            rules={[{ required: true }, ({ getFieldValue }) => ({ validator: async (_, to: string) => { if (to <= (getFieldValue('from') as string)) throw new Error(t('dr.form.toAfterFrom')); } })]}
            style={{ flex: 1 }}
          >
            <Select options={QUARTERS.slice(1).map((q) => ({ value: q, label: q }))} data-testid="dr-to" />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="requestedKw" label={t('dr.form.requestedKw')} rules={[{ required: true, message: t('dr.form.requestedRequired') }, { type: 'number', min: 0.1, message: t('dr.form.requestedPositive') }]} style={{ flex: 1 }}>
            <InputNumber<number> step={1} suffix="kW" style={{ width: '100%' }} data-testid="dr-requested" />
          </Form.Item>
          <Form.Item name="source" label={t('dr.source')} rules={[{ max: 80 }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="id" label={t('dr.form.id')} extra={t('dr.form.idHint')} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Flex>
        {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="dr-create-error" title={t('error.requestFailed', { code: error.code, status: error.status })} description={error.issues.length ? error.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : st('apiError', error.text, error.message)} />}
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('dispatch.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="dr-create-submit">{t('dr.form.submit')}</Button>
        </Flex>
      </Form>
    </Modal>
  );
}

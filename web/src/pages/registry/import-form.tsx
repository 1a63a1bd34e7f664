import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Table, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest } from '../../api/client.js';
import { ApiErrorView } from '../../components/api-error.js';

interface ImportError {
  file: string;
  sheet?: string;
  row: number;
  column: string | null;
  reason: string;
}
interface ImportResult {
  ok: boolean;
  counts?: Record<string, number>;
  errors?: ImportError[];
}

const toBase64 = (file: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });

/** Bulk registry import (XLSX/CSV/JSON). A dry run validates every row and writes nothing. */
export function ImportForm({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult & { dryRun: boolean }>();
  const [error, setError] = useState<ApiError>();

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const payload = await Promise.all(files.map(async (f) => ({ name: f.name, contentBase64: await toBase64(f.originFileObj as Blob) })));
      // 422 (invalid rows) and 403 (rows outside your scope) carry the row-level errors.
      const res = await apiRequest<ImportResult>('/registry/import', { method: 'POST', body: { files: payload, dryRun }, acceptStatus: [403, 422] });
      setResult({ ...res, dryRun });
      if (res.ok && !dryRun) onImported();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'internal', String(err)));
    } finally {
      setBusy(false);
    }
  };

  const counts = result?.counts ? Object.entries(result.counts).map(([k, n]) => `${t(`registryKind.${k}`, { defaultValue: k })} ${n}`).join('，') : '';
  return (
    <Flex vertical gap={12} data-testid="import-form">
      <Upload.Dragger
        multiple
        accept=".xlsx,.csv,.json"
        fileList={files}
        beforeUpload={() => false}
        onChange={({ fileList }) => setFiles(fileList)}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p>{t('import.drop')}</p>
        <p style={{ color: 'rgba(0,0,0,0.45)' }}>{t('import.hint')}</p>
      </Upload.Dragger>
      <Flex gap={12} align="center">
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="import-dry-run">{t('import.dryRun')}</Checkbox>
        <Button type="primary" disabled={files.length === 0} loading={busy} onClick={() => void submit()} data-testid="import-submit">
          {t(dryRun ? 'import.check' : 'import.submit')}
        </Button>
      </Flex>
      {error && <ApiErrorView error={error} />}
      {result?.ok && <Alert type="success" showIcon title={t(result.dryRun ? 'import.dryRunOk' : 'import.ok')} description={counts || undefined} data-testid="import-ok" />}
      {result && !result.ok && (
        <>
          <Alert type="error" showIcon title={t('import.failed', { count: result.errors?.length ?? 0 })} />
          <Table<ImportError>
            size="small"
            data-testid="import-errors"
            rowKey={(e) => `${e.file}|${e.sheet ?? ''}|${e.row}|${e.column}|${e.reason}`}
            dataSource={result.errors ?? []}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: t('import.file'), dataIndex: 'file' },
              { title: t('import.sheet'), dataIndex: 'sheet', render: (s?: string) => s ?? '—' },
              { title: t('import.row'), dataIndex: 'row', align: 'right' },
              { title: t('import.column'), dataIndex: 'column', render: (c: string | null) => c ?? '—' },
              { title: t('import.reason'), dataIndex: 'reason' },
            ]}
          />
        </>
      )}
    </Flex>
  );
}

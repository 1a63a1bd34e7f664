import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistryKind } from '../../../../src/domain/registry.js';
import { API } from '../../api/client.js';
import { may, useUser } from '../../auth/session.js';
import { ImportForm } from './import-form.js';
import { RegistryTable } from './registry-table.js';

// Mirrors REGISTRY_KINDS (src/domain/registry.ts) without pulling zod into the bundle.
const KINDS = ['areas', 'organisations', 'programmes', 'transformers', 'sites', 'buildings', 'units', 'meters', 'devices'] as const satisfies readonly RegistryKind[];

export function RegistryPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [kind, setKind] = useState<RegistryKind>('sites');
  const [generation, setGeneration] = useState(0);

  return (
    <Flex vertical gap={16} data-testid="registry-page">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('registry.title')}</Typography.Title>
        {may(user, 'registry:export') && (
          <Space data-testid="export-links">
            <Typography.Text type="secondary">{t('registry.export')}:</Typography.Text>
            <Button icon={<DownloadOutlined />} href={`${API}/registry/export?format=xlsx`} download>Excel (XLSX)</Button>
            <Button icon={<DownloadOutlined />} href={`${API}/registry/export?format=json`} download>JSON</Button>
          </Space>
        )}
      </Flex>
      <Card size="small">
        <Tabs
          activeKey={kind}
          onChange={(k) => setKind(k as RegistryKind)}
          data-testid="registry-tabs"
          items={KINDS.map((k) => ({ key: k, label: t(`registryKind.${k}`), children: kind === k ? <RegistryTable key={`${k}-${generation}`} kind={k} /> : null }))}
        />
      </Card>
      {may(user, 'registry:import') && (
        <Card size="small" title={t('import.title')}>
          <ImportForm onImported={() => setGeneration((g) => g + 1)} />
        </Card>
      )}
    </Flex>
  );
}

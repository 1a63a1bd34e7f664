import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function Loading({ tip }: { tip?: string }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" gap={12} style={{ minHeight: 200 }} data-testid="loading">
      <Spin />
      <span>{tip ?? t('common.loading')}</span>
    </Flex>
  );
}

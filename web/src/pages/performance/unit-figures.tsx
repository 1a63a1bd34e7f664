import { Card, Col, Descriptions, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnitReport } from './api.js';
import { groupFigures } from './figure-groups.js';
import { KpiTitle, KpiValue } from './kpi-labels.js';

type Figure = UnitReport['figures'][number];

/** Every KPI of the unit for the period, grouped; each with its unit, its boundary where it has one, or the reason it is missing. */
export function UnitFigures({ figures }: { figures: Figure[] }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} data-testid="unit-figures">
      {groupFigures(figures).map(([group, items]) => (
        <Col key={group} xs={24} md={12} xl={8}>
          <Card size="small" title={t(`figureGroup.${group}`)} data-testid={`unit-figures-${group}`} style={{ height: '100%' }}>
            <Descriptions size="small" column={1} colon={false}>
              {items.map((f) => (
                <Descriptions.Item key={f.key} label={<KpiTitle kpi={f.key} unit={f.unit} boundary={f.boundary} />}>
                  <KpiValue kpi={f.key} value={f.value} reason={f.reason} testId={`unit-figure-${f.key}`} />
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

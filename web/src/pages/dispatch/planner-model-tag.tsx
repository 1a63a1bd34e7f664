import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { fmtNumber } from '../../format/format.js';
import type { PlanDetail } from './dispatch-api.js';

export type PlannerModelView = NonNullable<PlanDetail['households'][number]['model']>;

/** The sentence for a model choice in the UI language, from its stable code and figures (server `reason` is English). */
export function plannerModelText(m: PlannerModelView, t: TFunction, lang: string): string {
  return t(`dispatch.plannerModel.codes.${m.code}`, {
    days: fmtNumber(m.fitDays, lang, 1), fit: fmtNumber(m.fitRmseK, lang, 2), registered: fmtNumber(m.registeredRmseK, lang, 2), max: fmtNumber(m.maxFitRmseK, lang, 2),
  });
}

/** Which building model planned a household: a tag (identified / registered), the fit figures, the reason on hover. */
export function PlannerModelTag({ model, t, lang }: { model: PlannerModelView | undefined; t: TFunction; lang: string }) {
  if (!model) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = plannerModelText(model, t, lang);
  return (
    <Tooltip title={<>{text}<br />{t('dispatch.plannerModel.hint')}</>}>
      <Flex vertical gap={0} data-testid="planner-model" data-model-source={model.source} data-model-code={model.code}>
        <span><Tag color={model.source === 'identified' ? 'green' : 'default'}>{t(`dispatch.plannerModel.${model.source}`)}</Tag></span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {model.fitRmseK === null && model.registeredRmseK === null
            ? text
            : t('dispatch.plannerModel.figures', { fit: fmtNumber(model.fitRmseK, lang, 2), registered: fmtNumber(model.registeredRmseK, lang, 2), days: fmtNumber(model.fitDays, lang, 1) })}
        </Typography.Text>
      </Flex>
    </Tooltip>
  );
}

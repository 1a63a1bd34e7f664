import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { DrDirection, DrStatus } from './dr-api.js';

const STATUS_COLOURS: Record<DrStatus, string> = { offered: 'blue', committed: 'processing', completed: 'success', cancelled: 'default' };

export const DrStatusTag = ({ status, t }: { status: DrStatus; t: TFunction }) => (
  <Tag color={STATUS_COLOURS[status]} data-testid="dr-status" data-status={status}>{t(`dr.status.${status}`)}</Tag>
);

/** Reduce = 削峰 (shave the peak), increase = 填谷 (fill the valley). */
export const DrDirectionTag = ({ direction, t }: { direction: DrDirection; t: TFunction }) => (
  <Tag color={direction === 'reduce' ? 'volcano' : 'cyan'} data-testid="dr-direction">{t(`dr.direction.${direction}`)}</Tag>
);

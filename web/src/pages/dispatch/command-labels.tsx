import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { fmtDateTime, fmtNumber } from '../../format/format.js';
import { SG_READY_STATES, type CommandOrigin, type CommandState, type DeviceCommand } from './dispatch-api.js';

const STATE_COLOURS: Record<CommandState, string> = {
  queued: 'default',
  sent: 'processing',
  accepted: 'success',
  rejected: 'error',
  'not-acknowledging': 'volcano',
  expired: 'warning',
  superseded: 'default',
};

export const CommandStateTag = ({ state, t }: { state: CommandState; t: TFunction }) => (
  <Tag color={STATE_COLOURS[state]} data-testid="command-state" data-state={state}>{t(`dispatch.state.${state}`)}</Tag>
);

const ORIGIN_COLOURS: Record<CommandOrigin, string> = { plan: 'blue', replan: 'geekblue', override: 'magenta' };
export const CommandOriginTag = ({ origin, t }: { origin: CommandOrigin; t: TFunction }) => (
  <Tag color={ORIGIN_COLOURS[origin]} data-testid="command-origin" data-origin={origin}>{t(`dispatch.origin.${origin}`)}</Tag>
);

export const sgStateLabel = (s: keyof typeof SG_READY_STATES, t: TFunction): string => `${s} · ${t(`dispatch.sg.${SG_READY_STATES[s]}`)}`;

/** What a command asks for, in words: the setpoint, the run permission, the mode, or the schedule's extent. */
export function describeCommand(c: DeviceCommand, t: TFunction, lang: string): string {
  const window = 'validFromMs' in c ? ` · ${fmtDateTime(c.validFromMs, lang)} – ${fmtDateTime(c.validToMs, lang)}` : '';
  switch (c.kind) {
    case 'setpoint':
      return `${t('dispatch.kind.setpoint')} ${fmtNumber(c.setpointC, lang, 1)} °C${window}`;
    case 'run-permission':
      return `${t('dispatch.kind.run-permission')} ${sgStateLabel(c.sgState, t)}${window}`;
    case 'mode':
      return `${t('dispatch.kind.mode')} ${t(`dispatch.mode.${c.mode}`)}${window}`;
    case 'schedule':
      return t('dispatch.scheduleSummary', { slots: c.slots.length, minutes: Math.round(c.slotS / 60), from: fmtDateTime(c.startMs, lang) });
  }
}

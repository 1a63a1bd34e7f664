import { Alert, Button, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client.js';
import type { CreditRuleWire } from '../performance/api.js';
import { EXAMPLE_RULES, ruleWords } from './rule-words.js';
import { useServerText } from '../../i18n/server-texts.js';

interface Props {
  /** The server's answer to the last evaluation: a 400 names the field that was wrong. */
  serverError: ApiError | undefined;
  onEvaluate: (rules: CreditRuleWire[]) => void;
  onReset: () => void;
  active: boolean;
}

/**
 * A regulator's own access/credit rules as JSON ({"rules": [...]} or a bare array), evaluated by the server
 * against the same population; the rules are read back in words before they are sent.
 */
export function RuleEditor({ serverError, onEvaluate, onReset, active }: Props) {
  const { t } = useTranslation();
  const st = useServerText();
  const [text, setText] = useState(() => JSON.stringify({ rules: EXAMPLE_RULES }, null, 2));
  const [parseError, setParseError] = useState<string>();
  const [preview, setPreview] = useState<CreditRuleWire[]>(EXAMPLE_RULES);

  const parse = (s: string): CreditRuleWire[] | null => {
    try {
      const v = JSON.parse(s) as unknown;
      const rules = Array.isArray(v) ? v : (v as { rules?: unknown })?.rules;
      if (!Array.isArray(rules)) {
        setParseError(t('ruleEditor.needRules'));
        return null;
      }
      setParseError(undefined);
      return rules as CreditRuleWire[];
    } catch (err) {
      setParseError(t('ruleEditor.badJson', { message: err instanceof Error ? err.message : String(err) }));
      return null;
    }
  };
  const evaluate = (): void => {
    const rules = parse(text);
    if (!rules) return;
    setPreview(rules);
    onEvaluate(rules);
  };
  const issues = serverError?.issues ?? [];

  return (
    <Flex vertical gap={8} data-testid="rule-editor">
      <Typography.Text type="secondary">{t('ruleEditor.hint')}</Typography.Text>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 8, maxRows: 24 }}
        spellCheck={false}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        data-testid="rule-editor-json"
      />
      <Flex gap={8}>
        <Button type="primary" onClick={evaluate} data-testid="rule-editor-evaluate">{t('ruleEditor.evaluate')}</Button>
        {active && <Button onClick={onReset} data-testid="rule-editor-reset">{t('ruleEditor.reset')}</Button>}
      </Flex>
      {parseError && <Alert type="error" showIcon title={parseError} data-testid="rule-editor-error" />}
      {serverError && active && (
        <Alert
          type="error"
          showIcon
          data-testid="rule-editor-error"
          title={t('ruleEditor.rejected')}
          description={issues.length ? (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {issues.map((i) => <li key={`${i.path}|${i.message}`}><Typography.Text code data-testid="rule-editor-field">{i.path || '—'}</Typography.Text> {i.message}</li>)}
            </ul>
          ) : st('apiError', serverError.text, serverError.message)}
        />
      )}
      {!parseError && (
        <div data-testid="rule-editor-words">
          <Typography.Text strong>{t('ruleEditor.inWords')}</Typography.Text>
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {preview.map((r, i) => <li key={r.id ?? i}>{r && typeof r === 'object' && 'kind' in r ? safeWords(r, t) : JSON.stringify(r)}</li>)}
          </ol>
        </div>
      )}
    </Flex>
  );
}

/** Rules fresh from the editor may be malformed until the server has checked them: words only where they can be formed. */
function safeWords(r: CreditRuleWire, t: Parameters<typeof ruleWords>[1]): string {
  try {
    return ruleWords(r, t) ?? JSON.stringify(r);
  } catch {
    return JSON.stringify(r);
  }
}

/**
 * Who may see which part of a season report (docs/analytics/reports.md), on top of scope (authorize.ts):
 * - every role with fleet:read gets the report of the units in its scope (a household: its own unit only);
 * - fleet statistics (distributions, influence factors, rankings, credit list, after-sales) need a fleet:
 *   admin, regulators (their region) and operators/technicians (their own fleet only — the population says so);
 *   households get 403;
 * - rules posted for the credit list: regulators and admin only (operators get the default rule set).
 */
import { may, type Principal } from '../authorize.js';
import { SeasonReportError } from './errors.js';

export function requireRead(p: Principal): void {
  if (!may(p, 'fleet:read')) throw new SeasonReportError('forbidden', 'your role may not fleet:read');
}

export function requireFleetStatistics(p: Principal, what: string): void {
  requireRead(p);
  if (p.role === 'household') throw new SeasonReportError('forbidden', `${what} compares many units: a household sees its own unit's report only`);
}

export const mayPostCreditRules = (p: Principal): boolean => p.role === 'admin' || p.role === 'regulator';

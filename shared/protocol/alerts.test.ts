import { describe, expect, it } from 'vitest';
import { AlertRuleSchema } from './alerts';

const RULE = { id: 'r1', itemId: 4151, measure: 'buy', op: 'below', target: 5 } as const;

function refusal(input: object): string[] {
  const parsed = AlertRuleSchema.safeParse({ ...RULE, ...input });
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('AlertRuleSchema', () => {
  it('accepts every measure on a threshold, and the price legs on a move or a dump', () => {
    for (const measure of ['buy', 'sell', 'margin', 'profit', 'roi', 'volume']) expect(refusal({ measure })).toEqual([]);
    for (const kind of ['move', 'dump']) for (const measure of ['buy', 'sell']) expect(refusal({ kind, measure })).toEqual([]);
  });

  it('refuses a move or a dump on a measure the evaluator never reads, saying which it can watch', () => {
    expect(refusal({ kind: 'dump', measure: 'margin' })).toEqual(['measure: a dump rule watches buy or sell, not margin']);
    expect(refusal({ kind: 'dump', measure: 'volume' })).toEqual(['measure: a dump rule watches buy or sell, not volume']);
    expect(refusal({ kind: 'move', measure: 'roi' })).toEqual(['measure: a move rule watches buy or sell, not roi']);
  });
});

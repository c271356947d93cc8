import { describe, expect, it } from 'vitest';
import { emptyAlertDraft, readAlertDraft, type AlertDraft } from './alert-draft';
import { describeRule } from './alert-text';

const NOW = 1_800_000_000;
const context = { itemIdOf: (name: string) => (name.toLowerCase() === 'abyssal whip' ? 4151 : null), newId: () => 'new1', now: NOW };
const draft = (change: Partial<AlertDraft>): AlertDraft => ({ ...emptyAlertDraft('Abyssal whip'), ...change });

describe('reading the alert form', () => {
  it('reads a price target in trader shorthand', () => {
    const result = readAlertDraft(draft({ target: '1.5m' }), context);
    expect(result.alert).toMatchObject({ id: 'new1', itemId: 4151, kind: 'threshold', measure: 'buy', op: 'below', target: 1_500_000, mode: 'instant', expiresAt: null, enabled: true });
    expect(describeRule(result.alert!)).toBe('Buy price below 1.5M');
  });

  it('reads percent targets with decimals for ROI and moves', () => {
    expect(readAlertDraft(draft({ measure: 'roi', op: 'above', target: '2.5%' }), context).alert?.target).toBe(2.5);
    const move = readAlertDraft(draft({ kind: 'move', measure: 'sell', op: 'above', target: '5', window: '24h' }), context).alert!;
    expect(describeRule(move)).toBe('Sell price up 5% over 24 h');
  });

  it('makes a dump rule a drop below the 24 h average', () => {
    const dump = readAlertDraft(draft({ kind: 'dump', op: 'above', target: '10', mode: 'confirmed' }), context).alert!;
    expect(dump).toMatchObject({ kind: 'dump', op: 'below', target: 10, mode: 'confirmed' });
  });

  it('says what is wrong with bad input instead of saving it', () => {
    expect(readAlertDraft(draft({ itemName: '' }), context).error).toBe('Choose an item for the alert.');
    expect(readAlertDraft(draft({ itemName: 'Abyssal whipp' }), context).error).toBe('No item called "Abyssal whipp".');
    expect(readAlertDraft(draft({ target: 'lots' }), context).error).toBe('Enter the target as gp, e.g. 250k or 1.5m.');
    expect(readAlertDraft(draft({ target: '0' }), context).error).toMatch(/more than 0/);
    expect(readAlertDraft(draft({ kind: 'move', op: 'below', target: '150' }), context).error).toBe('A price cannot fall by 100% or more.');
    expect(readAlertDraft(draft({ kind: 'move', measure: 'roi', target: '5' }), context).error).toMatch(/cannot watch/);
    expect(readAlertDraft(draft({ target: '1m', expires: '2020-01-01T10:00:00' }), context).error).toMatch(/in the past/);
    expect(readAlertDraft(draft({ target: '1m', expires: 'soon' }), context).error).toMatch(/date and time/);
  });

  it('lets a margin or profit target be negative (a loss that closes)', () => {
    expect(readAlertDraft(draft({ measure: 'profit', op: 'above', target: '-5k' }), context).alert?.target).toBe(-5000);
  });

  it('keeps an edited rule’s id, creation time and switch', () => {
    const previous = { ...readAlertDraft(draft({ target: '1m' }), context).alert!, enabled: false, createdAt: 42 };
    const edited = readAlertDraft(draft({ id: 'new1', target: '2m' }), { ...context, newId: () => 'other', previous }).alert!;
    expect(edited).toMatchObject({ id: 'new1', target: 2_000_000, enabled: false, createdAt: 42 });
  });
});

import { describe, expect, it } from 'vitest';
import { GE_TAX_CAP, GE_TAX_INCREASED, GE_TAX_START, geTax, isTaxExempt, taxRate, saleTax, grossFromNet } from './tax';

const NOW = GE_TAX_INCREASED + 86_400; // a day into the 2% rate
const OLD = GE_TAX_INCREASED - 86_400; // a day before it
const WHIP = 4151;
const BOND = 13190;

describe('GE tax at the current 2% rate', () => {
  it('takes 2% of the sell price, rounded down', () => {
    expect(geTax(WHIP, 1_716_616, NOW)).toBe(34_332);
    expect(geTax(561, 115, NOW)).toBe(2);
  });

  it('charges nothing on a sale at 49 gp or less, and 1 gp at 50', () => {
    expect(geTax(WHIP, 1, NOW)).toBe(0);
    expect(geTax(WHIP, 49, NOW)).toBe(0);
    expect(geTax(WHIP, 50, NOW)).toBe(1);
  });

  it('caps the tax at 5,000,000 gp from a sell price of 250M', () => {
    expect(geTax(WHIP, 249_999_999, NOW)).toBe(4_999_999);
    expect(geTax(WHIP, 250_000_000, NOW)).toBe(GE_TAX_CAP);
    expect(geTax(20997, 1_440_000_000, NOW)).toBe(GE_TAX_CAP);
  });

  it('never taxes the old school bond or the tools exempt since 2021', () => {
    expect(geTax(BOND, 13_299_048, NOW)).toBe(0);
    for (const id of [1755, 5325, 1785, 2347, 1733, 233, 5341, 8794, 5329, 5343, 1735, 952, 5331]) {
      expect(isTaxExempt(id, NOW), `item ${id}`).toBe(true);
    }
  });

  it('exempts the items added in May 2025 (food, ammo, tablets, jewellery, energy potions)', () => {
    for (const id of [379, 361, 882, 808, 558, 8007, 8013, 28790, 28824, 2552, 3853, 3008, 3014]) {
      expect(geTax(id, 10_000, NOW), `item ${id}`).toBe(0);
    }
  });

  it('treats a zero or negative price as untaxed', () => {
    expect(geTax(WHIP, 0, NOW)).toBe(0);
    expect(geTax(WHIP, -100, NOW)).toBe(0);
  });
});

describe('GE tax before 29 May 2025', () => {
  it('took 1%, so sales up to 99 gp were free', () => {
    expect(taxRate(OLD)).toBe(0.01);
    expect(geTax(WHIP, 1_716_616, OLD)).toBe(17_166);
    expect(geTax(WHIP, 99, OLD)).toBe(0);
    expect(geTax(WHIP, 100, OLD)).toBe(1);
  });

  it('reached the 5,000,000 gp cap only at 500M', () => {
    expect(geTax(WHIP, 400_000_000, OLD)).toBe(4_000_000);
    expect(geTax(WHIP, 500_000_000, OLD)).toBe(GE_TAX_CAP);
  });

  it('taxed the items that became exempt in May 2025, but never the bond', () => {
    expect(isTaxExempt(379, OLD)).toBe(false);
    expect(geTax(379, 10_000, OLD)).toBe(100);
    expect(geTax(BOND, 13_000_000, OLD)).toBe(0);
  });

  it('did not exist before 9 December 2021', () => {
    expect(taxRate(GE_TAX_START - 1)).toBe(0);
    expect(geTax(WHIP, 2_000_000, GE_TAX_START - 1)).toBe(0);
    expect(taxRate(GE_TAX_START)).toBe(0.01);
  });

  it('switches to 2% exactly at the increase', () => {
    expect(taxRate(GE_TAX_INCREASED - 1)).toBe(0.01);
    expect(taxRate(GE_TAX_INCREASED)).toBe(0.02);
  });

  it('taxes a whole sell per item: floored and capped per item, then times the quantity', () => {
    expect(saleTax(WHIP, 149, 3, GE_TAX_INCREASED)).toBe(6);
    expect(saleTax(WHIP, 600_000_000, 2, GE_TAX_INCREASED)).toBe(10_000_000);
  });

  it('finds the price before tax behind a sell recorded net of tax', () => {
    // Several prices can leave the same net (the floor): the highest of them is taken.
    for (const gross of [49, 50, 149, 1_600_000, 1_234_567]) {
      const net = gross - geTax(WHIP, gross, NOW);
      const found = grossFromNet(WHIP, net, NOW);
      expect(found - geTax(WHIP, found, NOW)).toBe(net);
      expect(found + 1 - geTax(WHIP, found + 1, NOW)).toBeGreaterThan(net);
    }
    expect(grossFromNet(WHIP, 1_584_000, OLD)).toBe(1_600_000);
    expect(grossFromNet(WHIP, 49, NOW)).toBe(50);
    expect(grossFromNet(WHIP, 995_000_000, NOW)).toBe(1_000_000_000);
    expect(grossFromNet(BOND, 13_000_000, NOW)).toBe(13_000_000);
  });
});

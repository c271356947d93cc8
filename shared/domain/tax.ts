// Grand Exchange tax, paid by the seller and deducted from the proceeds.
// 1% from 2021-12-09, 2% from 2025-05-29, floored, capped at 5,000,000 gp.
// Exempt items are matched by id: names in /mapping differ from the patch notes.

export const GE_TAX_START = 1639072800; // 2021-12-09, first taxed trades
export const GE_TAX_INCREASED = 1748514600; // 2025-05-29, rate 1% -> 2%
export const GE_TAX_CAP = 5_000_000;

/** Exempt since the tax was introduced (2021). */
const EXEMPT_2021 = [1755, 5325, 1785, 2347, 1733, 13190, 233, 5341, 8794, 5329, 5343, 1735, 952, 5331];

/** Added to the exempt list with the 2% rate (2025-05-29). */
const EXEMPT_2025 = [
  365, 2309, 1891, 2140, 2142, 347, 379, 355, 2327, 351, 329, 315, 361, // food
  882, 884, 886, 806, 807, 808, 558, // ammunition and mind runes
  8007, 8008, 8009, 8010, 8011, 8013, 28790, 28824, // teleport tablets
  2552, 3853, // ring of dueling(8), games necklace(8)
  3008, 3010, 3012, 3014, // energy potions
];

const exemptOld = new Set(EXEMPT_2021);
const exemptNow = new Set([...EXEMPT_2021, ...EXEMPT_2025]);

export function isTaxExempt(itemId: number, at: number = Date.now() / 1000): boolean {
  return at < GE_TAX_INCREASED ? exemptOld.has(itemId) : exemptNow.has(itemId);
}

/** Tax rate in force at a unix time (seconds). */
export function taxRate(at: number): number {
  if (at < GE_TAX_START) return 0;
  return at < GE_TAX_INCREASED ? 0.01 : 0.02;
}

/**
 * Tax on selling one unit of `itemId` at `sellPrice`, at unix time `at` (default now).
 * The floor makes anything at 49 gp or less (99 gp at the old 1%) tax-free.
 */
export function geTax(itemId: number, sellPrice: number, at: number = Date.now() / 1000): number {
  if (sellPrice <= 0 || isTaxExempt(itemId, at)) return 0;
  return Math.min(Math.floor(sellPrice * taxRate(at)), GE_TAX_CAP);
}

/** Tax on a whole sell: per item, floored and capped per item, times the quantity. */
export function saleTax(itemId: number, unitPrice: number, quantity: number, at: number): number {
  return geTax(itemId, unitPrice, at) * quantity;
}

/**
 * The price before tax that leaves `netPrice` per item after it: the other tools' files that
 * record sells net of tax become prices the journal can tax again by the same rule.
 */
export function grossFromNet(itemId: number, netPrice: number, at: number): number {
  const rate = isTaxExempt(itemId, at) ? 0 : taxRate(at);
  if (rate === 0 || netPrice <= 0) return netPrice;
  if (netPrice / (1 - rate) * rate >= GE_TAX_CAP) return netPrice + GE_TAX_CAP;
  // Several prices leave the same net (the floor): the highest is taken, as that is where the
  // tax ticks up, at round prices such as 1,600,000.
  let gross = Math.max(netPrice, Math.floor(netPrice / (1 - rate)) - 2);
  while (gross - geTax(itemId, gross, at) < netPrice) gross += 1;
  while (gross + 1 - geTax(itemId, gross + 1, at) === netPrice) gross += 1;
  return gross;
}

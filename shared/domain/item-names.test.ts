import { describe, expect, it } from 'vitest';
import { createNameResolver } from './item-names';

describe('item names to ids', () => {
  const resolve = createNameResolver([
    { id: 4151, name: 'Abyssal whip' },
    { id: 2, name: 'Steel cannonball' },
  ]);

  it('matches the current name in any case and spacing', () => {
    expect(resolve(' abyssal  WHIP ')).toBe(4151);
  });

  it('matches a name from before a rename', () => {
    expect(resolve('Cannonball')).toBe(2);
  });

  it('matches nothing for an unknown name', () => {
    expect(resolve('Abyssal whipp')).toBeNull();
  });
});
